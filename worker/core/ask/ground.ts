/**
 * How well the knowledge base could answer a question at all, before anything is spent on answering it.
 *
 * The threshold is relative to the question, not a score tuned to one corpus: each of the question's terms
 * weighs its inverse document frequency over the passages (BM25's idf), so rare words (a product name, a
 * feature) weigh most and common ones little, and a term the knowledge base never uses weighs most of all.
 * A passage's *share* is the part of that weight its own words (with its article's title and its heading)
 * hold. Below the question's neededShare for the best passage, the knowledge base does not say, and Ask
 * declines with no model call. A share is a fraction of what this question could score, so it reads the
 * same on a ten-article help centre and on a large one, in any language, whatever the scale of BM25's raw
 * scores; and how much of it is needed depends on how many terms the question has, since a passage that
 * merely shares a few words with a short question holds much of it by chance.
 */
import { term, words } from "../index/text/analyze";
import { isFrameWord } from "./question";

/**
 * The least share of the question's weight the best passage must hold, for a question of very many terms;
 * fewer terms need more (neededShare). With SPREAD, set on the public half of SQuAD 2.0 (bench/ask.mjs)
 * where declining what the knowledge base lacks keeps a margin over its floor while answering stays high:
 * two numbers for every question length, not one per corpus.
 */
export const ANSWERABLE_SHARE = 0.25;
/** What a question of one term needs beyond ANSWERABLE_SHARE; n terms need SPREAD / √n of it. */
export const SPREAD = 0.5;

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

/**
 * The share the best passage must hold for this question: ANSWERABLE_SHARE plus SPREAD / √n, n the question's
 * effective number of terms, (Σw)²/Σw², which counts terms by their weight (two rare words and a common one
 * are about two). The share a passage reaches by chance, sharing some words with the question without being
 * about it, spreads like an average of n draws, by 1/√n: half of a two-term question is a coin toss, half of
 * a ten-term one is not. So "where was the war fought" must be held nearly whole (0.6 of it), while a long
 * question is answered by a passage holding a good part of it (0.41 of ten terms).
 */
export function neededShare(question: readonly WeightedTerm[]): number {
  let sum = 0;
  let squares = 0;
  for (const q of question) {
    sum += q.weight;
    squares += q.weight * q.weight;
  }
  return squares > 0 ? ANSWERABLE_SHARE + SPREAD / Math.sqrt((sum * sum) / squares) : 1;
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
