/**
 * What a verified user token must also say. The signature, `alg` and `aud` are checked by Hono's JWT
 * helper; here the rules it does not enforce: `exp` must be present (an unexpiring token is a permanent
 * staff pass), `sub` must be an email, and tokens are short-lived. And, before any of that, the
 * token's JSON must name each key once (`checkTokenJson`).
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

/**
 * The JOSE header or claims set of a compact JWS, read strictly: base64url without padding, UTF-8, one
 * JSON object whose keys (at any depth) are each named once. RFC 7515 §5.2 lets a verifier refuse
 * duplicate member names; an auth boundary should, since `JSON.parse` quietly keeps the last one
 * (`{"sub":"a@x","sub":"b@x"}` would otherwise mean whatever the last parser in the chain decides).
 */
export type Segment = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

export function readTokenSegment(segment: string): Segment {
  const text = decodeBase64UrlUtf8(segment);
  if (text === null) return { ok: false, message: "The user token is not base64url JSON" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: "The user token is not base64url JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, message: "The user token's header and payload must be JSON objects" };
  if (duplicateKey(text) !== null) return { ok: false, message: "The user token repeats a key" };
  return { ok: true, value: value as Record<string, unknown> };
}

/** Header and payload of a compact token (`h.p.s`), each read with `readTokenSegment`. */
export function checkTokenJson(token: string): { ok: true } | { ok: false; message: string } {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, message: "The user token is invalid or expired" };
  for (const part of parts.slice(0, 2)) {
    const seg = readTokenSegment(part);
    if (!seg.ok) return seg;
  }
  return { ok: true };
}

/** base64url (no padding, RFC 7515 §2) to UTF-8 text; null when either layer is malformed. */
export function decodeBase64UrlUtf8(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The first member name that appears twice in one object of a JSON text (compared after unescaping, so
 * `"sub"` and `"\u0073ub"` are the same name), or null. Expects valid JSON (parse it first): it only walks
 * the structure, tracking for each open object the names seen so far.
 */
export function duplicateKey(json: string): string | null {
  type Frame = { keys: Set<string>; expectKey: boolean } | null; // null: an array
  const stack: Frame[] = [];
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && top.expectKey) {
        const name = JSON.parse(json.slice(i, j + 1)) as string;
        if (top.keys.has(name)) return name;
        top.keys.add(name);
        top.expectKey = false;
      }
      i = j;
    } else if (ch === "{") stack.push({ keys: new Set(), expectKey: true });
    else if (ch === "[") stack.push(null);
    else if (ch === "}" || ch === "]") stack.pop();
    else if (ch === ",") {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    }
  }
  return null;
}
