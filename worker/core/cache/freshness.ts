/** What a stored entry's age means: fresh until its TTL, stale after (served while a refresh runs). */
export interface Freshness {
  fresh: boolean;
  /** Seconds of freshness left; negative once stale, as RFC 9211's `ttl` says. */
  ttl: number;
}

export function freshness(storedAt: number, ttlSeconds: number, now: number): Freshness {
  const left = Math.floor((storedAt + ttlSeconds * 1000 - now) / 1000);
  const fresh = now - storedAt < ttlSeconds * 1000;
  // A stale entry never reads as `ttl=0`, which would look fresh to anyone reading the header; and an entry
  // stamped in the future (clock skew between locations) never claims more than its TTL.
  return { fresh, ttl: fresh ? Math.min(left, ttlSeconds) : Math.min(left, -1) };
}

/** How long KV keeps an entry after it stops being fresh, so there is something stale to serve. */
export const KEEP_STALE_SECONDS = 7 * 86_400;
