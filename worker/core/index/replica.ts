/**
 * One language of the edge index held in an isolate's memory, compact: postings in typed arrays (each term's
 * rows and weighted hits), the text of each field in one string with offsets, and the whole index's
 * vocabulary (core/index/lexicon.ts). It answers as D1 does for the queries in platform/index/search.ts:
 * FTS5's bm25() (k1 1.2, b 0.75, column weights multiplying each hit, document and average lengths over all
 * columns and the whole table, idf over rows of every language), ASCII-only lower(), instr and substr
 * counting characters; index-replica.test.ts and index-replica-edge.test.ts compare the two.
 *
 * A copy holds one language's rows, so it knows exactly how many of its own rows a phrase matches, and,
 * from docs_vocab, how many rows of the whole table hold each term. For a prefix that several terms held by
 * other languages' rows share, their rows may overlap, so the count FTS5's idf takes is not known here:
 * when that idf can change the order (two phrases or more), replicaSearch returns null and D1 answers.
 * Built by core/index/replica-build.ts; loaded and kept fresh by platform/index/replica.ts.
 */
import { rangeOf, startsWith, termAt, lowerBound, type Lexicon } from "./lexicon";
import type { Phrase } from "./search-plan";
import { fts5Fold } from "./fts5-fold";

/** A row of `docs` as the copy is built from it. */
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

/** One field of every row, joined: row i's value is text[starts[i], starts[i + 1]). */
export interface Field {
  text: string;
  starts: Uint32Array;
}

export interface Replica {
  lang: string;
  /** Rows in the whole table (every language): bm25's N. */
  rows: number;
  /** Tokens per row over the whole table: bm25's average length. */
  avgLength: number;
  weights: number[];
  lexicon: Lexicon;
  /** This language's postings of lexicon term i are [termStart[i], termStart[i + 1]), in rowid order. */
  termStart: Uint32Array;
  /** Each posting's row (an index into docs). */
  postDoc: Uint16Array | Uint32Array;
  /** Each posting's hits, weighted by column and summed. */
  postHits: Uint32Array;
  /** This language's rows, in rowid order. */
  docs: {
    count: number;
    rowid: Float64Array;
    id: Float64Array;
    cid: Float64Array;
    /** Tokens in all four columns: bm25's document length. */
    length: Uint32Array;
    title: Field;
    url: Field;
    cname: Field;
    description: Field;
    body: Field;
    /** Row i's categories are cats[catStart[i], catStart[i + 1]). */
    catStart: Uint32Array;
    cats: Float64Array;
  };
}

const K1 = 1.2;
const B = 0.75;

/**
 * Whether analysed text holds combining marks. FTS5's unicode61 tokenizer (remove_diacritics 2) strips some
 * and splits words at others (Thai, Devanagari, Arabic vowel signs), so its terms would not be the space-
 * separated ones the copy counts: such a language is left to D1.
 */
export const hasMarks = (text: string) => /\p{M}/u.test(text);

const valueOf = (f: Field, i: number) => f.text.slice(f.starts[i], f.starts[i + 1]);

/** Does the index hold this term (or, `prefix`, a term starting with it)? As the vocabulary checks ask. */
export function knows(r: Replica, text: string, prefix: boolean): boolean {
  const [lo, hi] = rangeOf(r.lexicon, text, prefix);
  return hi > lo;
}

/** How many rows of the whole table hold this exact term (docs_vocab's `doc`), 0 when none does. */
export function documentFrequency(r: Replica, term: string): number {
  const [lo, hi] = rangeOf(r.lexicon, term, false);
  return hi > lo ? r.lexicon.docs[lo] : 0;
}

