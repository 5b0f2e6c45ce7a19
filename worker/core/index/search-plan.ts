/**
 * A visitor's query as FTS5 MATCH expressions. Every word is analysed as documents are (core/text), and
 * the last word is also a prefix, since people are still typing it: "passw" finds "password". The prefix
 * is cut back towards the stem, because the index holds stems: "configura" must reach "configur".
 */
import { term, words } from "./text/analyze";

export interface QueryWord {
  /** The index term (stemmed), or null for a stopword. */
  term: string | null;
  /** The folded word as typed. */
  raw: string;
  /** For the last word: the prefix that stands for it in the index. */
  prefix: string | null;
}

export interface SearchPlan {
  words: QueryWord[];
}

/** Characters to drop from a typed word so that its prefix still reaches the stem of the whole word. */
export function prefixOf(raw: string, stem: string): string {
  // Counted in characters, so a character outside the BMP is never cut in half.
  const chars = [...raw];
  if (chars.length <= 5) return raw;
  return chars.slice(0, Math.max(5, Math.min([...stem].length, chars.length - 2))).join("");
}

export function planSearch(q: string, lang: string): SearchPlan {
  const ws = words(q, lang);
  const out: QueryWord[] = [];
  const seen = new Set<string>();
  ws.forEach((w, i) => {
    // term() remembers the words it has stemmed: typing a question re-plans every word before the last.
    const t = term(w.text, lang);
    const last = i === ws.length - 1;
    const key = `${t ?? ""}|${w.text}|${last}`;
    if (seen.has(key)) return;
    seen.add(key);
    // A lone letter is not worth a prefix scan of the whole vocabulary.
    out.push({ term: t, raw: w.text, prefix: last && w.text.length >= 2 ? prefixOf(w.text, t ?? w.text) : null });
  });
  // A query of stopwords only ("how to", "the") still searches for them, as a prefix for the last.
  if (out.length && out.every((w) => w.term === null)) for (const w of out) w.term = w.raw;
  return { words: out.filter((w) => w.term !== null || w.prefix !== null) };
}

/** An FTS5 string literal: double quotes, with inner quotes doubled. */
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** One FTS5 phrase of a query: a term, or (`prefix`) any term that starts with `text`. */
export interface Phrase {
  text: string;
  prefix: boolean;
}

/** What matches one word: its prefix while typed, and its stem unless the prefix already covers it. */
export function phrasesOf(w: QueryWord): Phrase[] {
  const out: Phrase[] = [];
  if (w.prefix) out.push({ text: w.prefix, prefix: true });
  if (w.term && !(w.prefix && w.term.startsWith(w.prefix))) out.push({ text: w.term, prefix: false });
  return out;
}

/** The words that take part in a match: everything but a stopword with no prefix. */
export const matchedWords = (plan: SearchPlan) => plan.words.filter((w) => w.term !== null || w.prefix !== null);

function wordExpression(w: QueryWord): string {
  const parts = phrasesOf(w).map((p) => (p.prefix ? `${quote(p.text)}*` : quote(p.text)));
  return parts.length > 1 ? `(${parts.join(" OR ")})` : parts[0];
}

/** Every word must match. null when nothing is left to search for. */
export function allOf(plan: SearchPlan): string | null {
  const parts = matchedWords(plan).map(wordExpression);
  return parts.length ? parts.join(" AND ") : null;
}

/** Any word may match; BM25 ranks documents with more (and rarer) of them first. */
export function anyOf(plan: SearchPlan): string | null {
  const parts = matchedWords(plan).map(wordExpression);
  return parts.length > 1 ? parts.join(" OR ") : null;
}

/** The plan with some words' terms replaced (typo corrections); a corrected word is no longer a prefix. */
export function corrected(plan: SearchPlan, fixes: Map<string, string>): SearchPlan {
  return {
    words: plan.words.map((w) => {
      const fix = fixes.get(w.raw);
      return fix ? { term: fix, raw: w.raw, prefix: null } : w;
    }),
  };
}
