/**
 * Who is asking: anonymous, or a user the host app vouched for with a short-lived HS256 token
 * (`sub` email, `aud` "hj-search", `exp`). An email the browser sends unsigned is never trusted.
 */
import { verify } from "hono/jwt";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../core/errors";
import { ANONYMOUS } from "../core/visibility";
import { checkClaims } from "../core/claims";
import type { AppEnv } from "../app-env";

export const identity: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization");
  if (!header) {
    c.set("viewer", ANONYMOUS);
    return next();
  }
  const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header.trim());
  if (!m) throw new ApiError("unauthorized", "Authorization must be a Bearer user token");
  const secret = c.env.USER_TOKEN_SECRET;
  if (!secret) throw new ApiError("unauthorized", "User tokens are not enabled on this worker");
  let payload: Record<string, unknown>;
  try {
    payload = await verify(m[1], secret, { alg: "HS256", aud: "hj-search" });
  } catch {
    throw new ApiError("unauthorized", "The user token is invalid or expired");
  }
  const claims = checkClaims(payload, Math.floor(Date.now() / 1000));
  if (!claims.ok) throw new ApiError("unauthorized", claims.message);
  c.set("viewer", { kind: "user", email: claims.email });
  return next();
};
