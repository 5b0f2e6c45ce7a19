/**
 * Authentication as the reference describes it: the API key in the `Authorization` header (raw, or
 * `Bearer <key>`) or in the `api_key` query parameter; HTTP Basic auth (email, blank password)
 * impersonates a user, and then the key must come as `api_key`. When both a query key and a header key
 * are sent, the query parameter wins (as `params[:api_key] || header` would).
 */
import type { SeedUser } from "./types";
import type { Viewer } from "./visibility";

export interface Credentials {
  key: string | null;
  keyVia: "header" | "query" | null;
  /** The username of a Basic `Authorization` header; "" when the header is malformed. */
  basicEmail: string | null;
}

function decodeBasic(token: string): string {
  try {
    const bytes = Uint8Array.from(atob(token.trim()), (ch) => ch.charCodeAt(0));
    const decoded = new TextDecoder().decode(bytes);
    const colon = decoded.indexOf(":");
    return colon === -1 ? "" : decoded.slice(0, colon);
  } catch {
    return "";
  }
}

export function readCredentials(req: Request): Credentials {
  const url = new URL(req.url);
  const queryKey = url.searchParams.get("api_key");
  const header = req.headers.get("Authorization")?.trim() ?? "";
  let basicEmail: string | null = null;
  let headerKey: string | null = null;
  const basic = /^Basic\s+(.*)$/i.exec(header);
  if (basic) basicEmail = decodeBasic(basic[1]);
  else if (header) headerKey = (/^Bearer\s+(.*)$/i.exec(header)?.[1] ?? header).trim();
  if (queryKey !== null) return { key: queryKey, keyVia: "query", basicEmail };
  if (headerKey) return { key: headerKey, keyVia: "header", basicEmail };
  return { key: null, keyVia: null, basicEmail };
}

export type AuthResult = { ok: true; viewer: Viewer } | { ok: false; status: 401 | 403 };

export function authenticate(creds: Credentials, apiKey: string, users: SeedUser[]): AuthResult {
  if (creds.key !== apiKey) return { ok: false, status: 403 };
  const owner = users[0];
  if (creds.basicEmail === null) return { ok: true, viewer: { kind: "owner", user: owner } };
  const email = creds.basicEmail.trim().toLowerCase();
  const user = users.find((u) => u.email.toLowerCase() === email && u.active);
  if (!user) return { ok: false, status: 401 };
  return { ok: true, viewer: { kind: "user", user } };
}
