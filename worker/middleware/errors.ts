import type { Context } from "hono";
import { cacheStatus, type FailedRead } from "../core/cache/status";
import { ApiError, errorBody, type ErrorCode } from "../core/errors";
import { UpstreamError, toApiError } from "../core/upstream/error";

const READ_ROUTE = /^\/v1\/(?:search|articles\/[^/]+)$/;

/** Which failures went to the cache and found nothing stale to serve; every other one refused the input. */
const MISSED: Partial<Record<ErrorCode, FailedRead>> = {
  rate_limited: "client-limited",
  upstream_error: "bad-upstream",
  upstream_unavailable: "gate-closed",
  upstream_timeout: "timeout",
  misconfigured: "error",
  internal: "error",
};

/**
 * One JSON shape for every failure. Unknown errors are logged by name only: messages can carry URLs.
 * A failed search or article read carries Cache-Status like every other read (docs/design.md).
 */
export function errorResponse(err: unknown, c: Context): Response {
  const e = err instanceof UpstreamError ? toApiError(err) : err;
  if (!(e instanceof ApiError)) console.error("unhandled error:", (err as Error)?.name ?? typeof err);
  const known = e instanceof ApiError ? e : new ApiError("internal", "Something went wrong");
  const res = c.json(errorBody(known.code, known.message), known.status as 400);
  res.headers.set("Cache-Control", "no-store");
  if (known.retryAfter !== undefined) res.headers.set("Retry-After", String(known.retryAfter));
  if (READ_ROUTE.test(c.req.path)) {
    const missed = MISSED[known.code];
    res.headers.set("Cache-Status", cacheStatus({ kind: "failed", fwd: missed ? "miss" : "bypass", reason: missed ?? "refused" }));
  }
  return res;
}
