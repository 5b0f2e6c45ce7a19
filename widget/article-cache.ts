import { call, callerOf, type Article, type CallerHost } from "./api.js";

/** What the cache needs from the element. */
export interface ArticleHost extends CallerHost {
  readonly code: string | undefined;
  /**
   * The element's cache, made by whichever lazy chunk needs it first (the entry must not carry it). The
   * element clears it on a new identity or language, as it refetches what is on screen then.
   */
  articles?: ArticleCache;
}

// A dozen articles is a few hundred kB at most, and more than anyone hovers over between two searches.
const MAX = 12;
// The worker lets a browser keep an article this long (Cache-Control: public, max-age=60), so memory shows
// nothing older than the browser's own cache could; past it an edited article is seen on the next open.
const FRESH_MS = 60_000;

/**
 * Articles fetched, or being fetched, for the reader: a prefetch and the open that follows it share one
 * request. The request is the reader's own (same URL, same token), so the worker's caching and identity
 * rules see no difference. Failures are never kept, so the next open asks again.
 */
export class ArticleCache {
  private entries = new Map<string, { at: number; article: Promise<Article> }>();

  constructor(private h: ArticleHost) {}

  get(id: number): Promise<Article> {
    const { h, entries } = this;
    const caller = callerOf(h);
    const key = `${caller.endpoint}|${h.code ?? ""}|${id}`;
    const now = Date.now();
    const hit = entries.get(key);
    entries.delete(key);
    if (hit && now - hit.at < FRESH_MS) {
      // Re-inserted, so the Map's order is least recently used first.
      entries.set(key, hit);
      return hit.article;
    }
    const entry = { at: now, article: call<{ article: Article }>(caller, `/v1/articles/${id}`, { lang: h.code }).then((r) => r.article) };
    entries.set(key, entry);
    if (entries.size > MAX) entries.delete(entries.keys().next().value!);
    // Only this entry: after a clear() a newer request may hold the key.
    entry.article.catch(() => entries.get(key) === entry && entries.delete(key));
    return entry.article;
  }

  clear() {
    this.entries.clear();
  }
}

export const articles = (h: ArticleHost) => (h.articles ??= new ArticleCache(h));
