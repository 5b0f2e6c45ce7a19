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
  /** The query last answered, until it is opened, followed to contact, or abandoned (insights beacon). */
  private pending: string | null = null;

  constructor(private h: ResultsHost) {
    const host = h as unknown as HTMLElement;
    // A chosen result is an open, whether the reader or the page (hj-select cancelled) shows it.
    host.addEventListener("hj-select", (e) => {
      const id = (e as CustomEvent<{ id: number }>).detail?.id;
      const i = this.search.results.findIndex((r) => r.id === id);
      if (i >= 0) this.beacon({ kind: "open", q: this.search.query, position: i + 1, id });
    });
    // Leaving (or hiding) the page with a search that nothing was opened from. (Not on disconnect: a host
    // that re-renders would report searches that were not over.)
    const hidden = () => document.visibilityState === "hidden" && this.abandon();
    h.addController({
      hostConnected: () => document.addEventListener("visibilitychange", hidden),
      hostDisconnected: () => document.removeEventListener("visibilitychange", hidden),
    });
    if (host.isConnected) document.addEventListener("visibilitychange", hidden);
    this.search = new SearchController(
      h,
      (q, signal) =>
        call<{ results: Hit[]; partial?: boolean }>(
          h.caller(),
          "/v1/search",
          { q, lang: h.code, category: h.category, limit: h.limit },
          { signal },
        ).then((r) => ({ results: r.results ?? [], partial: r.partial === true })),
      (q, results, error) => {
        if (!error) this.pending = q;
        h.searched(q, results, error);
      },
    );
    // Clearing the box ends the search too.
    const reset = this.search.reset.bind(this.search);
    this.search.reset = () => {
      this.abandon();
      reset();
    };
  }

  /**
   * The insights beacon (POST /v1/events): sendBeacon outlives the page, and a string goes as text/plain,
   * so there is no preflight; fetch with keepalive where there is no sendBeacon. Never fails the widget.
   */
  private beacon(body: { kind: string; q: string; position?: number; id?: number }) {
    if (!body.q) return;
    this.pending = null;
    const data = JSON.stringify({ ...body, lang: this.h.code || undefined });
    try {
      const url = new URL(`${this.h.caller().endpoint.replace(/\/+$/, "")}/v1/events`, document.baseURI).href;
      if (!navigator.sendBeacon?.(url, data))
        fetch(url, { method: "POST", body: data, keepalive: true, credentials: "omit" }).catch(() => {});
    } catch {
      /* insights are never worth an error */
    }
  }

  private abandon() {
    if (this.pending) this.beacon({ kind: "abandon", q: this.pending });
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
          ? html`<a part="contact" href=${this.h.contactUrl} target="_blank" rel="noopener"
              @click=${() => this.beacon({ kind: "contact", q: s.query })}>${t.contact}</a>`
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
