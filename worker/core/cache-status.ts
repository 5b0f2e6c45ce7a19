/** RFC 9211 `Cache-Status` values for the `hj-kv` cache. */
export type CacheOutcome =
  | { kind: "hit"; ttl: number; detail?: string }
  | { kind: "miss"; stored: boolean; collapsed?: boolean }
  | { kind: "bypass" };

export const CACHE_NAME = "hj-kv";

export function cacheStatus(o: CacheOutcome): string {
  switch (o.kind) {
    case "hit":
      return `${CACHE_NAME}; hit; ttl=${o.ttl}${o.detail ? `; detail=${o.detail}` : ""}`;
    case "miss":
      return `${CACHE_NAME}; fwd=miss${o.stored ? "; stored" : ""}${o.collapsed ? "; collapsed" : ""}`;
    case "bypass":
      return `${CACHE_NAME}; fwd=bypass`;
  }
}
