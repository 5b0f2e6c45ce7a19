/**
 * Recent searches (the ones that opened something) and recently read articles, shown in the empty box. Kept
 * in this browser only and never sent anywhere: localStorage, or sessionStorage for a signed user, so an
 * internal article's title never outlives the session. Per language, as titles are.
 */
export interface RecentArticle {
  id: number;
  title: string;
  url: string;
}

export interface RecentLists {
  searches: string[];
  articles: RecentArticle[];
}

/** How many of each are kept. */
const KEEP = 5;

export class Recent {
  constructor(
    private lang: () => string,
    private signed: () => boolean,
  ) {}

  private get key() {
    return `hj-search:recent:${this.lang()}`;
  }

  private get store(): Storage | null {
    try {
      return this.signed() ? sessionStorage : localStorage;
    } catch {
      // Storage blocked (a sandboxed frame, strict privacy settings): nothing is remembered.
      return null;
    }
  }

  get(): RecentLists {
    try {
      const v = JSON.parse(this.store?.getItem(this.key) ?? "null") as RecentLists | null;
      return { searches: (v?.searches ?? []).filter((s) => typeof s === "string"), articles: (v?.articles ?? []).filter((a) => Number.isInteger(a?.id)) };
    } catch {
      return { searches: [], articles: [] };
    }
  }

  private put(v: RecentLists) {
    try {
      const s = this.store;
      if (!v.searches.length && !v.articles.length) s?.removeItem(this.key);
      else s?.setItem(this.key, JSON.stringify(v));
    } catch {
      /* full or blocked: recent is a convenience */
    }
  }

  searched(q: string) {
    const v = this.get();
    q = q.trim();
    if (q) this.put({ ...v, searches: [q, ...v.searches.filter((s) => s.toLowerCase() !== q.toLowerCase())].slice(0, KEEP) });
  }

  read(a: RecentArticle) {
    const v = this.get();
    this.put({ ...v, articles: [{ id: a.id, title: a.title, url: a.url }, ...v.articles.filter((x) => x.id !== a.id)].slice(0, KEEP) });
  }

  remove(entry: { q?: string; id?: number }) {
    const v = this.get();
    this.put({ searches: v.searches.filter((s) => s !== entry.q), articles: v.articles.filter((a) => entry.q !== undefined || a.id !== entry.id) });
  }

  clear() {
    this.put({ searches: [], articles: [] });
  }
}
