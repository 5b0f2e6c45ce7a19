/**
 * The edge index held in an isolate's memory: the same rows and terms as D1's `docs` and `docs_fts`, and the
 * same answers. Matching, BM25 and the body window below reproduce what SQLite computes for the queries in
 * platform/index/search.ts (FTS5's bm25(): k1 1.2, b 0.75, column weights multiplying each hit, document and
 * average lengths over all columns and the whole table; ASCII-only lower(); instr and substr counting
 * characters), so a search answered here equals one answered by D1 (index-replica.test.ts compares them).
 * Pure: platform/index/replica.ts loads it and keeps it fresh.
 */
import type { Phrase } from "./search-plan";

/** A row of `docs` as the replica keeps it. */
export interface ReplicaDoc {
  doc: number;
  id: number;
  lang: string;
  title: string;
  url: string;
  cid: number;
  cname: string;
  description: string;
  body: string;
}

/** A row of `docs_fts`: its rowid and its four analysed columns (title, keywords, description, body). */
export interface ReplicaTerms {
  doc: number;
  columns: [string, string, string, string];
}

/** A row of `docs` as search and popular read it: what platform/index/search.ts's SQL selects, and the copy returns. */
export interface IndexedRow {
  id: number;
  title: string;
  url: string;
  cid: number;
  cname: string;
  body: string;
  /** 1 when `body` is a window that starts after the body's beginning. */
  mid?: number;
  description: string;
}

interface Posting {
  /** Index into Replica.entries. */
  at: number;
  /** Hits per column. */
  hits: [number, number, number, number];
}

interface Entry {
  doc: ReplicaDoc | null;
  /** Tokens in all four columns: bm25's document length. */
  length: number;
}

export interface Replica {
  entries: Entry[];
  /** term → its postings, in rowid order. */
  postings: Map<string, Posting[]>;
  /** Every term, sorted: prefix phrases and typo candidates scan a range of it. */
  terms: string[];
  /** article id → the categories it is listed in. */
  categories: Map<number, Set<number>>;
  avgLength: number;
}

const K1 = 1.2;
const B = 0.75;

/**
 * Whether analysed text holds combining marks. FTS5's unicode61 tokenizer (remove_diacritics 2) strips some
 * and splits words at others (Thai, Devanagari, Arabic vowel signs), so its terms would not be the space-
 * separated ones the copy counts: such an index is left to D1.
 */
export const hasMarks = (text: string) => /\p{M}/u.test(text);

/** Builds the replica from D1's rows; `terms` must be every row of docs_fts (bm25's statistics cover them all). */
export function buildReplica(docs: ReplicaDoc[], terms: ReplicaTerms[], memberships: { article_id: number; category_id: number }[]): Replica {
  const byDoc = new Map(docs.map((d) => [d.doc, d]));
  const sorted = [...terms].sort((a, b) => a.doc - b.doc);
  const entries: Entry[] = [];
  const postings = new Map<string, Posting[]>();
  let tokens = 0;
  for (const t of sorted) {
    const at = entries.length;
    let length = 0;
    const mine = new Map<string, Posting>();
    t.columns.forEach((text, col) => {
      if (!text) return;
      for (const term of text.split(" ")) {
        if (!term) continue;
        length++;
        let p = mine.get(term);
        if (!p) {
          p = { at, hits: [0, 0, 0, 0] };
          mine.set(term, p);
          let list = postings.get(term);
          if (!list) postings.set(term, (list = []));
          list.push(p);
        }
        p.hits[col]++;
      }
    });
    tokens += length;
    const doc = byDoc.get(t.doc) ?? null;
    entries.push({ doc, length });
  }
  const categories = new Map<number, Set<number>>();
  for (const m of memberships) {
    let s = categories.get(m.article_id);
    if (!s) categories.set(m.article_id, (s = new Set()));
    s.add(m.category_id);
  }
  return {
    entries,
    postings,
    terms: [...postings.keys()].sort(binaryOrder),
    categories,
    avgLength: entries.length ? tokens / entries.length : 0,
  };
}

/** SQLite's BINARY collation on UTF-8 is code point order; JS compares UTF-16 units. */
function binaryOrder(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d) return d;
  }
}

