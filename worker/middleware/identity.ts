/**
 * Who is asking: anonymous, or a user the host app vouched for with a short-lived HS256 token
 * (`sub` email, `aud` "hj-search", `exp`). An email the browser sends unsigned is never trusted.
 *
 * A token that is present but not good is a 401, never a quiet fall back to anonymous: the host app
 * would otherwise show its staff a public-only knowledge base and nobody would know why.
 */
import { verify } from "hono/jwt";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../core/errors";
import { ANONYMOUS } from "../core/articles/visibility";
import { checkClaims, checkTokenJson } from "../core/identity/claims";
import type { AppEnv } from "../app-env";

/** Far above any honest token (a few hundred bytes); refusing early keeps garbage away from the decoder. */
const MAX_TOKEN_LENGTH = 4096;

export const identity: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization");
  if (!header) {
    c.set("viewer", ANONYMOUS);
    return next();
  }
  // The scheme is case-insensitive (RFC 9110 §11.1); the token itself is three base64url parts.
  const m = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(header.trim());
  if (!m || m[1].length > MAX_TOKEN_LENGTH) throw new ApiError("unauthorized", "Authorization must be a Bearer user token");
  const secret = c.env.USER_TOKEN_SECRET;
  if (!secret) throw new ApiError("unauthorized", "User tokens are not enabled on this worker");
  // Hono's helper parses header and payload with JSON.parse, where a repeated key silently wins last.
  const strict = checkTokenJson(m[1]);
  if (!strict.ok) throw new ApiError("unauthorized", strict.message);
  let payload: Record<string, unknown>;
  try {
    // Pinning alg here is what refuses "none", HS512 and RS256 headers: the header never picks the check.
    payload = await verify(m[1], secret, { alg: "HS256", aud: "hj-search" });
  } catch {
    throw new ApiError("unauthorized", "The user token is invalid or expired");
  }
  const claims = checkClaims(payload, Math.floor(Date.now() / 1000));
  if (!claims.ok) throw new ApiError("unauthorized", claims.message);
  c.set("viewer", { kind: "user", email: claims.email });
  return next();
};
