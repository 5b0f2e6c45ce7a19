import type { TemplateResult } from "lit";
import { call, HjError, type Article, type Caller, type Failure } from "./api.js";
import type { Kit } from "./results.js";
import type { Strings } from "./strings/en.js";
import { rememberVote, visitorId, votedOn, type Vote } from "./visitor.js";

/** What the reader needs from the element (which it must not import; see Kit). */
export interface ReaderHost {
  renderRoot: HTMLElement | DocumentFragment;
  kit: Kit;
  readonly code: string | undefined;
  /** The article being read: `{id}` while it loads, then with `article` or `error`. */
  art: { id: number; article?: Article; error?: Failure } | null;
  updateComplete: Promise<boolean>;
  requestUpdate(): void;
  caller(): Caller;
  back(): void;
  onReaderKey(e: KeyboardEvent): void;
  emit(type: string, detail: unknown): boolean;
  fail(error: Failure, message?: string): void;
  readonly t: Strings;
}

// Plain text (the build minifies css`` templates); adopted into the element's shadow root below.
const css = String.raw;
const readerStyles = css`
  .reader { padding: .75em 1em 1em; }
  h2 { font-size: 1.3em; line-height: 1.25; margin: .6em 0 .4em; }
  .body { overflow-wrap: anywhere; }
  .body h2 { font-size: 1.1em; }
  .body h3, .body h4 { font-size: 1em; }
  .body img, .body video, .body iframe { max-width: 100%; height: auto; }
  .body pre { overflow: auto; }
  .body table { border-collapse: collapse; display: block; overflow: auto; }
  .body td, .body th { border: 1px solid var(--_line); padding: .25em .5em; }
  .vote { display: flex; flex-wrap: wrap; align-items: center; gap: .5em; margin-top: 1em; padding-top: .75em; border-top: 1px solid var(--_line); }
  .vote p { margin: 0; flex-basis: 100%; color: var(--_muted); }
  [aria-pressed="true"] { background: var(--_active); border-color: var(--_accent); }
`;

/**
 * The article reader and "Was this helpful?", in their own chunk: a page pays for them only once someone
 * has searched. The body is the worker's sanitised HTML (DESIGN.md, "HTML"), so it is trusted as HTML: a
 * property binding to innerHTML, which is what lit's unsafeHTML does, without its directive code.
 */
export class Reader {
  /** Votes in flight or failed in this page, by article; cast ones are remembered in storage. */
  private pending = new Map<number, "sending" | "failed">();
  private seq = 0;

  constructor(private h: ReaderHost) {
    // The element's shadow root gets these rules the first time the reader exists.
    const root = h.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(readerStyles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /**
   * Loads an article into the reader; focus goes to its title once it is on screen and `hj-article` fires.
   * `quiet` is a reload the page caused (a new identity or language): no focus move, no event.
   */
  async open(id: number, quiet = false) {
    const h = this.h;
    const seq = ++this.seq;
    try {
      const { article } = await call<{ article: Article }>(h.caller(), `/v1/articles/${id}`, { lang: h.code });
      if (seq !== this.seq || h.art?.id !== id) return;
      h.art = { id, article };
      h.requestUpdate();
      await h.updateComplete;
      if (quiet) return;
      h.renderRoot.querySelector<HTMLElement>("#heading")?.focus();
      h.emit("hj-article", { id, lang: article.language ?? h.code });
    } catch (e) {
      if (seq !== this.seq || h.art?.id !== id) return;
      const error = e instanceof HjError ? e : new HjError("client", String(e));
      h.art = { id, error };
      h.fail(error);
    }
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

  render(a: Article, t: Strings): TemplateResult {
    const h = this.h;
    const { html, nothing } = h.kit;
    const voted = votedOn(a.id);
    const state = this.pending.get(a.id);
    const button = (vote: Vote, emoji: string, label: string) =>
      html`<button
        part="vote-${vote}"
        type="button"
        aria-pressed=${voted === vote ? "true" : "false"}
        aria-disabled=${voted || state === "sending" ? "true" : "false"}
        @click=${() => this.vote(a.id, vote)}
      >
        <span aria-hidden="true">${emoji}</span>${label}
      </button>`;
    return html`<article part="reader" class="reader" aria-labelledby="heading" @keydown=${h.onReaderKey}>
      <button part="back" type="button" @click=${h.back}>
        <svg class="flip" viewBox="0 0 24 24" aria-hidden="true"><path d="M15 6l-6 6 6 6" /></svg>${t.back}
      </button>
      <h2 id="heading" part="heading" tabindex="-1" dir="auto">${a.title}</h2>
      <div part="body" class="body" dir="auto" .innerHTML=${a.html} @click=${this.jump}></div>
      <p><a part="link" href=${a.url} target="_blank" rel="noopener">${t.view}</a></p>
      <div class="vote" part="vote" role="group" aria-labelledby="helpful">
        <span id="helpful">${t.helpful}</span>
        ${button("up", "👍", t.up)} ${button("down", "👎", t.down)}
        <p role="status">${voted ? t.thanks : state === "failed" ? t.error : nothing}</p>
      </div>
    </article>`;
  }

  /**
   * In-article links (`#kb-…`: the worker prefixes the body's ids). Their targets live in this shadow root,
   * where the browser's fragment navigation cannot see them, and following one would change the host
   * page's URL (and maybe its router's state). So the reader scrolls to the target and moves focus there,
   * so that Tab goes on from the part the reader chose.
   */
  private jump = (e: MouseEvent) => {
    const href = (e.target as Element).closest?.("a")?.getAttribute("href");
    if (!href?.startsWith("#")) return;
    e.preventDefault();
    const root = this.h.renderRoot as ShadowRoot;
    const raw = href.slice(1);
    let to = root.getElementById(raw);
    try {
      to ??= root.getElementById(decodeURIComponent(raw));
    } catch {}
    if (!to) return;
    if (!to.matches("[href],[tabindex]")) to.tabIndex = -1;
    to.scrollIntoView({ block: "start" });
    to.focus({ preventScroll: true });
  };

  private async vote(id: number, vote: Vote) {
    if (votedOn(id) || this.pending.get(id) === "sending") return;
    this.pending.set(id, "sending");
    this.h.requestUpdate();
    try {
      // A repeat (say from another tab) is not counted again and answers with the vote first recorded.
      const r = await call<{ vote?: Vote }>(this.h.caller(), `/v1/articles/${id}/vote`, {}, { body: { vote }, visitor: visitorId() });
      const recorded = r.vote ?? vote;
      rememberVote(id, recorded);
      this.pending.delete(id);
      this.h.emit("hj-vote", { id, vote: recorded });
    } catch (e) {
      this.pending.set(id, "failed");
      this.h.fail(e instanceof HjError ? e : new HjError("client", String(e)), this.h.t.error);
    }
    this.h.requestUpdate();
  }
}
