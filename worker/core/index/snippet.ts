/**
 * A plain-text snippet around the first place the query matches, at most SNIPPET_MAX characters with its
 * ellipses. Matching runs on the folded text, which keeps the original's offsets (text/fold.ts), so the
 * snippet shows the original accents and case.
 */
import { fold } from "./text/fold";

export const SNIPPET_MAX = 200;
/** How much of the text before the match the snippet shows, so the match is read in context. */
const LEAD = 60;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** The separator htmlToText puts between table cells: a snippet neither opens nor ends on one. */
const SEPARATOR = /[\s·]/u;
const TRAILING_SEPARATORS = /[\s·]+$/u;
/**
 * A run of white space other than one plain space: each becomes one space. The runs that already are one
 * space (nearly all of them in prose) are left unmatched, which spares rebuilding the string at every word.
 */
const LOOSE_SPACE = / \s+|[^\S ]\s*/g;
/** A cut that ends a sentence gets no ellipsis after it: "Range." reads as an ending, "Range.…" as a typo. */
const ENDS_SENTENCE = /[.!?…。！？]$/u;

function startsWord(text: string, at: number): boolean {
  return at === 0 || !WORD_CHAR.test(text[at - 1]) || !/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u.test(text[at]);
}

/** Where the first of `needles` occurs at the start of a word in `folded`, or -1. */
function firstMatch(folded: string, needles: string[]): number {
  let best = -1;
  for (const n of needles) {
    if (!n) continue;
    let from = 0;
    for (;;) {
      const at = folded.indexOf(n, from);
      if (at < 0 || (best >= 0 && at >= best)) break;
      if (startsWord(folded, at)) {
        best = at;
        break;
      }
      from = at + 1;
    }
  }
  return best;
}

/** A low surrogate: the second half of a character outside the BMP, which a cut must not separate from its first. */
const isLowSurrogate = (text: string, at: number) => at > 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00;

function cut(text: string, from: number, midText = false): string {
  let start = from;
  if (isLowSurrogate(text, start)) start--;
  if (start > 0) {
    // Start on a word boundary so the snippet does not open mid-word.
    const space = text.lastIndexOf(" ", start);
    start = space >= 0 && from - space < 20 ? space + 1 : start;
    // Nor on a cell separator left over from the text before it (text/plain.ts).
    while (start < text.length && SEPARATOR.test(text[start])) start++;
  }
  const head = start > 0 || midText ? "…" : "";
  const room = SNIPPET_MAX - head.length;
  if (text.length - start <= room) return head + text.slice(start);
  let end = start + room - 1;
  if (isLowSurrogate(text, end)) end--;
  let body = text.slice(start, end);
  const space = body.lastIndexOf(" ");
  if (space > room * 0.6) body = body.slice(0, space);
  body = body.replace(TRAILING_SEPARATORS, "");
  return `${head}${body}${ENDS_SENTENCE.test(body) ? "" : "…"}`;
}

/**
 * `texts` in order of preference (body, then description): the first that contains a needle gives the
 * snippet; with no match anywhere, the first non-empty text's beginning does. `firstIsMidText`: the first
 * text is a window from the middle of a longer one, so it opens with an ellipsis.
 */
export function snippet(texts: string[], needles: string[], firstIsMidText = false): string {
  const flat = texts.map((t) => t.replace(LOOSE_SPACE, " ").trim());
  for (const [i, text] of flat.entries()) {
    const at = firstMatch(fold(text), needles);
    if (at >= 0) return cut(text, Math.max(0, at - LEAD), i === 0 && firstIsMidText);
  }
  const i = flat.findIndex(Boolean);
  return i < 0 ? "" : cut(flat[i], 0, i === 0 && firstIsMidText);
}
