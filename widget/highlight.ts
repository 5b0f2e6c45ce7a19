import type { html as litHtml, TemplateResult } from "lit";

/**
 * The query's words worth marking, folded (see fold), longest first. Single letters light up half of every
 * title: they are kept only when they are the whole query.
 */
export function markWords(query: string): string[] {
  const words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
  const useful = words.length > 1 ? words.filter((w) => w.length > 1) : words;
  return [...new Set(useful.map(fold))].sort((a, b) => b.length - a.length);
}

/**
 * Case and accents folded as the worker's search folds them (worker/core/index/text/fold.ts): "Résumé" is
 * "resume", while a Japanese mark, which makes another sound, stays. Unit for unit, so an offset in the
 * fold is the same offset in the text.
 */
const ACCENTED = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
function fold(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = "";
  for (const ch of text.split("")) {
    const lower = ch.toLowerCase();
    const f = ACCENTED.test(ch) ? ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase() : lower;
    out += f.length === 1 ? f : lower.length === 1 ? lower : ch;
  }
  return out;
}

// Words of scripts that put spaces between words match at a word's start, as search's prefixes do ("set"
// is not marked inside "reset"); Japanese, Chinese and the like match anywhere.
const SPACED = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

/** The last words' pattern: an article's text nodes are matched against the same words one after another. */
let last: { words: string; re: RegExp } | undefined;

/** Where `words` (from markWords) occur in `text`: [start, end) offsets into `text`, in order, never overlapping. */
export function matches(text: string, words: string[]): Array<[number, number]> {
  if (!words.length || !text) return [];
  const key = words.join("\n");
  if (last?.words !== key) {
    const alternatives = words.map((w) => (SPACED.test(w) ? "(?<![\\p{L}\\p{N}])" : "") + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    last = { words: key, re: new RegExp(alternatives.join("|"), "gu") };
  }
  return [...fold(text).matchAll(last.re)].map((m) => [m.index!, m.index! + m[0].length]);
}

/**
 * The query's words wrapped in `<mark>` inside `text`. Lit puts every piece into a text node, so nothing the
 * user typed or the knowledge base returned is ever parsed as HTML. (`html` is passed in: this module sits
 * in a lazy chunk that must not import Lit itself, see results.ts.)
 */
export function highlight(html: typeof litHtml, text: string, query: string): Array<string | TemplateResult> {
  const parts: Array<string | TemplateResult> = [];
  let at = 0;
  for (const [start, end] of matches(text, markWords(query))) {
    parts.push(text.slice(at, start), html`<mark part="mark">${text.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(text.slice(at));
  return parts.filter((part) => part !== "");
}
