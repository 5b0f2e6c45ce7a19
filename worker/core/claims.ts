/**
 * What a verified user token must also say. The signature, `alg` and `aud` are checked by Hono's JWT
 * helper; here the rules it does not enforce: `exp` must be present (an unexpiring token is a permanent
 * staff pass), `sub` must be an email, and tokens are short-lived.
 */
export const MAX_TOKEN_LIFETIME_S = 24 * 3600;

export type Claims = { ok: true; email: string } | { ok: false; message: string };

const EMAIL = /^[^\s@:]+@[^\s@:]+\.[^\s@:]+$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export function checkClaims(payload: Record<string, unknown>, nowS: number): Claims {
  const { exp, sub, aud } = payload;
  if (typeof exp !== "number") return { ok: false, message: "The user token must expire (exp)" };
  if (exp <= nowS) return { ok: false, message: "The user token is invalid or expired" };
  if (exp - nowS > MAX_TOKEN_LIFETIME_S) return { ok: false, message: "The user token lives too long (at most 24 h)" };
  const audOk = aud === "hj-search" || (Array.isArray(aud) && aud.includes("hj-search"));
  if (!audOk) return { ok: false, message: "The user token is not for hj-search (aud)" };
  // A colon would split the Basic credentials, so it can never be part of an email we forward; and Basic
  // credentials are base64 of Latin-1 (btoa), so only printable ASCII passes rather than a 500 later.
  if (typeof sub !== "string" || sub.length > 254 || !EMAIL.test(sub) || !PRINTABLE_ASCII.test(sub))
    return { ok: false, message: "The user token's sub must be the user's email" };
  return { ok: true, email: sub };
}
