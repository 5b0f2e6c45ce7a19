/**
 * The whole index's vocabulary as D1's `docs_vocab` gives it (every term of every language, in SQLite's
 * BINARY order, with the number of rows holding it), held as one string with offsets: a few bytes a term
 * where a Map or an array of strings would take tens. The copy of one language needs all of it, because
 * FTS5's statistics (bm25's idf) and the typo and "known word" checks read the whole table.
 * Pure.
 */

export interface Lexicon {
  /** Every term, one after another. */
  text: string;
  /** Term i is text[starts[i], starts[i + 1]). */
  starts: Uint32Array;
  /** Rows (of any language) holding term i: docs_vocab's `doc`. */
  docs: Uint32Array;
  size: number;
}

/** From docs_vocab's rows, in the order it lists them (its own order: code points, as SQLite's BINARY). */
export function lexiconOf(rows: { term: string; doc: number }[]): Lexicon {
  const starts = new Uint32Array(rows.length + 1);
  const docs = new Uint32Array(rows.length);
  const parts: string[] = new Array(rows.length);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    parts[i] = rows[i].term;
    starts[i] = at;
    at += rows[i].term.length;
    docs[i] = rows[i].doc;
  }
  starts[rows.length] = at;
  return { text: flat(parts.join("")), starts, docs, size: rows.length };
}

/**
 * A joined string can stay a tree of pieces in V8 until first read; reading it once makes it one flat
 * string, so its size is the characters alone.
 */
export function flat(s: string): string {
  if (s.length) s.charCodeAt(s.length >> 1);
  return s;
}

export const termAt = (lx: Lexicon, i: number): string => lx.text.slice(lx.starts[i], lx.starts[i + 1]);

/** A UTF-16 unit as its place in code point order: surrogates (astral characters) after the rest of the BMP. */
const rank = (u: number) => (u < 0xd800 ? u : u >= 0xe000 ? u - 0x800 : u + 0x2000);

/** Term i against `p` in SQLite's BINARY order (UTF-8 bytes, so code points), without slicing. */
function compareAt(lx: Lexicon, i: number, p: string): number {
  const s = lx.starts[i];
  const n = lx.starts[i + 1] - s;
  const m = Math.min(n, p.length);
  for (let k = 0; k < m; k++) {
    const a = lx.text.charCodeAt(s + k);
    const b = p.charCodeAt(k);
    if (a !== b) return rank(a) - rank(b);
  }
  return n - p.length;
}

/** The first term at or after `p`. */
export function lowerBound(lx: Lexicon, p: string): number {
  let lo = 0;
  let hi = lx.size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareAt(lx, mid, p) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does term i start with `p`? */
export const startsWith = (lx: Lexicon, i: number, p: string): boolean => lx.starts[i + 1] - lx.starts[i] >= p.length && lx.text.startsWith(p, lx.starts[i]);

/** The range [lo, hi) of terms equal to `p`, or (prefix) starting with it: sorted, so they sit together. */
export function rangeOf(lx: Lexicon, p: string, prefix: boolean): [number, number] {
  const lo = lowerBound(lx, p);
  if (!prefix) return lo < lx.size && compareAt(lx, lo, p) === 0 ? [lo, lo + 1] : [lo, lo];
  let a = lo;
  let b = lx.size;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (startsWith(lx, mid, p)) a = mid + 1;
    else b = mid;
  }
  return [lo, a];
}
