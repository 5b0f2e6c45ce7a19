/**
 * The per-client limits (wrangler.toml's [[ratelimits]]: ASK_LIMITER, EVENTS_LIMITER, CLIENT_LIMITER,
 * VOTE_LIMITER), counted by the Rate Limiting binding in each Cloudflare location. That fits a limit on one
 * client, whose requests reach one location; what must count across every location (Helpjuice's budget) stays
 * with the gate's Durable Object. A request with no client address (core/client-address.ts) is not limited,
 * nor is a worker whose configuration lacks the binding.
 */

import { LimitGrace } from "../core/limit-grace";

/** Every limiter's period in wrangler.toml, in seconds: a client over its limit is told to wait this long. */
export const CLIENT_LIMIT_PERIOD_S = 60;

/** Whether `client` may go on; counts one request when it may. */
export async function withinClientLimit(limiter: RateLimit | undefined, client: string | null): Promise<boolean> {
  if (!limiter || !client) return true;
  const { success } = await limiter.limit({ key: client });
  return success;
}

/**
 * The same, for a route whose first answer a visitor waits for (Ask): a client's first few requests in a
 * period here go on at once while the binding counts them in the background (core/limit-grace.ts); past
 * them, each waits for the verdict as withinClientLimit's do.
 */
export function withinClientLimitSoon(
  limiter: RateLimit | undefined,
  client: string | null,
  grace: LimitGrace,
  waitUntil: (p: Promise<unknown>) => void,
  now = Date.now(),
): Promise<boolean> {
  const verdict = withinClientLimit(limiter, client);
  if (!limiter || !client || !grace.take(client, now)) return verdict;
  waitUntil(verdict.catch(() => {}));
  return Promise.resolve(true);
}
