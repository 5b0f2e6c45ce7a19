import { markWords, matches } from "./highlight.js";

/**
 * Where the query's words are not marked: code (identifiers such as reset_password_token are not the prose
 * the visitor searched, and the first mark should land on prose), what is never shown (scripts, styles:
 * the worker removes them, this is belt and braces), and marks already there (a reload of the same body).
 */
const SKIP = "code, pre, kbd, samp, script, style, template, textarea, mark";
/** A body that names a common word hundreds of times needs no more marks than this. */
const MOST = 200;

/**
 * Wraps the words of `query` (the search that found the article) in `<mark>` inside the article's body, the
 * way search matched them (highlight.ts's words: case and accents folded, at a word's start). Text nodes
 * only, split and wrapped as nodes: nothing is parsed, and an attribute (an image's alt, a link's href)
 * is never touched. Returns the marks, first in reading order.
 */
export function markQuery(body: HTMLElement, query: string): HTMLElement[] {
  const words = markWords(query);
  if (!words.length) return [];
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const found: Array<[Text, Array<[number, number]>]> = [];
  let count = 0;
  for (let n = walker.nextNode() as Text | null; n && count < MOST; n = walker.nextNode() as Text | null) {
    const at = matches(n.data, words).slice(0, MOST - count);
    if (at.length) found.push([n, at]), (count += at.length);
  }
  // Each node is split from its end, so the offsets still ahead stay right; the walker is done by then.
  const marks: HTMLElement[] = [];
  for (const [node, at] of found) {
    const mine: HTMLElement[] = [];
    for (const [start, end] of at.reverse()) {
      node.splitText(end);
      const word = node.splitText(start);
      const mark = document.createElement("mark");
      mark.setAttribute("part", "mark");
      word.replaceWith(mark);
      mark.append(word);
      mine.unshift(mark);
    }
    marks.push(...mine);
  }
  return marks;
}