/** Terms starting with `first`, of a length within bounds, most rows first: as docs_vocab's query answers. */
export function vocabulary(r: Replica, first: string, minLength: number, maxLength: number, max: number): { term: string; doc: number }[] {
  const lx = r.lexicon;
  const out: { term: string; doc: number }[] = [];
  for (let i = lowerBound(lx, first); i < lx.size && startsWith(lx, i, first); i++) {
    const units = lx.starts[i + 1] - lx.starts[i];
    if (units < minLength) continue; // characters ≤ UTF-16 units
    const term = termAt(lx, i);
    const length = ASTRAL.test(term) ? [...term].length : units; // SQLite's length() counts characters
    if (length < minLength || length > maxLength) continue;
    out.push({ term, doc: lx.docs[i] });
  }
  // ORDER BY doc DESC, stable on the vocabulary's own (term) order.
  return out.sort((a, b) => b.doc - a.doc).slice(0, max);
}

interface PhraseHits {
  /** Weighted hits per row of this language (0: not matched). */
  hits: Uint32Array;
  /** The rows matched, in rowid order within each term. */
  rows: number[];
  /** Rows of the whole table the phrase matches, when known. */
  total: number | null;
}

/**
 * Per-row arrays a search fills and then clears (only the rows it touched), kept between searches: a
 * search over a long query would otherwise allocate one array of every row per phrase. A search runs to the
 * end without yielding, so one set serves every search of the isolate.
 */
interface Scratch {
  hits: Uint32Array[];
  words: Uint16Array;
  seen: Int32Array;
  /** Each row's bm25 sum so far. */
  acc: Float64Array;
}
const scratch = new WeakMap<Replica, Scratch>();

function scratchOf(r: Replica): Scratch {
  let s = scratch.get(r);
  const n = r.docs.count;
  if (!s) scratch.set(r, (s = { hits: [], words: new Uint16Array(n), seen: new Int32Array(n).fill(-1), acc: new Float64Array(n) }));
  return s;
}

/** Each row's K1 · (1 − B + B · length / average): bm25's length norm, worked out once per copy. */
const norms = new WeakMap<Replica, Float64Array>();
function normOf(r: Replica): Float64Array {
  let n = norms.get(r);
  if (!n) {
    n = new Float64Array(r.docs.count);
    for (let at = 0; at < n.length; at++) n[at] = K1 * (1 - B + (B * r.docs.length[at]) / r.avgLength);
    norms.set(r, n);
  }
  return n;
}

