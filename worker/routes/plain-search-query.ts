/**
 * A search's query string read without the validator, for the hot path (hot-answer.ts): valibot and a
 * general query parser cost more CPU than answering a search from memory. Only the plain case is read —
 * q, category, lang and limit, each at most once, every escape well formed, every value valid — and then
 * exactly as Hono's parser and SearchQuery (routes/schemas.ts) would read it. Anything else is null, for the
 * validator to decide (plain-search-query.test.ts holds the two to the same answers).
 */
import { ID, LANG, LIMIT, MAX_ID, MAX_LIMIT, MAX_Q } from "./schemas";

export interface PlainSearchQuery {
  q: string;
  category?: number;
  lang?: string;
  limit?: number;
}


/** As Hono decodes a name or value: "+" is a space, then percent-escapes; null for a malformed escape. */
function decoded(raw: string): string | null {
  const spaced = raw.includes("+") ? raw.replaceAll("+", " ") : raw;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}

export function plainSearchQuery(url: string): PlainSearchQuery | null {
  const start = url.indexOf("?");
  if (start < 0) return null;
  const hash = url.indexOf("#", start);
  let q: string | undefined;
  let category: string | undefined;
  let lang: string | undefined;
  let limit: string | undefined;
  for (const pair of url.slice(start + 1, hash < 0 ? undefined : hash).split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = decoded(eq < 0 ? "" : pair.slice(eq + 1));
    if (value === null) return null;
    if (name === "q" && q === undefined) q = value;
    else if (name === "category" && category === undefined) category = value;
    else if (name === "lang" && lang === undefined) lang = value;
    else if (name === "limit" && limit === undefined) limit = value;
    else return null;
  }
  if (q === undefined) return null;
  q = q.trim();
  if (!q || (q.length > MAX_Q && [...q].length > MAX_Q)) return null;
  const out: PlainSearchQuery = { q };
  if (category !== undefined) {
    if (!ID.test(category) || Number(category) > MAX_ID) return null;
    out.category = Number(category);
  }
  if (lang !== undefined) {
    if (!LANG.test(lang)) return null;
    out.lang = lang;
  }
  if (limit !== undefined) {
    const n = Number(limit);
    if (!LIMIT.test(limit) || n < 1 || n > MAX_LIMIT) return null;
    out.limit = n;
  }
  return out;
}
