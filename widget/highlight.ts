import type { html as litHtml, TemplateResult } from "lit";

/**
 * The query's words wrapped in `<mark>` inside `text`. Lit puts every piece into a text node, so nothing the
 * user typed or the knowledge base returned is ever parsed as HTML. (`html` is passed in: this module sits
 * in a lazy chunk that must not import Lit itself, see results.ts.)
 */
export function highlight(html: typeof litHtml, text: string, query: string): Array<string | TemplateResult> {
  const words = query.split(/[\s\p{P}\p{S}]+/u).filter(Boolean);
  // Single letters light up half of every title; keep them only when they are the whole query.
  const useful = words.length > 1 ? words.filter((w) => w.length > 1) : words;
  if (!useful.length || !text) return [text];
  const alternatives = useful
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  // A capturing split keeps the matches at the odd indexes.
  return text
    .split(new RegExp(`(${alternatives.join("|")})`, "iu"))
    .map((part, i) => (i % 2 ? html`<mark part="mark">${part}</mark>` : part))
    .filter((part) => part !== "");
}
