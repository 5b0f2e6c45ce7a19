/**
 * The API's security headers, set on every /v1 answer (errors included). A fixed list rather than Hono's
 * configurable secure-headers middleware, which is 3 kB of the bundle for options this API never varies:
 * JSON for other origins' pages (CORP cross-origin), never framed, no referrer, HTTPS only.
 */
import type { MiddlewareHandler } from "hono";

export const SECURITY_HEADERS: [string, string][] = [
  ["Cross-Origin-Resource-Policy", "cross-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "no-referrer"],
  ["Strict-Transport-Security", "max-age=15552000; includeSubDomains"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "DENY"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  ["X-XSS-Protection", "0"],
];

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value);
};
