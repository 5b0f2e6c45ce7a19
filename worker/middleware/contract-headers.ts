import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";

export const JSON_TYPE = "application/json; charset=utf-8";

const READ_ROUTE = /^\/v1\/(?:search|articles\/[^/]+)$/;

/**
 * What a failed read went through, as RFC 9211 puts it: refused input never reached the cache (bypass);
 * a client over its limit, a closed gate, garbage or a timeout upstream all missed it with nothing stale
 * to serve. `detail` names which.
 */
const FAILED_READ: Record<number, string> = {
  429: "fwd=miss; detail=client-limited",
  500: "fwd=miss; detail=error",
  502: "fwd=miss; detail=bad-upstream",
  503: "fwd=miss; detail=gate-closed",
  504: "fwd=miss; detail=timeout",
};

/**
 * Two promises of the contract that hold for every answer, whichever part of the app made it: JSON is
 * `application/json; charset=utf-8` (Hono's c.json leaves the charset off), and every search or article
 * answer carries `Cache-Status`, failures included — those never reach the cache code that sets it.
 */
export const contractHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const h = c.res.headers;
  try {
    if (h.get("Content-Type") === "application/json") h.set("Content-Type", JSON_TYPE);
    if (c.res.status >= 400 && !h.has("Cache-Status") && READ_ROUTE.test(c.req.path))
      h.set("Cache-Status", `hj-kv; ${FAILED_READ[c.res.status] ?? "fwd=bypass; detail=refused"}`);
  } catch {
    // Immutable headers: a static asset from the ASSETS binding, which is neither JSON nor a read route.
  }
};
