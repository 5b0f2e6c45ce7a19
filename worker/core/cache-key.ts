/**
 * KV keys. Short prefixes keep keys under KV's 512-byte limit for the longest valid query (200 chars,
 * which NFKC can expand; we hash past a length).
 */

/** Trim, collapse white space, NFKC, case-fold: "  Reset   PASSWORD " and "reset password" share a key. */
export function normaliseQuery(q: string): string {
  return q.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

export const SEARCH_GENERATION_KEY = "gen:search";

export function searchKey(generation: number, normalisedQuery: string, category?: number): string {
  return `s:${generation}:${category ?? "-"}:${encodeURIComponent(normalisedQuery)}`;
}

/** Every language of one article shares this prefix, so a webhook can purge them all with one list. */
export function articlePrefix(id: number): string {
  return `a:${id}:`;
}

export function articleKey(id: number, lang: string | undefined): string {
  return `${articlePrefix(id)}${lang ?? "default"}`;
}
