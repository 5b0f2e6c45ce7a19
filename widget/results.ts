import type { ReactiveControllerHost, TemplateResult } from "lit";
import { call, callerOf, type Failure, type Hit } from "./api.js";
import { comboboxKey, stop, type ComboboxHost, type ComboboxState } from "./controllers/combobox.js";
import type { Reader, ReaderHost } from "./reader.js";
import { SearchController } from "./controllers/search-controller.js";
import { highlight } from "./highlight.js";
import { Prefetch } from "./prefetch.js";
import type { Ask, AskHost } from "./ask.js";
import { isQuestion } from "./question.js";
import type { Strings } from "./strings/en.js";
import { fill, later } from "./strings/later.js";
import { inAppText } from "./strings/inapp.js";
import { compile, follow, pick } from "./suggest.js";
import { Recent } from "./recent.js";

/** An option: a hit, the empty box's group it is shown under, and for a recent search its query. */
export type Item = Hit & { g?: "suggested" | "recent" | "popular"; q?: string };

/**
 * What this chunk needs from the element. Everything a search or an article can lead to lives here, not in
 * the element: the first load carries only what it takes to show the box and take keys.
 */
export interface ResultsHost extends ReactiveControllerHost, Omit<ReaderHost, "updateComplete"> {
  mode: string;
  category?: number;
  limit?: number;
  contactUrl?: string;
  cb: ComboboxState;
  /** The box's text. */
  value: string;
  /** Into the live region. */
  say(text: string): void;
  /** Page suggestion rules (suggest.ts), and the plain query that stands in when none matches. */
  suggestions?: unknown;
  context?: string;
  /** `off`: no recent searches or articles. */
  recent?: string;
  /** An opened article is in the host page's URL (`#hj-article=ID`), and Back closes it. */
  deepLink?: boolean;
  hide(): void;
  /** Closes the list and the reader. */
  closeAll(): void;
}