function phraseHits(r: Replica, phrase: Phrase, hits: Uint32Array): PhraseHits {
  // A MATCH runs its query through FTS5's tokenizer, which folds as it did the rows; the vocabulary checks
  // (knows, vocabulary) compare plain strings in SQL, and do not.
  const [lo, hi] = rangeOf(r.lexicon, fts5Fold(phrase.text), phrase.prefix);
  const rows: number[] = [];
  let elsewhere = 0;
  let termsElsewhere = 0;
  for (let t = lo; t < hi; t++) {
    const a = r.termStart[t];
    const b = r.termStart[t + 1];
    const other = r.lexicon.docs[t] - (b - a);
    if (other > 0) {
      elsewhere += other;
      termsElsewhere++;
    }
    for (let k = a; k < b; k++) {
      const d = r.postDoc[k];
      if (hits[d] === 0) rows.push(d);
      hits[d] += r.postHits[k];
    }
  }
  // Other languages' rows holding two of the terms would be counted twice: their union is unknown here.
  return { hits, rows, total: termsElsewhere > 1 ? null : rows.length + elsewhere };
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

/**
 * The rows a MATCH of these words finds, ranked by bm25, filtered and cut as the SQL does; null when the
 * ranking depends on a count this copy does not hold (see the top), for D1 to answer.
 */
export function replicaSearch(r: Replica, q: ReplicaQuery): IndexedRow[] | null {
  return replicaSearches(r, [q])[0];
}

/**
 * Several queries at once. Consecutive ones over the same `words` (the same array) and filters, as a
 * search's every-word and any-word steps are, share one pass: each phrase's postings are read and each
 * candidate scored once, then each query keeps its own best rows. Typing a long question runs both steps
 * on every keystroke, and the scoring is most of a search's CPU.
 */
export function replicaSearches(r: Replica, qs: ReplicaQuery[]): (IndexedRow[] | null)[] {
  let shared: { q: ReplicaQuery; scored: Scored | null } | null = null;
  return qs.map((q) => {
    if (q.lang !== r.lang) throw new Error(`copy of ${r.lang} asked for ${q.lang}`);
    if (q.weights.some((w, i) => w !== r.weights[i])) throw new Error("copy built with other column weights");
    if (q.limit <= 0) return [];
    if (!shared || shared.q.words !== q.words || shared.q.category !== q.category) shared = { q, scored: scored(r, q) };
    return shared.scored && best(r, q, shared.scored);
  });
}

/** Every row that matches at least one word: how many words it matches and its score (negated, as the SQL sorts). */
interface Scored {
  rows: number[];
  words: Uint16Array;
  score: Float64Array;
}

function scored(r: Replica, q: ReplicaQuery): Scored | null {
  const phrases = q.words.flat();
  const sc = scratchOf(r);
  while (sc.hits.length < phrases.length) sc.hits.push(new Uint32Array(r.docs.count));
  const hits = phrases.map((p, i) => phraseHits(r, p, sc.hits[i]));
  try {
    return score(r, q, phrases, hits, sc);
  } finally {
    for (const h of hits) for (const d of h.rows) h.hits[d] = 0;
  }
}

function score(r: Replica, q: ReplicaQuery, phrases: Phrase[], hits: PhraseHits[], sc: Scratch): Scored | null {
  const { words: wordsMatched, seen } = sc;
  const n = r.rows;
  // With one phrase, idf scales every score alike: the order stands whatever it is. A phrase that matches
  // none of this language's rows adds nothing to any score here, whatever its idf.
  if (phrases.length > 1 && hits.some((h) => h.total === null && h.rows.length > 0)) return null;
  const idf = hits.map((h) => {
    const v = Math.log((n - (h.total ?? 0) + 0.5) / ((h.total ?? 0) + 0.5));
    return v <= 0 ? 1e-6 : v;
  });
  // Which rows match: a word matches when any of its phrases does.
  const rows: number[] = [];
  let k = 0;
  q.words.forEach((w, wi) => {
    for (let j = 0; j < w.length; j++, k++)
      for (const d of hits[k].rows) {
        if (seen[d] === wi) continue;
        seen[d] = wi;
        if (wordsMatched[d]++ === 0) rows.push(d);
      }
  });
  // Each phrase adds its term to the rows it holds, in phrase order: the same additions in the same order
  // as a loop over every phrase per row, so the same doubles, at the cost of the postings alone.
  const acc = sc.acc;
  const norm = normOf(r);
  for (let i = 0; i < phrases.length; i++) {
    const h = hits[i];
    for (const at of h.rows) {
      const f = h.hits[at];
      acc[at] += idf[i] * ((f * (K1 + 1.0)) / (f + norm[at]));
    }
  }
  const words = new Uint16Array(rows.length);
  const scores = new Float64Array(rows.length);
  for (let c = 0; c < rows.length; c++) {
    const at = rows[c];
    words[c] = wordsMatched[at];
    scores[c] = -1.0 * acc[at];
    wordsMatched[at] = 0;
    seen[at] = -1;
    acc[at] = 0;
    // Out of the category: matches nothing, for every query of the pass.
    if (q.category !== undefined && !inCategory(r, at, q.category)) words[c] = 0;
  }
  return { rows, words, score: scores };
}

/**
 * The best `limit` by (bm25, rowid) of the rows that match every word (or any): the SQL's ORDER BY bm25
 * LIMIT, ties in rowid order as the FTS5 scan yields them. A total order, so keeping the best few as they
 * come equals sorting them all.
 */
function best(r: Replica, q: ReplicaQuery, s: Scored): IndexedRow[] {
  const need = q.every ? q.words.length : 1;
  const top: { at: number; score: number }[] = [];
  const before = (score: number, at: number, b: { at: number; score: number }) => score < b.score || (score === b.score && at < b.at);
  for (let c = 0; c < s.rows.length; c++) {
    if (s.words[c] < need) continue;
    // Most candidates fall short of a full list's last: they are turned away before anything is made of them.
    if (top.length === q.limit && !before(s.score[c], s.rows[c], top[top.length - 1])) continue;
    const x = { at: s.rows[c], score: s.score[c] };
    let i = top.length === q.limit ? top.length - 1 : top.length;
    if (top.length < q.limit) top.push(x);
    while (i > 0 && before(x.score, x.at, top[i - 1])) {
      top[i] = top[i - 1];
      i--;
    }
    top[i] = x;
  }
  return top.map(({ at }) => row(r, at, q));
}

function inCategory(r: Replica, at: number, category: number): boolean {
  for (let k = r.docs.catStart[at]; k < r.docs.catStart[at + 1]; k++) if (r.docs.cats[k] === category) return true;
  return false;
}

const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * A row as the SQL returns it. The body window (the costly part: a scan of the body for the needles) is
 * worked out when first read: a search reads it for the rows it keeps, not for every row each step found.
 */
function row(r: Replica, at: number, q: ReplicaQuery): IndexedRow {
  const d = r.docs;
  let w: { body: string; mid: number } | undefined;
  const win = () => (w ??= bodyWindow(valueOf(d.body, at), q.needles, q.lead, q.window));
  return {
    id: d.id[at],
    title: valueOf(d.title, at),
    url: valueOf(d.url, at),
    cid: d.cid[at],
    cname: valueOf(d.cname, at),
    get body() {
      return win().body;
    },
    get mid() {
      return win().mid;
    },
    description: valueOf(d.description, at),
  };
}

/**
 * substr(body, start, window), start `lead` characters before the earliest needle in lower(body), else 1.
 * SQLite's lower() folds ASCII alone, and instr() and substr() count characters where JS counts UTF-16
 * units: they differ only past the BMP, so the exact count runs only where a surrogate is in reach.
 */
function bodyWindow(full: string, needles: string[], lead: number, window: number): { body: string; mid: number } {
  const first = earliest(full, needles);
  if (!ASTRAL.test(full.slice(0, Math.max(first, 0) + window))) {
    const start = first < 0 ? 1 : Math.max(1, first + 1 - lead);
    return { body: full.slice(start - 1, start - 1 + window), mid: start > 1 ? 1 : 0 };
  }
  const chars = [...full];
  const start = first < 0 ? 1 : Math.max(1, [...full.slice(0, first)].length + 1 - lead);
  return { body: chars.slice(start - 1, start - 1 + window).join(""), mid: start > 1 ? 1 : 0 };
}

/**
 * Where the earliest needle starts in the ASCII-lowered body (UTF-16 units), or -1. One search with a
 * pattern that matches each needle's ASCII letters in either case and every other character as it is,
 * which is exactly instr() on lower(): no lowered copy of the body is made.
 */
function earliest(body: string, needles: string[]): number {
  return needles.length ? body.search(needlePattern(needles)) : -1;
}

const patterns = new Map<string, RegExp>();
function needlePattern(needles: string[]): RegExp {
  const key = needles.join("\u0000");
  let re = patterns.get(key);
  if (!re) {
    const either = (n: string) => n.replace(/[^]/gu, (ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : /[\w\s]/.test(ch) ? ch : `\\u{${ch.codePointAt(0)!.toString(16)}}`));
    // Needles are lower-cased by the query's folding; one that is not (a character whose fold would change
    // its length stays as typed) still matches only where lower() leaves the same text.
    re = new RegExp(needles.map((n) => (/[A-Z]/.test(n) ? "(?!)" : either(n))).join("|"), "u");
    if (patterns.size >= 256) patterns.clear();
    patterns.set(key, re);
  }
  return re;
}
