/**
 * Finds a token of analysed text in the lexicon without making a string of it: an open-addressing table of
 * term hashes over the lexicon's one string. A load reads a million tokens or more; splitting the text and
 * looking each piece up in a Map spends most of a load's CPU making and hashing those strings.
 * Pure; used while a copy is built, then dropped.
 */
import type { Lexicon } from "./lexicon";

export interface TermTable {
  lx: Lexicon;
  /** Term index + 1 per slot; 0 is empty. */
  slots: Int32Array;
  mask: number;
}

/** FNV-1a over UTF-16 units, one step. */
export const hashStep = (h: number, unit: number) => Math.imul(h ^ unit, 16777619);
export const HASH_START = 2166136261 | 0;

export function termTable(lx: Lexicon): TermTable {
  let size = 16;
  while (size < lx.size * 2) size <<= 1;
  const slots = new Int32Array(size);
  const mask = size - 1;
  for (let i = 0; i < lx.size; i++) {
    let h = HASH_START;
    for (let k = lx.starts[i]; k < lx.starts[i + 1]; k++) h = hashStep(h, lx.text.charCodeAt(k));
    let at = h & mask;
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = i + 1;
  }
  return { lx, slots, mask };
}

/** The index of the term text[start, end) (whose hash is `h`), or -1. */
export function findTerm(t: TermTable, text: string, start: number, end: number, h: number): number {
  const { lx, slots, mask } = t;
  const n = end - start;
  for (let at = h & mask; slots[at] !== 0; at = (at + 1) & mask) {
    const i = slots[at] - 1;
    const s = lx.starts[i];
    if (lx.starts[i + 1] - s !== n) continue;
    let k = 0;
    while (k < n && lx.text.charCodeAt(s + k) === text.charCodeAt(start + k)) k++;
    if (k === n) return i;
  }
  return -1;
}
