/**
 * Text → index terms, the same way for documents and queries: split into words (Intl.Segmenter, so
 * Japanese and other unspaced scripts come apart into words too), fold accents and case, drop stopwords,
 * stem. FTS5 then only has to split on the spaces between terms (unicode61), since D1 cannot load a
 * tokenizer of ours.
 */
import { fold } from "./fold";
import { baseLanguage, stemmerFor } from "./languages";
import { isStopword } from "./stopwords";

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(base: string): Intl.Segmenter {
  let s = segmenters.get(base);
  if (!s) {
    s = new Intl.Segmenter(base, { granularity: "word" });
    segmenters.set(base, s);
  }
  return s;
}

/** Characters FTS5's unicode61 would treat as separators inside a segment ("e-mail", "o'clock", "v1.2"). */
const INNER_SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;

export interface Word {
  /** Folded, unstemmed. */
  text: string;
  /** Offset in the original text (UTF-16 units). */
  index: number;
}

/**
 * ASCII text needs no segmenter: its words come out as the runs of letters and digits, whatever the
 * language (the segmenter never breaks inside such a run, and every other ASCII character is a separator
 * once a segment is split as FTS5 would). Asking ICU costs more than the rest of a query's analysis.
 */
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[A-Za-z0-9]+/g;

/** The words of a text, folded, with where each starts. */
export function words(text: string, lang: string): Word[] {
  const out: Word[] = [];
  if (ASCII.test(text)) {
    for (const m of text.matchAll(ASCII_WORD)) out.push({ text: m[0].toLowerCase(), index: m.index });
    return out;
  }
  for (const seg of segmenter(baseLanguage(lang)).segment(text)) {
    if (!seg.isWordLike) continue;
    const folded = fold(seg.segment);
    if (!INNER_SEPARATORS.test(folded)) {
      out.push({ text: folded, index: seg.index });
      continue;
    }
    let offset = 0;
    for (const part of folded.split(INNER_SEPARATORS)) {
      const at = folded.indexOf(part, offset);
      if (part) out.push({ text: part, index: seg.index + at });
      offset = at + part.length;
    }
  }
  return out;
}

/** One folded word as an index term, or null for a stopword. */
export function term(word: string, lang: string): string | null {
  let known = termsOf.get(lang);
  if (!known) termsOf.set(lang, (known = new Map()));
  let t = known.get(word);
  if (t === undefined) {
    if (known.size >= MAX_REMEMBERED_TERMS) known.clear();
    known.set(word, (t = termOfWord(word, lang)));
  }
  return t;
}

/**
 * Words already stemmed, per language: words follow Zipf's law, so a few thousand of them are most of any
 * text, and a stemmer's suffix rules cost far more than a lookup (Ask weighs every candidate passage's
 * words on each question). Bounded; cleared when full.
 */
const termsOf = new Map<string, Map<string, string | null>>();
const MAX_REMEMBERED_TERMS = 20_000;

function termOfWord(word: string, lang: string): string | null {
  const base = baseLanguage(lang);
  if (isStopword(word, base)) return null;
  const stem = stemmerFor(lang);
  // Stemmers are for words; numbers, codes and single letters go in as they are.
  return stem && word.length > 2 && !/\d/.test(word) ? stem(word) : word;
}

/** A text as FTS5 column content: its terms, space-separated. */
export function analyze(text: string, lang: string): string {
  const out: string[] = [];
  for (const w of words(text, lang)) {
    const t = term(w.text, lang);
    if (t) out.push(t);
  }
  return out.join(" ");
}
