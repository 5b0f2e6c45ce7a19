import type { html as litHtml, nothing as litNothing, ReactiveControllerHost, TemplateResult } from "lit";
import { call, type Caller, type Failure, type Hit } from "./api.js";
import type { ArticleHost } from "./article-cache.js";
import { SearchController } from "./controllers/search-controller.js";
import { highlight } from "./highlight.js";
import { Prefetch } from "./prefetch.js";
import type { Strings } from "./strings/en.js";
import { fill, later } from "./strings/later.js";

/**
 * Lit as lent by the element. The lazy chunks import nothing the entry imports (Lit, lang.ts…): esbuild
 * would move any such module out of the entry into a shared chunk, and the first load would be two files
 * (two requests, two gzip dictionaries) instead of one.
 */
export interface Kit {
  html: typeof litHtml;
  nothing: typeof litNothing;
}

export interface ResultsHost extends ReactiveControllerHost, ArticleHost {
  kit: Kit;
  caller(): Caller;
  renderRoot: HTMLElement | DocumentFragment;
  readonly code: string | undefined;
  mode: string;
  category?: number;
  limit?: number;
  contactUrl?: string;
  readonly t: Strings;
  searched(query: string, results: Hit[] | null, error?: Failure, count?: string): void;
  choose(index: number): void;
  errorText(e: Failure): string;
}

// Plain text (the build minifies css`` templates); adopted into the element's shadow root with the chunk,
// so the first load carries no list styles. Scoped to the listbox: an article's own lists are not options.
const css = String.raw;
const listStyles = css`
  [role="listbox"] { list-style: none; margin: 0; padding: 4px; }
  /* Aligned by the option's own direction: the UA's li { text-align: match-parent } (Firefox, WebKit) would
     put an English title at the right of a right-to-left list. */
  [role="option"] { display: grid; gap: 2px; text-align: start; padding: .5em .75em; border-radius: calc(var(--_r) - 2px); cursor: pointer; }
  [role="option"]:hover { background: color-mix(in srgb, var(--_active) 50%, transparent); }
  /* DOM focus stays in the box, so the active option carries the same ring as focus does elsewhere. */
  [aria-selected="true"] { background: var(--_active); outline: 2px solid var(--_accent); outline-offset: -2px; }
  [part~="title"] { font-weight: 600; }
  [part~="snippet"] { color: var(--_muted); font-size: .9em; overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
  /*
   * A tag, not a link: muted text in a pill, never the link color. It labels the article, so it sits where
   * the article's title starts: start of the option, whose direction is the title's (see options()).
   */
  [part~="category"] { justify-self: start; color: var(--_muted); font-size: .8em; padding: 0 .6em; border: 1px solid var(--_line); border-radius: 1em; }
  mark { background: var(--_mark); color: var(--_fg); border-radius: 2px; }
  .keys { display: flex; flex-wrap: wrap; gap: .25em 1em; margin-top: .5em; padding-top: .5em; border-top: 1px solid var(--_line); color: var(--_muted); font-size: .8em; }
  .keys kbd { margin-inline-end: .3em; }
  @media (pointer: coarse) { .keys { display: none; } }
  @media (forced-colors: active) { [aria-selected="true"] { outline-color: Highlight; } }
`;

// The Option key is "⌥" on a Mac keyboard (as the element's own hotkey label has ⌘).
const mac = /Mac|iP(hone|ad)/.test(navigator.platform);

/**
 * Searching and showing results: loaded with the first keystroke, in parallel with the debounce (in modal
 * and panel modes when the box takes focus, for the popular articles and the key hints), so the script a
 * page loads up front is only what it takes to show the box.
 */
export class Results {
  search: SearchController;
  private prefetch: Prefetch;
  /** The most-read articles (GET /v1/popular), shown while the box is empty in modal and panel modes. */
  popular: Hit[] = [];
  /** What `popular` was fetched for (language, category): another scope fetches them again. */
  private popularFor?: string;
  /** The box is empty: the list is the popular articles, not a search's results. */
  private empty = true;
  /** The query last answered, until it is opened, followed to contact, or abandoned (insights beacon). */
  private pending: string | null = null;

