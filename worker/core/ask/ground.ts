/**
 * How well the knowledge base could answer a question at all, before anything is spent on answering it.
 *
 * The threshold is relative to the question, not a score tuned to one corpus: each of the question's terms
 * weighs its inverse document frequency over the passages (BM25's idf), so rare words (a product name, a
 * feature) weigh most and common ones little, and a term the knowledge base never uses weighs most of all.
 * A passage's *share* is the part of that weight its own words (with its article's title and its heading)
 * hold. Below ANSWERABLE_SHARE for the best passage, the knowledge base does not say, and Ask declines with
 * no model call. A share is a fraction of what this question could score, so it reads the same on a
 * ten-article help centre and on a large one, in any language, whatever the scale of BM25's raw scores.
 */
import { term, words } from "../index/text/analyze";
import { isFrameWord } from "./question";

/**
 * The least share of the question's weight the best passage must hold for Ask to answer: a little under
 * half of what the question asks. Set on the public half of SQuAD 2.0 (bench/ask.mjs) at the point where
 * declining what the knowledge base lacks holds its floor with answering as high as it goes; as a share of
 * the question it carries over to a knowledge base of another size or language, where a raw BM25 score
 * would not.
 */
export const ANSWERABLE_SHARE = 0.46;

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** A text's index terms, as a set (the same analysis documents get). */
export function termSet(text: string, lang: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text, lang)) {
    const t = term(w.text, lang);
    if (t) out.add(t);
  }
  return out;
}

/** The question's own terms: analysed as documents are, without its frame ("how do I", "what is"), once each. */
export function questionTerms(question: string, lang: string): string[] {
  const out = new Set<string>();
  for (const w of words(question, lang)) {
    if (isFrameWord(w.text, lang)) continue;
    const t = term(w.text, lang);
    if (t) out.add(t);
  }
  return [...out];
}

/** BM25's inverse document frequency: always positive, largest for a term no passage holds. */
export function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function weigh(terms: string[], df: ReadonlyMap<string, number>, passages: number): WeightedTerm[] {
  return terms.map((t) => ({ term: t, weight: idf(df.get(t) ?? 0, passages) }));
}

/** The share (0–1) of the question's weight that a set of terms holds. */
export function share(question: readonly WeightedTerm[], has: ReadonlySet<string>): number {
  let total = 0;
  let held = 0;
  for (const q of question) {
    total += q.weight;
    if (has.has(q.term)) held += q.weight;
  }
  return total > 0 ? held / total : 0;
}
