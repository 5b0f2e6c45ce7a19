import type { MiddlewareHandler } from "hono";

/**
 * The API's security headers, set on every /v1 answer (errors included). A fixed list rather than Hono's
 * configurable secure-headers middleware, which is 3 kB of the bundle for options this API never varies.
 *
 * The answers are JSON for other origins' pages, so the list is what matters for an API response (as
 * OWASP's REST security guidance lists it): never sniffed as another type, never framed, HTTPS only, and
 * readable by any origin's page that isolates itself (CORP cross-origin); no referrer either, since a
 * browser's JSON viewer makes the article links in an answer clickable. The headers that only mean
 * something on an HTML document or to retired software (COOP, Origin-Agent-Cluster, DNS prefetch
 * control, IE's X-Download-Options and X-XSS-Protection, Flash's cross-domain policies) are left off:
 * each is bytes on every answer, and work for every hop that relays them, for nothing.
 */
export const SECURITY_HEADERS: [string, string][] = [
  ["Cross-Origin-Resource-Policy", "cross-origin"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
];

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value);
};
