import type { TemplateResult } from "lit";
import { call, callerOf, type CallerHost, type Hit } from "./api.js";
import type { Kit } from "./kit.js";

/** The route answers 3 to 5; the list never shows more. */
const MOST = 5;

/**
 * Articles to read after `id` (GET /v1/articles/:id/related): public ones in the same language, from the
 * edge index. Asked without the user token: the route reads the public index only, whoever asks, so a
 * token would change nothing but cost a CORS preflight and the browser's cache. An internal article a
 * signed user reads is not in that index: no list (a 404, like any failure, is just no list).
 */
export async function relatedTo(h: CallerHost, id: number, lang: string | undefined): Promise<Hit[]> {
  const anonymous = { endpoint: callerOf(h).endpoint, token: () => undefined };
  try {
    const r = await call<{ results?: Hit[] }>(anonymous, `/v1/articles/${id}/related`, { lang });
    return (r.results ?? []).filter((x) => x.id !== id).slice(0, MOST);
  } catch {
    return [];
  }
}

/**
 * The list at the end of the reader, after "Was this helpful?": the vote is about the article just read,
 * so it comes first, right where the article ends; what to read next comes after it, as help centers put
 * it. Each entry is a real link (the same href as a result: the article's page, or with deep-link the host
 * page at `#hj-article=ID`), so Ctrl/⌘-click, middle-click and "copy link" work; a plain click opens it here.
 */
export function relatedView(kit: Kit, label: string, hits: Hit[], href: (id: number, url: string) => string, open: (id: number) => void): TemplateResult {
  const { html } = kit;
  const click = (e: MouseEvent, id: number) => {
    if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    open(id);
  };
  return html`<nav part="related" class="related" aria-labelledby="related-label">
    <h3 id="related-label">${label}</h3>
    <ul>
      ${hits.map((x) => html`<li><a href=${href(x.id, x.url)} dir="auto" @click=${(e: MouseEvent) => click(e, x.id)}>${x.title}</a></li>`)}
    </ul>
  </nav>`;
}

const css = String.raw;
/** Adopted with the reader's own styles (reader.ts). */
export const relatedStyles = css`
  .related { margin-top: 1em; padding-top: .75em; border-top: 1px solid var(--_line); }
  .related h3 { margin: 0 0 .4em; font-size: 1em; }
  .related ul { margin: 0; padding-inline-start: 1.2em; }
  .related li { margin: .3em 0; }
`;