  constructor(private h: ResultsHost) {
    const host = h as unknown as HTMLElement;
    const root = h.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(listStyles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    // A chosen result is an open, whether the reader or the page (hj-select cancelled) shows it.
    host.addEventListener("hj-select", (e) => {
      const id = (e as CustomEvent<{ id: number }>).detail?.id;
      const i = this.search.results.findIndex((r) => r.id === id);
      if (i >= 0) this.beacon({ kind: "open", q: this.search.query, position: i + 1, id });
    });
    // Leaving (or hiding) the page with a search that nothing was opened from. (Not on disconnect: a host
    // that re-renders would report searches that were not over.)
    const hidden = () => document.visibilityState === "hidden" && this.abandon();
    this.prefetch = new Prefetch(h);
    h.addController({
      hostConnected: () => document.addEventListener("visibilitychange", hidden),
      hostDisconnected: () => {
        document.removeEventListener("visibilitychange", hidden);
        this.prefetch.cancel();
      },
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
        const n = results?.length ?? 0;
        const l = later(h.t, h.code);
        h.searched(q, results, error, n ? fill(n === 1 ? l.one : l.results, { n }) : this.none());
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

  /** The box's text: searched after the debounce; an empty box shows the popular articles instead. */
  input(value: string) {
    this.empty = !value.trim();
    this.search.input(value);
    if (this.empty) this.loadPopular();
  }

  /** A new identity, scope or language: the search runs again, and the popular articles are fetched again. */
  refresh() {
    this.search.refresh();
    this.popularFor = undefined;
    if (this.empty) this.loadPopular();
  }

  /** Public articles from the edge index (no upstream call), once per language and category; never an error. */
  private async loadPopular() {
    const h = this.h;
    const key = `${h.code}|${h.category ?? ""}`;
    if (h.mode === "inline" || this.popularFor === key) return;
    this.popularFor = key;
    try {
      const r = await call<{ results: Hit[] }>(h.caller(), "/v1/popular", { lang: h.code, category: h.category, limit: Math.min(5, h.limit ?? 5) });
      if (this.popularFor !== key) return;
      this.popular = r.results ?? [];
    } catch {
      // Nothing popular to show is no failure: the hint stays.
      if (this.popularFor === key) this.popularFor = undefined;
    }
    h.requestUpdate();
  }

  /** The arrow keys made option `index` active (-1: none): its article is prefetched if it stays so. */
  activate(index: number) {
    const hit = this.hits[index];
    if (hit) this.prefetch.want(hit.id);
    else this.prefetch.cancel();
  }

  /** What the listbox shows: the popular articles while the box is empty, else the search's results. */
  get hits(): Hit[] {
    return this.empty ? this.popular : this.search.results;
  }

  get count() {
    return this.hits.length;
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
        ${this.none()}${this.h.contactUrl
          ? html`<a part="contact" href=${this.h.contactUrl} target="_blank" rel="noopener"
              @click=${() => this.beacon({ kind: "contact", q: s.query })}>${later(t, this.h.code).contact}</a>`
          : nothing}
      </p>`;
    if (s.status === "done" && s.partial) return html`<p class="msg" part="message partial">${later(t, this.h.code).partial}</p>`;
    if (this.empty && this.popular.length) return html`<p class="msg" part="message popular">${later(t, this.h.code).popular}</p>`;
    return nothing;
  }

  private none() {
    return fill(later(this.h.t, this.h.code).none, { q: this.search.query });
  }

  /**
   * The modal's key hints, for what the keys do where the user is: the list (move, open) or the reader,
   * where Enter opens nothing and Alt+← steps back (HjSearch.onReaderKey; the modal's Escape closes it
   * from anywhere). Hidden from assistive technology: the combobox already tells a screen reader how to
   * move, and "↑ ↓" read aloud is noise. No touch screen shows them (see the styles).
   */
  footer(t: Strings, reading = false) {
    const { html } = this.h.kit;
    const l = later(t, this.h.code);
    return html`<footer class="keys" part="footer" aria-hidden="true">
      ${reading
        ? html`<span><kbd>${mac ? "⌥" : "Alt"}</kbd><kbd>←</kbd>${l.keyBack}</span>`
        : html`<span><kbd>↑</kbd><kbd>↓</kbd>${l.keyMove}</span>
            <span><kbd>Enter</kbd>${l.keyOpen}</span>`}
      <span><kbd>Esc</kbd>${l.keyClose}</span>
    </footer>`;
  }

  /**
   * The options. Titles and snippets are the knowledge base's text, whose direction need not be the UI's
   * (an English article under an Arabic UI). The option itself is dir=auto and the title, its first text,
   * has no dir of its own, so the option takes the title's direction: the category chip, which labels the
   * article, then starts where its title starts (under an English title on the left, in an Arabic UI too)
   * rather than at the UI's start, across the option from the text it belongs to. The snippet and the
   * chip keep dir=auto for their own text. DOM focus stays on the input, as the pattern wants; the arrow
   * keys reach every option and the element scrolls the active one into view. The scrolling popup has tabindex=-1, or Chromium would
   * make it a Tab stop (keyboard-focusable scrollers) between the combobox and the rest of the page; the
   * options' tabindex=-1 tells checkers such as axe that the scroller's content is reachable.
   */
  options(active: number) {
    const { html, nothing } = this.h.kit;
    const q = this.empty ? "" : this.search.query;
    return this.hits.map(
      (r, i) => html`<li
        id="o${i}"
        role="option"
        dir="auto"
        tabindex="-1"
        part="option${i === active ? " option-active" : ""}"
        aria-selected=${i === active ? "true" : "false"}
        @click=${() => this.h.choose(i)}
        @pointerenter=${() => this.prefetch.want(r.id)}
        @pointerleave=${() => this.prefetch.cancel(r.id)}
      >
        <span part="title">${highlight(html, r.title, q)}</span>
        ${r.snippet ? html`<span part="snippet" dir="auto">${highlight(html, r.snippet, q)}</span>` : nothing}
        ${r.category?.name ? html`<span part="category" dir="auto">${r.category.name}</span>` : nothing}
      </li>`,
    );
  }
}
