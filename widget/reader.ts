import type { TemplateResult } from "lit";
import { call, callerOf, HjError, type Article, type Failure, type Hit } from "./api.js";
import { articles, type ArticleHost } from "./article-cache.js";
import { contentsOf, contentsStyles, contentsView, type Entry } from "./contents.js";
import type { Kit } from "./kit.js";
import type { Strings } from "./strings/en.js";
import { later } from "./strings/later.js";
import { inAppText } from "./strings/inapp.js";
import { markQuery } from "./marks.js";
import { relatedStyles, relatedTo, relatedView } from "./related.js";
import { moveTo, reveal } from "./reveal.js";
import { rememberVote, visitorId, votedOn, type Vote } from "./visitor.js";
import { Missing } from "./missing.js";

/** A thumb (Feather's thumbs-up); turned over for 👎. SVG, so no emoji font is needed. */
const THUMB = "M7 22H4a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2h3m7-2V5a3 3 0 0 0-3-3l-4 9v11h11.28a2 2 0 0 0 2-1.7l1.38-9a2 2 0 0 0-2-2.3z";

/** What the reader needs from the element (which it must not import; see Kit). */
export interface ReaderHost extends ArticleHost {
  renderRoot: HTMLElement | DocumentFragment;
  kit: Kit;
  /** The article being read: `{id}` while it loads, then with `article` or `error`. */
  art: { id: number; article?: Article; error?: Failure } | null;
  updateComplete: Promise<boolean>;
  requestUpdate(): void;
  /** Bubbling, composed events; false when a listener cancelled a cancelable one. */
  emit(type: string, detail: unknown, cancelable?: boolean): boolean;
  readonly t: Strings;
}

/** Where the reader's keys, links and failures go: the results chunk, which owns the way back to the list. */
export interface ReaderNav {
  back(): void;
  openArticle(id: number): void;
  onReaderKey(e: KeyboardEvent): void;
  fail(error: Failure, message?: string): void;
  /** The link that opens this article: the host page's deep link, else the article's own page. */
  href(id: number, url: string): string;
  /** Into the live region. */
  say(text: string): void;
}