/** The first index in the sorted terms at or after `p`. */
function lowerBound(terms: string[], p: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (binaryOrder(terms[mid], p) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The terms that start with `prefix`, in order. */
export function termsStartingWith(r: Replica, prefix: string): string[] {
  const out: string[] = [];
  for (let i = lowerBound(r.terms, prefix); i < r.terms.length && r.terms[i].startsWith(prefix); i++) out.push(r.terms[i]);
  return out;
}

/** Does the index hold this term (or, `prefix`, a term starting with it)? As the vocabulary checks ask. */
export function knows(r: Replica, text: string, prefix: boolean): boolean {
  if (!prefix) return r.postings.has(text);
  const i = lowerBound(r.terms, text);
  return i < r.terms.length && r.terms[i].startsWith(text);
}

/** Rows holding `term` (with its document count) for typo candidates: as docs_vocab's `doc` column. */
export function vocabulary(r: Replica, first: string, minLength: number, maxLength: number, max: number): { term: string; doc: number }[] {
  const out: { term: string; doc: number }[] = [];
  for (const term of termsStartingWith(r, first)) {
    const length = ASTRAL.test(term) ? [...term].length : term.length; // SQLite's length() counts characters
    if (length < minLength || length > maxLength) continue;
    out.push({ term, doc: r.postings.get(term)!.length });
  }
  // ORDER BY doc DESC, stable on the vocabulary's own (term) order.
  return out.sort((a, b) => b.doc - a.doc).slice(0, max);
}

/** Per matched row: the weighted hits of each phrase. */
function phraseHits(r: Replica, phrase: Phrase, weights: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  const lists = phrase.prefix ? termsStartingWith(r, phrase.text).map((t) => r.postings.get(t)!) : [r.postings.get(phrase.text) ?? []];
  for (const list of lists)
    for (const p of list) out.set(p.at, (out.get(p.at) ?? 0) + p.hits[0] * weights[0] + p.hits[1] * weights[1] + p.hits[2] * weights[2] + p.hits[3] * weights[3]);
  return out;
}

export interface ReplicaQuery {
  /** Each word's phrases (any of them matches the word). */
  words: Phrase[][];
  /** Every word must match (AND), or any (OR). */
  every: boolean;
  lang: string;
  category?: number;
  limit: number;
  /** Where the body window starts: the earliest of these (ASCII case-folded), as windowStart's SQL. */
  needles: string[];
  weights: readonly number[];
  window: number;
  lead: number;
}

/** The rows a MATCH of these words finds, ranked by bm25, filtered and cut as the SQL does. */
export function replicaSearch(r: Replica, q: ReplicaQuery): IndexedRow[] {
  const n = r.entries.length;
  const phrases = q.words.flat();
  const hits = phrases.map((p) => phraseHits(r, p, q.weights));
  const idf = hits.map((h) => {
    const v = Math.log((n - h.size + 0.5) / (h.size + 0.5));
    return v <= 0 ? 1e-6 : v;
  });
  // Which rows match: a word matches when any of its phrases does.
  const offsets: number[] = [];
  let k = 0;
  for (const w of q.words) {
    offsets.push(k);
    k += w.length;
  }
  const wordRows = q.words.map((w, i) => {
    const s = new Set<number>();
    for (let j = 0; j < w.length; j++) for (const at of hits[offsets[i] + j].keys()) s.add(at);
    return s;
  });
  let matched: Set<number>;
  if (q.every) {
    const [smallest, ...rest] = [...wordRows].sort((a, b) => a.size - b.size);
    matched = new Set([...(smallest ?? [])].filter((at) => rest.every((s) => s.has(at))));
  } else {
    matched = new Set(wordRows.flatMap((s) => [...s]));
  }
  const scored: { at: number; score: number }[] = [];
  for (const at of matched) {
    const e = r.entries[at];
    const d = e.doc;
    if (!d || d.lang !== q.lang) continue;
    if (q.category !== undefined && !r.categories.get(d.id)?.has(q.category)) continue;
    let score = 0;
    for (let i = 0; i < phrases.length; i++) {
      const f = hits[i].get(at) ?? 0;
      score += idf[i] * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * e.length) / r.avgLength)));
    }
    scored.push({ at, score: -1.0 * score });
  }
  // ORDER BY bm25 (ascending), ties in rowid order as the FTS5 scan yields them.
  scored.sort((a, b) => a.score - b.score || a.at - b.at);
  return scored.slice(0, q.limit).map(({ at }) => row(r.entries[at], q));
}

const ASCII_UPPER = /[A-Z]+/g;
const ASTRAL = /[\uD800-\uDFFF]/;

function row(e: Entry, q: ReplicaQuery): IndexedRow {
  const d = e.doc!;
  // Worked out for the returned rows only, nothing kept: SQLite's lower() folds ASCII alone, and instr() and
  // substr() count characters where JS counts UTF-16 units (they differ only past the BMP).
  const chars = ASTRAL.test(d.body) ? [...d.body] : null;
  const start = windowStart(d.body, chars, q.needles, q.lead);
  const body = chars ? chars.slice(start - 1, start - 1 + q.window).join("") : d.body.slice(start - 1, start - 1 + q.window);
  return { id: d.id, title: d.title, url: d.url, cid: d.cid, cname: d.cname, body, mid: start > 1 ? 1 : 0, description: d.description };
}

/** 1-based start of the body window: `lead` characters before the earliest needle found, else 1. */
function windowStart(body: string, chars: string[] | null, needles: string[], lead: number): number {
  if (!needles.length) return 1;
  const lower = body.replace(ASCII_UPPER, (s) => s.toLowerCase());
  let first = -1;
  for (const n of needles) {
    const at = lower.indexOf(n);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  if (first < 0) return 1;
  const position = (chars ? [...lower.slice(0, first)].length : first) + 1;
  return Math.max(1, position - lead);
}
