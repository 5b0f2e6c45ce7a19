import type { Context } from "hono";
import { ApiError, errorBody } from "../core/errors";
import { UpstreamError, toApiError } from "../core/upstream-error";

/** One JSON shape for every failure. Unknown errors are logged by name only: messages can carry URLs. */
export function errorResponse(err: unknown, c: Context): Response {
  const e = err instanceof UpstreamError ? toApiError(err) : err;
  if (e instanceof ApiError) {
    const res = c.json(errorBody(e.code, e.message), e.status as 400);
    res.headers.set("Cache-Control", "no-store");
    if (e.retryAfter !== undefined) res.headers.set("Retry-After", String(e.retryAfter));
    return res;
  }
  console.error("unhandled error:", (err as Error)?.name ?? typeof err);
  const res = c.json(errorBody("internal", "Something went wrong"), 500);
  res.headers.set("Cache-Control", "no-store");
  return res;
}