// Plain text (the build minifies css`` templates); adopted into the element's shadow root with the chunk,
// so the first load carries no list styles. Scoped to the listbox: an article's own lists are not options.
const css = String.raw;
const listStyles = css`
  /* Inline mode's dropdown: the element shows it only once this chunk is in (see HjSearch.ui). */
  .inline .area {
    position: absolute; inset-inline: 0; top: calc(100% + 4px); z-index: var(--hj-z, 1000);
    max-height: var(--hj-max-height, min(70vh, 480px));
    border: 1px solid var(--_line); border-radius: var(--_r); box-shadow: var(--hj-shadow, 0 8px 24px #0003);
  }
  .askbtn { margin: .25em 0 .5em; border-color: var(--_accent); color: var(--_accent); font-weight: 600; }
  /* The colours of what only a search shows (the reader's vote too). */
  :host { --_active: var(--hj-active-bg, light-dark(#e8f0fe, #2c3647)); --_mark: var(--hj-mark-bg, light-dark(#fff0a0, #5c4d00)); }
  [role="listbox"] { list-style: none; margin: 0; padding: 4px; }
  /* Aligned by the option's own direction: the UA's li { text-align: match-parent } (Firefox, WebKit) would
     put an English title at the right of a right-to-left list. */
  [role="option"] { color: inherit; text-decoration: none; display: grid; gap: 2px; text-align: start; padding: .5em .75em; border-radius: calc(var(--_r) - 2px); cursor: pointer; }
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
  /* The contact link here, the reader's links after. */
  a { color: var(--_accent); }
  .msg a { margin-inline-start: .5em; }
  /* Over the options, on their titles' edge (the list's 4px and the option's own padding). */
  [part~="popular"] { padding-inline: calc(.75em + 4px); }
  /* The empty box's groups: suggested for this page, recent, popular. */
  [role="group"] { display: block; }
  [role="group"] > ul { list-style: none; margin: 0; padding: 0; }
  [role="listbox"] li[role="none"] { display: block; }
  [part~="group-label"] { padding: .5em .75em .25em; color: var(--_muted); font-size: .8em; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
  [part~="remove"] { justify-self: end; grid-row: 1; grid-column: 2; color: var(--_muted); padding: 0 .4em; border-radius: 4px; }
  [part~="remove"]:hover { color: var(--_fg); background: var(--_line); }
  [role="option"]:has([part~="remove"]) { grid-template-columns: 1fr auto; }
  [part~="clear"] { margin: 0 calc(.75em + 4px) .5em; font-size: .85em; }
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
export class Results implements ComboboxHost {
  search: SearchController;
  private prefetch: Prefetch;
  /** The most-read articles (GET /v1/popular), shown while the box is empty in modal and panel modes. */
  popular: Hit[] = [];
  /** What `popular` was fetched for (language, category): another scope fetches them again. */
  private popularFor?: string;
  /** The box is empty: the list is suggestions, recent and popular, not a search's results. */
  private empty = true;
  /** Suggested for the page the visitor is on (GET /v1/popular?ids=…&q=…), and what they were fetched for. */
  suggested: Hit[] = [];
  private suggestedFor?: string;
  private rules?: ReturnType<typeof compile>;
  recent: Recent;
  /** The query last answered, until it is opened, followed to contact, or abandoned (insights beacon). */
  private pending: string | null = null;
  /** The id of the article last opened from the list, for Back (the list may have changed since). */
  private chosen = -1;
  private reader?: Reader;
  private readerLoad?: Promise<Reader>;
  /** Ask (ask.ts), loaded the first time someone asks. */
  private asker?: Ask;
  private askLoad?: Promise<Ask>;
  private shownActive = -1;

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
      if (i >= 0 && !this.empty) {
        this.beacon({ kind: "open", q: this.search.query, position: i + 1, id });
        if (this.recentOn) this.recent.searched(this.search.query);
      }
    });
    // Leaving (or hiding) the page with a search that nothing was opened from. (Not on disconnect: a host
    // that re-renders would report searches that were not over.)
    const hidden = () => document.visibilityState === "hidden" && this.abandon();
    // Inline mode folds away when the user goes elsewhere (a pointer or focus outside the element); the other
    // modes stay as they are. Here, not in the entry: nothing unfolds before this chunk is asked for.
    const dismiss = () => h.mode === "inline" && (h.cb.open || h.art) && h.closeAll();
    const outside = (e: Event) => !e.composedPath().includes(host) && dismiss();
    root.addEventListener("focusout", (e) => {
      const to = (e as FocusEvent).relatedTarget as Node | null;
      if (to && !root.contains(to)) dismiss();
    });
    this.prefetch = new Prefetch(h);
    this.recent = new Recent(() => h.code ?? "", () => !!(h.token || h.getToken));
    // A single-page app moving to another route gets that route's suggestions, if the empty box shows.
    const moved = () => {
      this.popped();
      if (this.empty) this.loadSuggested();
    };
    let unfollow: (() => void) | undefined;
    h.addController({
      hostConnected: () => {
        document.addEventListener("visibilitychange", hidden);
        document.addEventListener("pointerdown", outside);
        unfollow ??= follow(moved);
      },
      hostDisconnected: () => {
        document.removeEventListener("visibilitychange", hidden);
        document.removeEventListener("pointerdown", outside);
        this.prefetch.cancel();
        unfollow?.();
        unfollow = undefined;
      },
      hostUpdated: () => this.updated(),
    });
    if (host.isConnected) {
      document.addEventListener("visibilitychange", hidden);
      document.addEventListener("pointerdown", outside);
      unfollow = follow(moved);
    }
    this.search = new SearchController(
      h,
      (q, signal) =>
        call<{ results: Hit[]; partial?: boolean }>(
          callerOf(h),
          "/v1/search",
          { q, lang: h.code, category: h.category, limit: h.limit },
          { signal },
        ).then((r) => ({ results: r.results ?? [], partial: r.partial === true })),
      (q, results, error) => {
        h.cb.active = -1;
        if (error) return this.fail(error);
        this.pending = q;
        const n = results!.length;
        const l = later(h.t, h.code);
        // The live region says the count in words; the page hears of it as an event. Not while Ask answers
        // this very text: "no articles match" must not drown "answer ready".
        if (!this.asker?.shown || this.asker.question !== q.trim()) h.say(n ? fill(n === 1 ? l.one : l.results, { n }) : this.none());
        h.emit("hj-search", { query: q, count: n });
        // The reader is the likely next step; fetch its chunk while the user reads the list.
        if (n) this.loadReader().catch(() => {});
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
      const url = new URL(`${callerOf(this.h).endpoint.replace(/\/+$/, "")}/v1/events`, document.baseURI).href;
      if (!navigator.sendBeacon?.(url, data))
        fetch(url, { method: "POST", body: data, keepalive: true, credentials: "omit" }).catch(() => {});
    } catch {
      /* insights are never worth an error */
    }
  }

  private abandon() {
    if (this.pending) this.beacon({ kind: "abandon", q: this.pending });
  }

  /** The box's text: searched after the debounce; an empty box shows suggestions, recent and popular instead. */
  input(value: string) {
    this.empty = !value.trim();
    this.search.input(value);
    if (this.empty) this.loadEmpty();
  }

  /** A new identity, scope or language: the search runs again, and the empty box's lists are fetched again. */
  refresh() {
    this.search.refresh();
    this.popularFor = this.suggestedFor = undefined;
    if (this.empty) this.loadEmpty();
  }

  private loadEmpty() {
    this.loadSuggested();
    this.loadPopular();
  }

  get recentOn() {
    return this.h.recent !== "off";
  }

  /**
   * Suggested for this page: the rules that match where the visitor is (else `context`), their articles and
   * query's matches in one call to the edge index. Never an error: no suggestions is no failure.
   */
  private async loadSuggested() {
    const h = this.h;
    if (h.mode === "inline") return;
    this.rules ??= compile(h.suggestions, (p) => console.warn(`<hj-search>: suggestions ignored: ${p.join("; ")}`));
    const p = pick(this.rules, location.href, h.context);
    const key = `${h.code}|${p.ids.join()}|${p.q ?? ""}`;
    if (this.suggestedFor === key) return;
    this.suggestedFor = key;
    let hits: Hit[] = [];
    if (p.ids.length || p.q)
      try {
        hits = (await call<{ results: Hit[] }>(callerOf(h), "/v1/popular", { lang: h.code, ids: p.ids.join(",") || undefined, q: p.q, limit: 3 })).results ?? [];
      } catch {
        if (this.suggestedFor === key) this.suggestedFor = undefined;
      }
    if (this.suggestedFor !== key && this.suggestedFor !== undefined) return;
    // None found is asked again next time the box empties: before the edge index's first build there are none.
    if (!hits.length) this.suggestedFor = undefined;
    this.suggested = hits;
    h.requestUpdate();
  }

  /** Public articles from the edge index (no upstream call), once per language and category; never an error. */
  private async loadPopular() {
    const h = this.h;
    const key = `${h.code}|${h.category ?? ""}`;
    if (h.mode === "inline" || this.popularFor === key) return;
    this.popularFor = key;
    try {
      const r = await call<{ results: Hit[] }>(callerOf(h), "/v1/popular", { lang: h.code, category: h.category, limit: Math.min(5, h.limit ?? 5) });
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
    if (hit && hit.id > 0) this.prefetch.want(hit.id);
    else this.prefetch.cancel();
  }

  /** What the listbox shows: the empty box's groups while the box is empty, else the search's results. */
  get hits(): Item[] {
    return this.empty ? this.emptyItems() : this.search.results;
  }

  /** Suggested for this page, then recent searches and articles, then popular; an article once, where first. */
  private emptyItems(): Item[] {
    const seen = new Set<number>();
    const take = (g: Item["g"], hits: Hit[]) => hits.filter((x) => !seen.has(x.id) && seen.add(x.id)).map((x) => ({ ...x, g }));
    const r = this.recentOn ? this.recent.get() : { searches: [], articles: [] };
    return [
      ...take("suggested", this.suggested),
      ...r.searches.map((q, i) => ({ id: -1 - i, title: q, snippet: "", url: "", category: null, g: "recent" as const, q })),
      ...take("recent", r.articles.map((a) => ({ ...a, snippet: "", category: null }))),
      ...take("popular", this.popular),
    ];
  }

  get count() {
    return this.hits.length;
  }

  /**
   * The message above (or instead of) the list: loading, no results, error, or public results only;
   * undefined while nothing was searched yet (and no popular articles show), for the element's own.
   */
  status(t: Strings, value: string): TemplateResult | symbol | undefined {
    const { html, nothing } = this.h.kit;
    const ask = this.askPart(t, value);
    const own = this.ownStatus(t, value);
    return ask === nothing ? own : html`${ask}${own ?? nothing}`;
  }

  /**
   * Ask, above the results in modal and panel: the answer once someone asked, and the button that asks the
   * box's text (it always asks; Enter asks too when the text reads as a question, see submit).
   */
  private askPart(t: Strings, value: string): TemplateResult | symbol {
    const { html, nothing } = this.h.kit;
    if (this.h.mode === "inline") return nothing;
    const q = value.trim();
    const button =
      q && (!this.asker?.shown || this.asker.question !== q)
        ? html`<button type="button" part="ask" class="askbtn" @click=${() => this.ask(q)}>${later(t, this.h.code).ask}</button>`
        : nothing;
    const view = this.asker?.view() ?? nothing;
    return button === nothing && view === nothing ? nothing : html`${button}${view}`;
  }

  /** Asks `question` (loading the Ask chunk the first time). */
  ask = async (question: string) => {
    // The answer above, the search's results for the same text under it: a decline points at them.
    this.h.cb.set(true);
    if (this.search.query !== question) this.search.now(question);
    try {
      (await this.loadAsk()).ask(question);
    } catch (e) {
      this.askLoad = undefined;
      this.fail({ code: "network", message: String(e), status: 0 });
    }
  };

  private loadAsk() {
    return (this.askLoad ??= import("./ask.js").then((m) => (this.asker = new m.Ask(this.h as unknown as AskHost, this.openArticle))));
  }

  private ownStatus(t: Strings, value: string): TemplateResult | symbol | undefined {
    const { html, nothing } = this.h.kit;
    const s = this.search;
    if (s.status === "idle" && (value.trim() || !this.count)) return;
    if (s.status === "error")
      return html`<p class="msg" part="message error">
        ${this.errorText(s.error!)}<button part="retry" type="button" @click=${() => s.now()}>${t.retry}</button>
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
    return nothing;
  }

  private none() {
    return fill(later(this.h.t, this.h.code).none, { q: this.search.query });
  }

  errorText(e: Failure) {
    const t = this.h.t;
    const l = later(t, this.h.code);
    const s = e.status;
    return s === 429 || s === 503 ? l.busy : s === 401 ? l.denied : s === 404 ? l.missing : t.error;
  }

  /** Every failure is announced and reported as `hj-error`. */
  fail = (error: Failure, message = this.errorText(error)) => {
    this.h.say(message);
    this.h.emit("hj-error", { code: error.code, message: error.message });
  };

  /** A new identity (token, getToken), scope or language: see HjSearch.willUpdate. */
  changed(changed: Map<PropertyKey, unknown>) {
    if (changed.has("suggestions") || changed.has("context")) {
      this.rules = undefined;
      if (this.empty) this.loadSuggested();
    }
    if (!["token", "getToken", "category", "limit", "lang"].some((k) => changed.has(k))) return;
    const h = this.h;
    h.articles?.clear();
    this.refresh();
    const art = h.art;
    if (art && this.reader && (art.article || art.error)) this.reader.reload(art.id);
    else if (art) this.openArticle(art.id);
  }

  // The arrows move aria-activedescendant, not focus, so nothing scrolls the active option into view but us;
  // and the option the keys rest on is the one likely opened next (its article is prefetched).
  private updated() {
    const { cb, renderRoot } = this.h;
    if (cb.active !== this.shownActive) {
      this.shownActive = cb.active;
      renderRoot.querySelector("[part~=option-active]")?.scrollIntoView({ block: "nearest" });
      this.activate(cb.active);
    }
  }

  get cb() {
    return this.h.cb;
  }

  get optionCount() {
    return this.h.art ? 0 : this.count;
  }

  /** The box's keys (the element hands them over once this chunk is in); Delete takes a recent entry away. */
  key = (e: KeyboardEvent) => {
    const item = this.hits[this.h.cb.active];
    if (e.key === "Delete" && this.h.cb.open && item?.g === "recent") return stop(e, this.forget(item));
    // Shift+Enter (or Ctrl/⌘+Enter) on an option opens its link in a new tab, as on a link.
    const href = item && this.h.cb.open && this.link(item);
    if (e.key === "Enter" && (e.shiftKey || e.ctrlKey || e.metaKey) && href && !e.isComposing) return stop(e, open(href, "_blank", "noopener"));
    comboboxKey(this, e);
  };

  /** Takes one entry out of recent, keeping the active option where it was (or on the last one). */
  private forget(item: Item) {
    this.recent.remove(item.q !== undefined ? { q: item.q } : { id: item.id });
    this.h.say(inAppText(this.h.code).remove.replace("{title}", item.title).replace(/\s*\(.*\)$/, ""));
    this.h.cb.set(this.count > 0, Math.min(this.h.cb.active, this.count - 1));
  }

  /** Under the list in an empty box with recent entries: a button that clears them. */
  below() {
    const { html, nothing } = this.h.kit;
    if (!this.empty || this.h.art || !this.h.cb.open || !this.hits.some((x) => x.g === "recent")) return nothing;
    const a = inAppText(this.h.code);
    return html`<button part="clear" type="button" @click=${() => {
      this.recent.clear();
      this.h.say(a.clear);
      this.h.cb.set(this.count > 0);
      this.h.renderRoot.querySelector("input")!.focus();
    }}>${a.clear}</button>`;
  }

  submit() {
    const q = this.h.value.trim();
    if (!q) return;
    if (this.h.mode !== "inline" && isQuestion(q, this.h.code)) return void this.ask(q);
    this.h.cb.set(true);
    this.search.now(q);
  }

  escape(e: KeyboardEvent) {
    const h = this.h;
    if (h.art) return stop(e, this.back());
    if (h.value) {
      h.value = "";
      this.search.reset();
      h.cb.set(false);
      h.say("");
      stop(e);
    }
    // Otherwise Escape is left alone. (In a modal it never gets here: see HjSearch.escape.)
  }

  /** Enter or a click on option `i`: the reader shows it, unless the page cancels `hj-select`. */
  choose(i: number) {
    const hit = this.hits[i];
    if (!hit) return;
    // A recent search is searched again, not opened.
    if (hit.q !== undefined) {
      this.h.value = hit.q;
      this.input(hit.q);
      this.search.now(hit.q);
      return this.h.cb.set(true);
    }
    this.chosen = hit.id;
    // The search that found it goes along: the reader marks its words in the body.
    if (this.h.emit("hj-select", { id: hit.id }, true)) this.openArticle(hit.id, true, this.empty ? "" : this.search.query);
  }

  /**
   * With deep-link, the URL follows the reader: Back (or Forward) to a `#hj-article=ID` opens that article,
   * Back past it closes the reader (the dialog in modal mode).
   */
  private popped() {
    const h = this.h;
    if (!h.deepLink) return;
    const m = /^#hj-article=(\d+)/.exec(location.hash);
    if (m) return void (h.art?.id !== +m[1] && this.openArticle(+m[1], false));
    if (!h.art) return;
    if (h.mode === "modal") return h.hide();
    h.art = null;
    h.cb.set(!!this.count);
  }

  say = (text: string) => this.h.say(text);

  /** The article's link: the host page at `#hj-article=ID` with deep-link, else the article's own page. */
  href(id: number, url: string) {
    if (!this.h.deepLink) return url;
    const u = new URL(location.href);
    u.hash = `hj-article=${id}`;
    return u.href;
  }

  /**
   * Shows an article in the reader (loading the reader's chunk the first time); with deep-link, in the URL too.
   * `query`: the search it was found with, whose words the reader marks.
   */
  openArticle = async (id: number, push = true, query = "") => {
    const h = this.h;
    h.art = { id };
    if (push && h.deepLink && location.hash !== `#hj-article=${id}`) history.pushState({ hj: id }, "", `#hj-article=${id}`);
    h.cb.set(false);
    h.say(later(h.t, h.code).article);
    try {
      await (await this.loadReader()).open(id, false, query);
      // "Loading article…" must not stay in the live region; the focused heading announces the article.
      const a = h.art?.article;
      if (a) h.say("");
      // Only an article someone saw: not one that arrived after the element left the page.
      if (a && this.recentOn && (h as unknown as HTMLElement).isConnected) this.recent.read({ id: a.id, title: a.title, url: a.url });
    } catch (e) {
      if (h.art?.id !== id) return;
      const error = { code: "network", message: String(e), status: 0 };
      h.art = { id, error };
      this.fail(error);
    }
  };

  private loadReader() {
    return (this.readerLoad ??= import("./reader.js").then(
      (m) => (this.reader = new m.Reader(this.h, this)),
      (e) => {
        this.readerLoad = undefined;
        throw e;
      },
    ));
  }

  /** Back from the reader: to the article a link came from, else to the list, on the article just read. */
  back = () => {
    const h = this.h;
    if (h.art && this.reader?.back()) return;
    // Out of an article this widget put in the URL: the URL steps back too (popped then finds nothing to do).
    if (h.deepLink && history.state?.hj) history.back();
    h.art = null;
    h.cb.set(!!this.count, this.hits.findIndex((x) => x.id === this.chosen));
    h.renderRoot.querySelector("input")!.focus();
  };

  // Escape (inline and panel: the modal's closes it), the Back key and Alt+← step back; Alt+← would
  // otherwise take the host page back a page.
  onReaderKey = (e: KeyboardEvent) => {
    if (/^(Escape|BrowserBack)$/.test(e.key) || (e.altKey && e.key === "ArrowLeft")) stop(e, this.back());
  };

  /** The reader, or what stands in for it while the article (or the reader itself) loads or failed. */
  articleView(t: Strings, art: NonNullable<ResultsHost["art"]>) {
    if (art.article && this.reader) return this.reader.render(art.article, t);
    const { html, nothing } = this.h.kit;
    const e = art.error;
    const l = later(t, this.h.code);
    return html`<p class="msg" part="message ${e ? "error" : "loading"}" @keydown=${this.onReaderKey}>
      ${e ? this.errorText(e) : l.article}
      <button part="back" type="button" @click=${this.back}>${l.back}</button>
      ${e && e.status !== 404
        ? html`<button part="retry" type="button" @click=${() => this.openArticle(art.id)}>${t.retry}</button>`
        : nothing}
    </p>`;
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
    const { html } = this.h.kit;
    const items = this.hits;
    if (!this.empty) return items.map((r, i) => this.option(r, i, active));
    // The empty box's groups, each a listbox group named by its label (the label's own text is hidden from
    // assistive technology, which hears the group's name instead).
    const names = { suggested: inAppText(this.h.code).suggested, recent: inAppText(this.h.code).recent, popular: later(this.h.t, this.h.code).popular };
    const groups: { g: keyof typeof names; from: number; to: number }[] = [];
    items.forEach((r, i) => (groups.at(-1)?.g === r.g ? (groups.at(-1)!.to = i + 1) : groups.push({ g: r.g!, from: i, to: i + 1 })));
    return groups.map(
      ({ g, from, to }) => html`<li role="group" aria-label=${names[g]} part="group ${g}-group">
        <div part="group-label ${g}" aria-hidden="true">${names[g]}</div>
        <ul role="none">${items.slice(from, to).map((r, k) => this.option(r, from + k, active))}</ul>
      </li>`,
    );
  }

  /**
   * One option: a real link (the article's page, or with deep-link the host page at `#hj-article=ID`), so
   * Ctrl/⌘-click, middle-click, Shift-click and the context menu's "copy link" do what they do on any page.
   * The link itself is the option (ARIA in HTML allows an `a` the option role), in an `li` with no role of
   * its own, so the listbox holds nothing interactive inside an option. A plain click opens the reader.
   */
  private option(r: Item, i: number, active: number) {
    const { html, nothing } = this.h.kit;
    const q = this.empty ? "" : this.search.query;
    const a = inAppText(this.h.code);
    return html`<li role="none"><a
        id="o${i}"
        role="option"
        dir="auto"
        tabindex="-1"
        href=${this.link(r) ?? nothing}
        part="option${i === active ? " option-active" : ""}${r.g === "recent" ? (r.q !== undefined ? " recent-search" : " recent-article") : ""}"
        aria-selected=${i === active ? "true" : "false"}
        aria-description=${r.g === "recent" ? a.remove.replace("{title}", r.title) : nothing}
        @click=${(e: MouseEvent) => !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) && stop(e, this.choose(i))}
        @pointerenter=${() => r.id > 0 && this.prefetch.want(r.id)}
        @pointerleave=${() => r.id > 0 && this.prefetch.cancel(r.id)}
      >
        <span part="title">${highlight(html, r.title, q)}</span>
        ${r.g === "recent"
          ? // Not a button: an option holds no interactive content. A pointer takes the ×; a keyboard, Delete.
            html`<span part="remove" aria-hidden="true" @click=${(e: Event) => stop(e, this.forget(r))}>×</span>`
          : nothing}
        ${r.snippet ? html`<span part="snippet" dir="auto">${highlight(html, r.snippet, q)}</span>` : nothing}
        ${r.category?.name ? html`<span part="category" dir="auto">${r.category.name}</span>` : nothing}
      </a></li>`;
  }

  /** Where an option links: an article to its page (or the deep link), a recent search to `#hj-q=` with deep-link. */
  private link(r: Item): string | undefined {
    if (r.q === undefined) return this.href(r.id, r.url);
    if (!this.h.deepLink) return;
    const u = new URL(location.href);
    u.hash = `hj-q=${encodeURIComponent(r.q)}`;
    return u.href;
  }
}