// Plain text (the build minifies css`` templates); adopted into the element's shadow root below.
const css = String.raw;
const readerStyles = css`
  .reader { padding: .75em 1em 1em; }
  [dir="rtl"] .flip { transform: scaleX(-1); }
  /*
   * Focus lands on the title whenever an article opens, so its ring is quieter than a button's: still 2px,
   * unclipped (2.4.7, 2.4.11) and about 3:1 against the page, at 70% of the accent.
   */
  #heading:focus-visible { outline: 2px solid color-mix(in srgb, var(--_accent) 70%, transparent); outline-offset: -2px; }
  h2 { font-size: 1.35em; line-height: 1.25; margin: .6em 0 .4em; }
  /* The title's text on the article's column; its ring around it with room to spare, where the list's rings are. */
  #heading { padding: .2em calc(1em - 4px); margin-inline: calc(4px - 1em); border-radius: calc(var(--_r) - 2px); }
  .body { overflow-wrap: anywhere; }
  .body h1, .body h2 { font-size: 1.2em; margin: 1.2em 0 .4em; line-height: 1.3; }
  .body h3 { font-size: 1.08em; margin: 1.1em 0 .3em; }
  .body h4, .body h5, .body h6 { font-size: 1em; margin: 1em 0 .3em; }
  .body p { margin: 0 0 .75em; }
  .body ul, .body ol { margin: 0 0 .75em; padding-inline-start: 1.6em; }
  .body ul { list-style: disc; }
  .body ol { list-style: decimal; }
  .body ul ul { list-style: circle; }
  .body ul ul ul { list-style: square; }
  .body ol ol { list-style: lower-alpha; }
  .body li { display: list-item; margin: .2em 0; }
  .body li > ul, .body li > ol { margin: .2em 0 0; }
  .body code, .body pre, .body kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
  .body code { padding: .1em .3em; border-radius: 4px; background: var(--_code); }
  .body pre { margin: 0 0 .75em; padding: .75em 1em; overflow-x: auto; border-radius: var(--_r); background: var(--_code); line-height: 1.4; overflow-wrap: normal; }
  .body pre code { padding: 0; background: none; font-size: 1em; white-space: pre; }
  .body table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 0 0 .75em; }
  .body td, .body th { border: 1px solid var(--_line); padding: .35em .6em; text-align: start; vertical-align: top; overflow-wrap: normal; }
  .body th { background: var(--_code); font-weight: 600; }
  .body img, .body video, .body iframe { max-width: 100%; height: auto; }
  .body blockquote { margin: 0 0 .75em; padding: .25em 1em; border-inline-start: 3px solid var(--_line); color: var(--_muted); }
  .body hr { border: 0; border-top: 1px solid var(--_line); margin: 1em 0; }
  /*
   * Helpjuice's callouts (the classes the worker keeps: helpjuice-callout, -info, -warning): a box with a
   * rule at the inline start (the right in an RTL article) in the kind's colour, over a tint of it mixed
   * into the widget's own background, so the text keeps the page's contrast in light and dark alike. The
   * rules keep at least 3:1 (non-text contrast) against both the tint and the page, links and muted text
   * 4.5:1 against the tint.
   */
  .body .helpjuice-callout { --_co: light-dark(#6e7781, #8b949e); margin: 0 0 .75em; padding: .6em 1em; border-inline-start: 4px solid var(--_co); border-radius: var(--_r); background: color-mix(in srgb, var(--_co) 10%, var(--_bg)); }
  .body .helpjuice-callout-info { --_co: light-dark(#0969da, #4493f8); }
  .body .helpjuice-callout-warning { --_co: light-dark(#9a6700, #d29922); }
  .body .helpjuice-callout > :last-child { margin-bottom: 0; }
  @media (forced-colors: active) { .body .helpjuice-callout { border: 1px solid CanvasText; border-inline-start-width: 4px; } }
  [part~="copy"] { margin-inline-start: .75em; font-size: .9em; }
  .vote { display: flex; flex-wrap: wrap; align-items: center; gap: .5em; margin-top: 1em; padding-top: .75em; border-top: 1px solid var(--_line); }
  .vote p { margin: 0; flex-basis: 100%; color: var(--_muted); }
  .vote svg { color: inherit; }
  [aria-pressed="true"] { background: var(--_active); border-color: var(--_accent); color: var(--_accent); font-weight: 600; }
  /* Helpjuice cannot take a vote back, so once one is cast the other choice looks (and is) unavailable. */
  [aria-pressed="false"][aria-disabled="true"] { opacity: .55; cursor: not-allowed; }
  .reader { --_code: var(--hj-code-bg, light-dark(#f3f4f6, #262a30)); }
`;

/**
 * The article reader and "Was this helpful?", in their own chunk: a page pays for them only once someone
 * has searched. The body is the worker's sanitised HTML (docs/design.md, "HTML sanitising"), so it is trusted as HTML: a
 * property binding to innerHTML, which is what lit's unsafeHTML does, without its directive code.
 */
export class Reader {
  /** Votes in flight or failed in this page, by article; cast ones are remembered in storage. */
  private pending = new Map<number, "sending" | "failed">();
  /** After a 👎: "What was missing?" (missing.ts). */
  private missing = new Missing(this.h);
  private seq = 0;
  /** The search that found the article on screen, whose words are marked in its body ("" when none did). */
  private query = "";
  /** Its contents list, and the articles to read after it, each for the article it was made for. */
  private toc?: { of: Article; entries: Entry[] };
  private more?: { of: Article; hits: Hit[] };

