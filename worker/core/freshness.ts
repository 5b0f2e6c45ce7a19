/** What a stored entry's age means: fresh until its TTL, stale after (served while a refresh runs). */
export interface Freshness {
  fresh: boolean;
  /** Seconds of freshness left; negative once stale, as RFC 9211's `ttl` says. */
  ttl: number;
}

export function freshness(storedAt: number, ttlSeconds: number, now: number): Freshness {
  const ttl = Math.floor((storedAt + ttlSeconds * 1000 - now) / 1000);
  return { fresh: now - storedAt < ttlSeconds * 1000, ttl };
}

/** How long KV keeps an entry after it stops being fresh, so there is something stale to serve. */
export const KEEP_STALE_SECONDS = 7 * 86_400;
