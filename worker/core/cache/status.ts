/** RFC 9211 `Cache-Status` values for the `hj-kv` cache. */
export type CacheOutcome =
  | { kind: "hit"; ttl: number; detail?: string }
  | { kind: "miss"; stored: boolean; collapsed?: boolean }
  | { kind: "bypass" }
  /** No answer to give: refused input never reached the cache; the others missed it with nothing stale. */
  | { kind: "failed"; fwd: "bypass" | "miss"; reason: FailedRead };

/** Why a read failed, as a token for `detail`. */
export type FailedRead = "refused" | "client-limited" | "bad-upstream" | "gate-closed" | "timeout" | "error";

export const CACHE_NAME = "hj-kv";

export function cacheStatus(o: CacheOutcome): string {
  switch (o.kind) {
    case "hit":
      return `${CACHE_NAME}; hit; ttl=${Math.trunc(o.ttl)}${o.detail ? `; detail=${sfString(o.detail)}` : ""}`;
    case "miss":
      return `${CACHE_NAME}; fwd=miss${o.stored ? "; stored" : ""}${o.collapsed ? "; collapsed" : ""}`;
    case "bypass":
      return `${CACHE_NAME}; fwd=bypass`;
    case "failed":
      return `${CACHE_NAME}; fwd=${o.fwd}; detail=${o.reason}`;
  }
}

/** An RFC 8941 sf-string: printable ASCII in quotes, with `"` and `\` escaped; anything else dropped. */
function sfString(s: string): string {
  return `"${s.replace(/[^\x20-\x7e]/g, "").replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}