  constructor(
    private h: ReaderHost,
    private nav: ReaderNav,
  ) {
    // The element's shadow root gets these rules the first time the reader exists.
    const root = h.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(readerStyles + contentsStyles + relatedStyles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /**
   * Loads an article into the reader; focus goes to its title once it is on screen and `hj-article` fires.
   * `quiet` is a reload the page caused (a new identity or language): no focus move, no event. `query` is the
   * search it was opened from (results.ts), kept through such a reload.
   */
  async open(id: number, quiet = false, query = "") {
    const h = this.h;
    // Opened from the list (not by a link or Back, nor reloaded): a fresh trail.
    if (!this.stepping && !quiet) this.trail = [];
    this.stepping = false;
    if (!quiet) this.query = query;
    const seq = ++this.seq;
    try {
      // Prefetched when its result was active (prefetch.ts), it is here at once; else fetched now.
      const article = await articles(h).get(id);
      if (seq !== this.seq || h.art?.id !== id) return;
      h.art = { id, article };
      h.requestUpdate();
      await h.updateComplete;
      const mark = await this.dress(article);
      if (seq !== this.seq) return;
      void this.loadRelated(article);
      if (quiet) return;
      h.renderRoot.querySelector<HTMLElement>("#heading")?.focus();
      // The query's first word in view; focus stays on the title, where a screen reader starts reading.
      if (mark) reveal(mark, "center");
      h.emit("hj-article", { id, lang: article.language ?? h.code });
    } catch (e) {
      if (seq !== this.seq || h.art?.id !== id) return;
      const error = e instanceof HjError ? e : new HjError("client", String(e));
      h.art = { id, error };
      this.nav.fail(error);
    }
  }

  /**
   * The body on screen made easier to find one's way in: its contents list (contents.ts), then the query's
   * words marked (marks.ts). Before focus moves to the title, so nothing shifts under the reader after.
   * Returns the first mark.
   */
  private async dress(a: Article): Promise<HTMLElement | undefined> {
    const body = this.h.renderRoot.querySelector<HTMLElement>("[part~=body]");
    if (!body) return;
    this.toc = { of: a, entries: contentsOf(body) };
    if (this.toc.entries.length) {
      this.h.requestUpdate();
      await this.h.updateComplete;
    }
    return markQuery(body, this.query)[0];
  }

  /** Articles to read next (related.ts), once the article shows: never in its way, and no list on failure. */
  private async loadRelated(a: Article) {
    const hits = await relatedTo(this.h, a.id, a.language || this.h.code);
    if (this.h.art?.article !== a) return;
    this.more = { of: a, hits };
    this.h.requestUpdate();
  }

  /**
   * The article on screen, again, for a new identity or language. It stays up until the answer replaces
   * it, so a renewed token for the same user changes nothing and focus stays where it was. If the new
   * identity may not read it, the not-found message replaces it and focus, if it was in the reader, goes
   * to that message's Back button rather than to <body>.
   */
  async reload(id: number) {
    const root = this.h.renderRoot as ShadowRoot;
    const inside = !!root.activeElement;
    await this.open(id, true);
    await this.h.updateComplete;
    if (inside && !root.activeElement) root.querySelector<HTMLElement>("[part~=back]")?.focus();
  }

  render(a: Article, strings: Strings): TemplateResult {
    const { h, nav } = this;
    const t = { ...strings, ...later(strings, h.code) };
    const { html, nothing } = h.kit;
    const voted = votedOn(a.id);
    const state = this.pending.get(a.id);
    const button = (vote: Vote, label: string) =>
      html`<button
        part="vote-${vote}"
        type="button"
        aria-pressed=${voted === vote ? "true" : "false"}
        aria-disabled=${voted || state === "sending" ? "true" : "false"}
        @click=${() => this.vote(a.id, vote)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${THUMB} transform=${vote === "down" ? "rotate(180 12 12)" : nothing} fill=${voted === vote ? "currentColor" : nothing} /></svg>${label}
      </button>`;
    // A mouse's Back button (button 3) over the reader steps back in it, not the host page back a page.
    return html`<article
      part="reader"
      class="reader"
      aria-labelledby="heading"
      @keydown=${nav.onReaderKey}
      @mouseup=${(e: MouseEvent) => e.button === 3 && (e.preventDefault(), nav.back())}
    >
      <button part="back" type="button" @click=${nav.back}>
        <svg class="flip" viewBox="0 0 24 24" aria-hidden="true"><path d="M15 6l-6 6 6 6" /></svg>${t.back}
      </button>
      <h2 id="heading" part="heading" tabindex="-1" dir="auto">${a.title}</h2>
      ${this.toc?.of === a && this.toc.entries.length ? contentsView(h.kit, t.contents, this.toc.entries, h.renderRoot as ShadowRoot) : nothing}
      <div part="body" class="body" dir="auto" .innerHTML=${a.html} @click=${this.jump}></div>
      <p>
        <a part="link" href=${a.url} target="_blank" rel="noopener">${t.view}</a>
        <button part="copy" type="button" @click=${() => this.copy(nav.href(a.id, a.url))}>${inAppText(h.code).copy}</button>
      </p>
      <div class="vote" part="vote" role="group" aria-labelledby="helpful">
        <span id="helpful">${t.helpful}</span>
        ${button("up", t.up)} ${button("down", t.down)}
        <p role="status">${voted ? t.thanks : state === "failed" ? t.error : nothing}</p>
      </div>
      ${this.missing.view(a)}
      ${this.more?.of === a && this.more.hits.length ? relatedView(h.kit, t.related, this.more.hits, (id, url) => nav.href(id, url), (id) => this.follow(id)) : nothing}
    </article>`;
  }

  /** Copies the article's link; the live region says so (a failure, a denied clipboard, says nothing). */
  private copy(link: string) {
    navigator.clipboard?.writeText(link).then(
      () => this.nav.say(inAppText(this.h.code).copied),
      () => {},
    );
  }

  /**
   * In-article links (`#kb-…`: the worker prefixes the body's ids). Their targets live in this shadow root,
   * where the browser's fragment navigation cannot see them, and following one would change the host
   * page's URL (and maybe its router's state). So the reader scrolls to the target and moves focus there,
   * so that Tab goes on from the part the reader chose.
   */
  private jump = (e: MouseEvent) => {
    const a = (e.target as Element).closest?.("a");
    const href = a?.getAttribute("href");
    const other = this.sameKb(a);
    if (other && !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey)) {
      e.preventDefault();
      return this.follow(other);
    }
    if (!href?.startsWith("#")) return;
    e.preventDefault();
    const root = this.h.renderRoot as ShadowRoot;
    const raw = href.slice(1);
    let to = root.getElementById(raw);
    try {
      to ??= root.getElementById(decodeURIComponent(raw));
    } catch {}
    if (to) moveTo(to);
  };

  /**
   * The article id a link names when it is another article of this knowledge base: the same origin as the
   * article being read, and a last path segment `12-slug` (Helpjuice's article URLs, any language prefix).
   */
  private sameKb(a: HTMLAnchorElement | null | undefined): number | null {
    const art = this.h.art?.article;
    if (!a?.href || !art) return null;
    try {
      const to = new URL(a.href);
      if (to.origin !== new URL(art.url).origin || to.pathname.includes("/categories/")) return null;
      const m = /\/(\d+)(?:-[^/]*)?\/?$/.exec(to.pathname);
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  }

  /** Articles followed by link, so Back steps through them before it goes back to the list. */
  private trail: number[] = [];
  private stepping = false;

  private follow(id: number) {
    this.trail.push(this.h.art!.id);
    this.stepping = true;
    this.nav.openArticle(id);
  }

  /** Back from an article reached by a link: the one it was linked from. False when there is none. */
  back(): boolean {
    const id = this.trail.pop();
    if (id === undefined) return false;
    this.stepping = true;
    this.nav.openArticle(id);
    return true;
  }

  private async vote(id: number, vote: Vote) {
    if (votedOn(id) || this.pending.get(id) === "sending") return;
    this.pending.set(id, "sending");
    this.h.requestUpdate();
    try {
      // A repeat (say from another tab) is not counted again and answers with the vote first recorded.
      const r = await call<{ vote?: Vote }>(callerOf(this.h), `/v1/articles/${id}/vote`, {}, { body: { vote }, visitor: visitorId() });
      const recorded = r.vote ?? vote;
      rememberVote(id, recorded);
      if (recorded === "down") this.missing.offer(id);
      this.pending.delete(id);
      this.h.emit("hj-vote", { id, vote: recorded });
    } catch (e) {
      this.pending.set(id, "failed");
      this.nav.fail(e instanceof HjError ? e : new HjError("client", String(e)), this.h.t.error);
    }
    this.h.requestUpdate();
  }
}
