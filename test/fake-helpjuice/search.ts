/**
 * Helpjuice's search, approximated: case-insensitive word matching over the name, the tags and the body
 * text (default language). Every query word must match the start of some word of the article
 * ("pass" finds "password", as search-as-you-type does). Articles matching in the name rank first, then
 * in the tags, then by how often the words occur in the body, then by id.
 */
import { htmlToText, tokenize } from "./text";
import type { SeedArticle } from "./types";

const hits = (word: string, tokens: string[]) => tokens.some((t) => t.startsWith(word));

/**
 * Tokens per article, kept while its name, tags and body stay the same: a bulk-loaded corpus (5,000+
 * articles) would otherwise be re-tokenized on every query. Edits replace the strings, so they miss.
 */
interface Tokens {
  src: [string, string[], string];
  name: string[];
  tags: string[];
  body: string[];
}
const cache = new WeakMap<SeedArticle, Tokens>();

function tokensOf(a: SeedArticle): Tokens {
  const hit = cache.get(a);
  if (hit && hit.src[0] === a.name && hit.src[1] === a.tags && hit.src[2] === a.body) return hit;
  const fresh = { src: [a.name, a.tags, a.body] as Tokens["src"], name: tokenize(a.name), tags: tokenize(a.tags.join(" ")), body: tokenize(htmlToText(a.body)) };
  cache.set(a, fresh);
  return fresh;
}

export function searchArticles(articles: SeedArticle[], query: string): SeedArticle[] {
  const words = [...new Set(tokenize(query))];
  if (!words.length) return [];
  const scored: Array<{ a: SeedArticle; name: number; tags: number; body: number }> = [];
  for (const a of articles) {
    const { name, tags, body } = tokensOf(a);
    if (!words.every((w) => hits(w, name) || hits(w, tags) || hits(w, body))) continue;
    scored.push({
      a,
      name: words.filter((w) => hits(w, name)).length,
      tags: words.filter((w) => hits(w, tags)).length,
      body: body.filter((t) => words.some((w) => t.startsWith(w))).length,
    });
  }
  scored.sort((x, y) => y.name - x.name || y.tags - x.tags || y.body - x.body || x.a.id - y.a.id);
  return scored.map((s) => s.a);
}
