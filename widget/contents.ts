import type { TemplateResult } from "lit";
import type { Kit } from "./kit.js";
import { moveTo } from "./reveal.js";

/** One entry of the contents list: a heading of the body (h2–h4), by id. */
export interface Entry {
  id: string;
  text: string;
  level: number;
}

/** An article with fewer headings than this reads well without a list of them. */
const LEAST = 3;

/**
 * The body's h2–h4, for the contents list, with an id given to each heading that has none (`hj-h…`: the
 * worker prefixes the body's own ids with `kb-`, so none can clash). None when there are fewer than three,
 * or when the article already has a contents list of its own (Helpjuice's "On this page": links to three
 * or more of its headings), which a second one would only repeat.
 */
export function contentsOf(body: HTMLElement): Entry[] {
  const headings = [...body.querySelectorAll<HTMLElement>("h2, h3, h4")].filter((h) => h.textContent!.trim());
  if (headings.length < LEAST) return [];
  const linked = new Set([...body.querySelectorAll("a[href^='#']")].map((a) => a.getAttribute("href")!.slice(1)));
  if (headings.filter((h) => h.id && linked.has(h.id)).length >= LEAST) return [];
  return headings.map((h, i) => {
    h.id ||= `hj-h${i}`;
    return { id: h.id, text: h.textContent!.replace(/\s+/g, " ").trim(), level: Number(h.tagName[1]) };
  });
}

/**
 * A small nav at the top of the article. Each entry is a link to its heading's fragment (so it reads and
 * copies as one), but the reader's headings live in a shadow root the browser's fragment navigation cannot
 * see, and following it would write the host page's hash (deep-link's `#hj-article=` among it): so a click
 * or Enter scrolls the reader there and moves focus to the heading instead.
 */
export function contentsView(kit: Kit, label: string, entries: Entry[], root: ShadowRoot): TemplateResult {
  const { html } = kit;
  const go = (e: MouseEvent, id: string) => {
    e.preventDefault();
    const to = root.getElementById(id);
    if (to) moveTo(to);
  };
  return html`<nav part="contents" class="contents" aria-labelledby="contents-label">
    <div id="contents-label" class="contents-label">${label}</div>
    <ul>
      ${entries.map((x) => html`<li class="l${x.level}"><a href=${`#${x.id}`} dir="auto" @click=${(e: MouseEvent) => go(e, x.id)}>${x.text}</a></li>`)}
    </ul>
  </nav>`;
}

const css = String.raw;
/** Adopted with the reader's own styles (reader.ts). Indented by level with classes: no inline style, for a strict CSP. */
export const contentsStyles = css`
  .contents { margin: 0 0 1em; padding: .5em .75em; border-inline-start: 3px solid var(--_line); font-size: .92em; }
  .contents-label { color: var(--_muted); font-size: .85em; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
  .contents ul { list-style: none; margin: .25em 0 0; padding: 0; }
  .contents li { margin: .15em 0; }
  .contents .l3 { padding-inline-start: 1em; }
  .contents .l4 { padding-inline-start: 2em; }
`;
