import { createHash } from "node:crypto";

/**
 * KV keys. KV refuses a key over 512 bytes, and the longest valid query (200 characters, which NFKC can
 * expand up to eighteenfold, each character up to 9 bytes once percent-encoded) is far past that, so a
 * search key that would be too long carries a SHA-256 of the query instead of the query itself.
 */

/** Trim, collapse white space, NFKC, case-fold: "  Reset   PASSWORD " and "reset password" share a key. */
export function normaliseQuery(q: string): string {
  // NFKC leaves printable ASCII as it is, and asking ICU costs more than the rest of the key: most queries skip it.
  return (PRINTABLE_ASCII.test(q) ? q : q.normalize("NFKC")).trim().replace(/\s+/g, " ").toLowerCase();
}
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export const SEARCH_GENERATION_KEY = "gen:search";

/** KV's limit on a key, in UTF-8 bytes. */
export const MAX_KV_KEY_BYTES = 512;

const utf8 = (s: string) => new TextEncoder().encode(s);

export function searchKey(generation: number, normalisedQuery: string, category?: number): string {
  const head = `s:${generation}:${category ?? "-"}:`;
  let readable: string | null = null;
  try {
    readable = `${head}${encodeURIComponent(normalisedQuery)}`;
  } catch {
    // A lone surrogate cannot be percent-encoded; the hash below takes it (as U+FFFD) instead.
  }
  if (readable !== null && utf8(readable).byteLength <= MAX_KV_KEY_BYTES) return readable;
  // "#" never appears in encodeURIComponent's output, so a hashed key cannot equal a readable one.
  // node:crypto (nodejs_compat) hashes synchronously, so keys stay plain functions.
  return `${head}#${createHash("sha256").update(utf8(normalisedQuery)).digest("hex")}`;
}

/** Every language of one article shares this prefix, so a webhook can purge them all with one list. */
export function articlePrefix(id: number): string {
  return `a:${id}:`;
}

export function articleKey(id: number, lang: string | undefined): string {
  return `${articlePrefix(id)}${lang ?? "default"}`;
}

/**
 * A cached Ask answer: by search generation (a webhook retires it with cached searches), language, category
 * and the normalised question, hashed so that any question fits KV's key limit.
 */
export function askKey(generation: number, lang: string, category: number | undefined, normalisedQuestion: string): string {
  return `q:${generation}:${lang}:${category ?? "-"}:${createHash("sha256").update(utf8(normalisedQuestion)).digest("hex")}`;
}
