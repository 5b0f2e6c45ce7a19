import type { html as litHtml, nothing as litNothing, ReactiveControllerHost, TemplateResult } from "lit";
import { call, type Caller, type Failure, type Hit } from "./api.js";
import { SearchController } from "./controllers/search-controller.js";
import { highlight } from "./highlight.js";
import type { Strings } from "./strings/en.js";

/**
 * Lit as lent by the element. The lazy chunks import nothing the entry imports (Lit, lang.ts…): esbuild
 * would move any such module out of the entry into a shared chunk, and the first load would be two files
 * (two requests, two gzip dictionaries) instead of one.
 */
export interface Kit {
  html: typeof litHtml;
  nothing: typeof litNothing;
}

export interface ResultsHost extends ReactiveControllerHost {
  kit: Kit;
  caller(): Caller;
  readonly code: string | undefined;
  category?: number;
  limit?: number;
  contactUrl?: string;
  searched(query: string, results: Hit[] | null, error?: Failure): void;
  choose(index: number): void;
  errorText(e: Failure): string;
  noneText(): string;
}

/** The partial-results line, by language (see strings/en.ts for why it is here). */
const PARTIAL: Record<string, string> = {
  en: "Public articles only for now.",
  es: "Por ahora, solo artículos públicos.",
  de: "Vorerst nur öffentliche Artikel.",
  fr: "Articles publics seulement, pour l’instant.",
  pt: "Por agora, só artigos públicos.",
  ja: "公開記事のみ表示中です。",
  ar: "المقالات العامة فقط حاليًا.",
};

/**
 * Searching and showing results: loaded with the first keystroke, in parallel with the debounce, so the
 * script a page loads up front is only what it takes to show the box.
 */
export class Results {
  search: SearchController;

  constructor(private h: ResultsHost) {
    this.search = new SearchController(
      h,
      (q, signal) =>
        call<{ results: Hit[]; partial?: boolean }>(
          h.caller(),
          "/v1/search",
          { q, lang: h.code, category: h.category, limit: h.limit },
          { signal },
        ).then((r) => ({ results: r.results ?? [], partial: r.partial === true })),
      (q, results, error) => h.searched(q, results, error),
    );
  }

  get count() {
    return this.search.results.length;
  }

  /** The message above (or instead of) the list: loading, no results, error, or public results only. */
  status(t: Strings): TemplateResult | symbol {
    const { html, nothing } = this.h.kit;
    const s = this.search;
    if (s.status === "error")
      return html`<p class="msg" part="message error">
        ${this.h.errorText(s.error!)}<button part="retry" type="button" @click=${() => s.now()}>${t.retry}</button>
      </p>`;
    if (s.status === "loading" && !this.count) return html`<p class="msg" part="message loading">${t.loading}</p>`;
    if (s.status === "done" && !this.count)
      return html`<p class="msg" part="message none">
        ${this.h.noneText()}${this.h.contactUrl
          ? html`<a part="contact" href=${this.h.contactUrl} target="_blank" rel="noopener">${t.contact}</a>`
          : nothing}
      </p>`;
    if (s.status === "done" && s.partial)
      return html`<p class="msg" part="message partial">${t.partial ?? PARTIAL[(this.h.code ?? "en").slice(0, 2)] ?? PARTIAL.en}</p>`;
    return nothing;
  }

  /**
   * The options. Titles and snippets are the knowledge base's text, whose direction need not be the UI's
   * (an English article under an Arabic UI), hence dir=auto. DOM focus stays on the input, as the pattern wants; the arrow keys reach every option and
   * the element scrolls the active one into view. The scrolling popup has tabindex=-1, or Chromium would
   * make it a Tab stop (keyboard-focusable scrollers) between the combobox and the rest of the page; the
   * options' tabindex=-1 tells checkers such as axe that the scroller's content is reachable.
   */
  options(active: number) {
    const { html, nothing } = this.h.kit;
    const q = this.search.query;
    return this.search.results.map(
      (r, i) => html`<li
        id="o${i}"
        role="option"
        tabindex="-1"
        part="option${i === active ? " option-active" : ""}"
        aria-selected=${i === active ? "true" : "false"}
        @click=${() => this.h.choose(i)}
      >
        <span part="title" dir="auto">${highlight(html, r.title, q)}</span>
        ${r.snippet ? html`<span part="snippet" dir="auto">${highlight(html, r.snippet, q)}</span>` : nothing}
        ${r.category?.name ? html`<span part="category" dir="auto">${r.category.name}</span>` : nothing}
      </li>`,
    );
  }
}
