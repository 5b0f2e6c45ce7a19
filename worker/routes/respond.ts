import type { Context } from "hono";
import { cacheStatus, type CacheOutcome } from "../core/cache-status";
import { ApiError, errorBody } from "../core/errors";
import type { Cached } from "../platform/kv-cache";
import type { AppEnv } from "../app-env";

/** Browsers may keep a public answer this long; after that the ETag makes revalidation cheap. */
const BROWSER_MAX_AGE = 60;

/** A cached answer as an HTTP response, with the headers that say where it came from. */
export function respond<T>(
  c: Context<AppEnv>,
  value: Cached<T>,
  outcome: CacheOutcome,
  body: (v: T) => unknown,
  notFound: string,
): Response {
  const res =
    value.status === 404 || value.body === null
      ? c.json(errorBody("not_found", notFound), 404)
      : c.json(body(value.body), 200);
  res.headers.set("Cache-Status", cacheStatus(outcome));
  res.headers.set(
    "Cache-Control",
    outcome.kind === "bypass" ? "private, no-store" : `public, max-age=${BROWSER_MAX_AGE}`,
  );
  // The answer depends on who asks; shared caches must not mix them up.
  res.headers.append("Vary", "Authorization");
  return res;
}

export { ApiError };
