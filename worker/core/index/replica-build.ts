/**
 * Builds one language's compact copy (core/index/replica.ts) from what D1 holds: that language's rows of
 * `docs` and `docs_fts`, the whole `docs_vocab`, the whole table's row count, and the memberships of that
 * language's articles. Written for the load's CPU (one request's): one pass over the analysed text, finding
 * each token in a hash table over the vocabulary (core/index/term-table.ts) that is dropped afterwards,
 * postings gathered in typed arrays and grouped by a counting sort, text joined into one string per field.
 * Pure.
 */
import { flat, lexiconOf, type Lexicon } from "./lexicon";
import type { Field, Replica, ReplicaDoc, ReplicaTerms } from "./replica";
import { findTerm, HASH_START, hashStep, termTable, type TermTable } from "./term-table";
import { fts5Fold } from "./fts5-fold";

export interface ReplicaSource {
  lang: string;
  /** This language's rows of `docs`. */
  docs: ReplicaDoc[];
  /** This language's rows of `docs_fts` (rowid and the four analysed columns). */
  terms: ReplicaTerms[];
  /** `docs_vocab`, whole, in its order; `cnt` is the term's count over the table (their sum is bm25's total length). */
  vocabulary: { term: string; doc: number; cnt: number }[];
  /** Rows of `docs_fts`, all languages: bm25's N. */
  rows: number;
  memberships: { article_id: number; category_id: number }[];
  /** bm25's column weights, folded into each posting's hits. */
  weights: readonly number[];
}

/** A token FTS5 folded further than the worker's analysis did (core/index/fts5-fold.ts), found as folded. */
function folded(table: TermTable, token: string): number {
  const f = fts5Fold(token);
  if (f === token) return -1;
  let h = HASH_START;
  for (let i = 0; i < f.length; i++) h = hashStep(h, f.charCodeAt(i));
  return findTerm(table, f, 0, f.length, h);
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

function field(values: string[]): Field {
  const starts = new Uint32Array(values.length + 1);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    starts[i] = at;
    at += values[i].length;
  }
  starts[values.length] = at;
  return { text: flat(values.join("")), starts };
}

/**
 * The copy, or null when this language's analysed text holds a term docs_vocab does not list (the copy
 * would count terms differently from FTS5, so the language is left to D1).
 */
export function buildReplica(s: ReplicaSource): Replica | null {
  const lexicon: Lexicon = lexiconOf(s.vocabulary);
  let tokens = 0;
  for (const v of s.vocabulary) tokens += v.cnt;
  const table = termTable(lexicon);

  const byDoc = new Map(s.docs.map((d) => [d.doc, d]));
  const rows = s.terms.filter((t) => byDoc.has(t.doc)).sort((a, b) => a.doc - b.doc);
  const count = rows.length;
  const length = new Uint32Array(count);
  // Postings as they are found, doc by doc: (term, doc, weighted hits), in typed arrays (outside the JS heap,
  // so a garbage collection during the load does not copy millions of numbers).
  let pTerm = new Uint32Array(1 << 16);
  let pDoc = new Uint32Array(1 << 16);
  let pHits = new Uint32Array(1 << 16);
  let postings = 0;
  const seenIn = new Int32Array(lexicon.size).fill(-1);
  const slot = new Uint32Array(lexicon.size);
  for (let d = 0; d < count; d++) {
    const cols = rows[d].columns;
    let len = 0;
    for (let c = 0; c < 4; c++) {
      const text = cols[c];
      if (!text) continue;
      const w = s.weights[c];
      // Tokens are separated by single spaces (core/index/text/analyze.ts); the hash is made as they are read.
      let start = 0;
      let h = HASH_START;
      for (let i = 0; i <= text.length; i++) {
        const unit = i < text.length ? text.charCodeAt(i) : 32;
        if (unit !== 32) {
          h = hashStep(h, unit);
          continue;
        }
        if (i > start) {
          let t = findTerm(table, text, start, i, h);
          if (t < 0) t = folded(table, text.slice(start, i));
          if (t < 0) return null;
          len++;
          if (seenIn[t] !== d) {
            seenIn[t] = d;
            if (postings === pTerm.length) [pTerm, pDoc, pHits] = [grow(pTerm), grow(pDoc), grow(pHits)];
            slot[t] = postings;
            pTerm[postings] = t;
            pDoc[postings] = d;
            pHits[postings++] = 0;
          }
          pHits[slot[t]] += w;
        }
        start = i + 1;
        h = HASH_START;
      }
    }
    length[d] = len;
  }

  // Grouped by term (counting sort), each term's postings staying in rowid order.
  const termStart = new Uint32Array(lexicon.size + 1);
  for (let k = 0; k < postings; k++) termStart[pTerm[k] + 1]++;
  for (let i = 0; i < lexicon.size; i++) termStart[i + 1] += termStart[i];
  const fill = termStart.slice(0, lexicon.size);
  const postDoc = count < 65_536 ? new Uint16Array(postings) : new Uint32Array(postings);
  const postHits = new Uint32Array(postings);
  for (let k = 0; k < postings; k++) {
    const at = fill[pTerm[k]]++;
    postDoc[at] = pDoc[k];
    postHits[at] = pHits[k];
  }

  const own = rows.map((r) => byDoc.get(r.doc)!);
  // An article has one row here, or (a copy of passages) several: each row links to the next of its article.
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const next = new Int32Array(count).fill(-1);
  own.forEach((d, i) => {
    const before = last.get(d.id);
    if (before === undefined) first.set(d.id, i);
    else next[before] = i;
    last.set(d.id, i);
  });
  const cats: number[][] = own.map(() => []);
  for (const m of s.memberships) for (let i = first.get(m.article_id) ?? -1; i >= 0; i = next[i]) cats[i].push(m.category_id);
  const catStart = new Uint32Array(count + 1);
  cats.forEach((c, i) => (catStart[i + 1] = catStart[i] + c.length));

  return {
    lang: s.lang,
    rows: s.rows,
    avgLength: s.rows ? tokens / s.rows : 0,
    weights: [...s.weights],
    lexicon,
    termStart,
    postDoc,
    postHits,
    docs: {
      count,
      rowid: Float64Array.from(own, (d) => d.doc),
      id: Float64Array.from(own, (d) => d.id),
      cid: Float64Array.from(own, (d) => d.cid),
      length,
      title: field(own.map((d) => d.title)),
      url: field(own.map((d) => d.url)),
      cname: field(own.map((d) => d.cname)),
      description: field(own.map((d) => d.description)),
      body: field(own.map((d) => d.body)),
      catStart,
      cats: Float64Array.from(cats.flat()),
    },
  };
}
