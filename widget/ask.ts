import type { ReactiveControllerHost, TemplateResult } from "lit";
import { callerOf, type CallerHost } from "./api.js";
import type { Kit } from "./kit.js";
import { askText } from "./strings/ask.js";
import type { Strings } from "./strings/en.js";
import { fill, later } from "./strings/later.js";

/** One of the passages an answer may cite (POST /v1/ask's `sources`). */
export interface Source {
  n: number;
  id: number;
  title: string;
  url: string;
  heading: string;
  snippet: string;
}

interface Turn {
  question: string;
  answer: string;
}

/** What this chunk needs from the element (it imports nothing the entry imports; see kit.ts). */
export interface AskHost extends ReactiveControllerHost, CallerHost {
  kit: Kit;
  code: string | undefined;
  t: Strings;
  category?: number;
  contactUrl?: string;
  renderRoot: HTMLElement | DocumentFragment;
  say(text: string): void;
  emit(type: string, detail: unknown, cancelable?: boolean): boolean;
}

type State = "idle" | "streaming" | "done" | "declined" | "stopped" | "failed" | "limited";

const css = String.raw;
const askStyles = css`
  .ask { margin: 0 0 .5em; padding: .75em; border: 1px solid var(--_line); border-radius: var(--_r); }
  .ask h2 { margin: 0 0 .35em; font-size: .8em; font-weight: 600; letter-spacing: .02em; text-transform: uppercase; color: var(--_muted); }
  .ask .q { margin: 0 0 .4em; font-weight: 600; }
  .ask .a { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .ask .pill {
    display: inline-flex; padding: 0 .4em; margin: 0 .1em; font-size: .75em; line-height: 1.5; vertical-align: .15em;
    border-radius: 999px; border-color: var(--_accent); color: var(--_accent);
  }
  .ask ol { margin: .6em 0 0; padding-inline-start: 1.4em; font-size: .9em; }
  .ask ol a { color: var(--_accent); }
  .ask .row { display: flex; flex-wrap: wrap; gap: .5em; align-items: center; margin-top: .6em; color: var(--_muted); font-size: .9em; }
  .ask .row a { color: var(--_accent); }
  .body .hj-cited { background: color-mix(in srgb, var(--_accent) 18%, transparent); border-radius: 4px; outline: 2px solid color-mix(in srgb, var(--_accent) 45%, transparent); }
`;

/**
 * Ask: a grounded answer streamed above the results (modal and panel), loaded the first time someone asks.
 * The worker sends the sources first, then the text, then whether it answered; this chunk shows them as
 * they come, with citation pills that open the reader at the cited passage. The conversation's last three
 * turns are kept here, in memory, and sent with a follow-up; nothing is kept anywhere else.
 */
export class Ask {
  state: State = "idle";
  question = "";
  text = "";
  sources: Source[] = [];
  citations: number[] = [];
  mode: "ai" | "extractive" | null = null;
  private history: Turn[] = [];
  private abort?: AbortController;
  private voted?: "up" | "down";

  constructor(
    private h: AskHost,
    /** Opens an article in the reader (results.ts knows the reader). */
    private openArticle: (id: number) => Promise<void>,
  ) {
    const root = h.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(askStyles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  get shown() {
    return this.state !== "idle";
  }

  /** Asks `question`; a question while one streams replaces it. The previous answers travel as history. */
  async ask(question: string) {
    const h = this.h;
    const a = askText(h.code);
    this.abort?.abort();
    if (this.state === "done" && this.text) this.history = [...this.history, { question: this.question, answer: this.text }].slice(-3);
    const abort = (this.abort = new AbortController());
    Object.assign(this, { state: "streaming", question, text: "", sources: [], citations: [], mode: null, voted: undefined });
    h.say(a.answering);
    h.requestUpdate();
    try {
      const c = callerOf(h);
      const headers: Record<string, string> = { Accept: "text/event-stream", "Content-Type": "application/json" };
      const token = await c.token();
      if (token) headers.Authorization = `Bearer ${token}`;
      const res = await fetch(new URL(`${c.endpoint.replace(/\/+$/, "")}/v1/ask`, document.baseURI), {
        method: "POST",
        headers,
        credentials: "omit",
        signal: abort.signal,
        body: JSON.stringify({ question, lang: h.code || undefined, category: h.category, history: this.history }),
      });
      if (!res.ok || !res.body) {
        this.end(res.status === 429 ? "limited" : "failed");
        return;
      }
      await this.read(res.body, abort.signal);
    } catch (e) {
      if (abort.signal.aborted) return;
      this.end("failed", (e as Error)?.message);
    }
  }

  /** The Server-Sent Events, as they arrive. */
  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal) {
    const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (signal.aborted) return;
      if (done) break;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) this.on(event, JSON.parse(data));
      }
    }
    if (this.state === "streaming") this.end("failed");
  }

  private on(event: string, data: any) {
    if (event === "sources") this.sources = data;
    else if (event === "delta") this.text += data.text;
    else if (event === "done") {
      this.citations = data.citations;
      this.mode = data.mode;
      this.end(data.answered ? "done" : "declined");
      return;
    } else if (event === "error") return this.end("failed", data?.error?.message);
    this.h.requestUpdate();
  }

  private end(state: State, message?: string) {
    const h = this.h;
    const a = askText(h.code);
    this.state = state;
    if (state === "declined") this.text = "";
    h.say(state === "done" ? a.ready : state === "declined" ? a.declined : state === "limited" ? a.limited : state === "stopped" ? a.stopped : a.failed);
    if (state === "done" || state === "declined") h.emit("hj-ask", { question: this.question, answered: state === "done", mode: this.mode });
    if (state === "failed") h.emit("hj-error", { code: "ask", message: message ?? a.failed });
    h.requestUpdate();
  }

  stop = () => {
    this.abort?.abort();
    this.end("stopped");
  };

  /** Forgets the conversation: the next question starts a new one. */
  reset = () => {
    this.abort?.abort();
    Object.assign(this, { state: "idle", question: "", text: "", sources: [], citations: [], history: [] });
    this.h.requestUpdate();
  };

  /** The reader on the cited article, scrolled to the passage and marked. */
  private async cite(s: Source) {
    await this.openArticle(s.id);
    await this.h.updateComplete;
    pointAt(this.h.renderRoot, s);
  }

  private vote(v: "up" | "down") {
    this.voted = v;
    try {
      const url = new URL(`${callerOf(this.h).endpoint.replace(/\/+$/, "")}/v1/events`, document.baseURI).href;
      const data = JSON.stringify({ kind: "answer", vote: v, lang: this.h.code || undefined });
      if (!navigator.sendBeacon?.(url, data)) fetch(url, { method: "POST", body: data, keepalive: true, credentials: "omit" }).catch(() => {});
    } catch {
      /* feedback is never worth an error */
    }
    this.h.requestUpdate();
  }

  /** The answer's text with each `[n]` as a pill that opens its source. */
  private body(): unknown[] {
    const { html } = this.h.kit;
    const a = askText(this.h.code);
    const parts: unknown[] = [];
    let at = 0;
    for (const m of this.text.matchAll(/\[(\d{1,3})\]/g)) {
      const s = this.sources.find((x) => x.n === Number(m[1]));
      if (!s) continue;
      parts.push(this.text.slice(at, m.index));
      parts.push(
        html`<button type="button" class="pill" part="citation" aria-label=${fill(a.cite, { n: s.n, title: s.title })} @click=${() => this.cite(s)}>
          ${s.n}
        </button>`,
      );
      at = m.index! + m[0].length;
    }
    parts.push(this.text.slice(at));
    return parts;
  }

  private contact(): TemplateResult | symbol {
    const { html, nothing } = this.h.kit;
    const url = this.h.contactUrl;
    if (!url) return nothing;
    const href = url.replace(/\{q\}/g, encodeURIComponent(this.question));
    return html`<a part="contact" href=${href} target="_blank" rel="noopener">${later(this.h.t, this.h.code).contact}</a>`;
  }

  view(): TemplateResult | symbol {
    const { html, nothing } = this.h.kit;
    if (!this.shown) return nothing;
    const a = askText(this.h.code);
    const l = later(this.h.t, this.h.code);
    const streaming = this.state === "streaming";
    const cited = this.sources.filter((s) => this.citations.includes(s.n) || streaming);
    return html`<section class="ask" part="answer" aria-labelledby="ask-h" aria-busy=${streaming ? "true" : "false"} dir="auto">
      <h2 id="ask-h">${a.heading}</h2>
      <p class="q">${this.question}</p>
      ${this.state === "declined"
        ? html`<p class="a" part="answer-text declined">${a.declined}</p>`
        : this.state === "limited"
          ? html`<p class="a" part="answer-text error">${a.limited}</p>`
          : this.state === "failed"
            ? html`<p class="a" part="answer-text error">${a.failed}</p>`
            : html`<p class="a" part="answer-text">${this.text ? this.body() : streaming ? a.answering : a.stopped}</p>`}
      ${this.state === "done" && cited.length
        ? html`<ol aria-label=${a.sources} part="sources">
            ${cited.map((s) => html`<li value=${s.n}><a href=${s.url} target="_blank" rel="noopener">${s.title}</a>${s.heading ? html` — ${s.heading}` : nothing}</li>`)}
          </ol>`
        : nothing}
      <div class="row">
        ${streaming
          ? html`<button type="button" part="answer-button stop" @click=${this.stop}>${a.stop}</button>`
          : html`${this.state === "done"
                ? this.voted
                  ? html`<span>${l.thanks}</span>`
                  : html`<span>${a.helpful}</span>
                      <button type="button" part="answer-button up" @click=${() => this.vote("up")}>${l.up}</button>
                      <button type="button" part="answer-button down" @click=${() => this.vote("down")}>${l.down}</button>`
                : nothing}
              ${this.state !== "done" || this.voted === "down" ? this.contact() : nothing}
              <button type="button" part="answer-button new" @click=${this.reset}>${a.again}</button>`}
      </div>
      ${this.state === "done" ? html`<p class="sr">${a.followUp}</p>` : nothing}
    </section>`;
  }
}

/**
 * Where a cited passage sits in the article on screen: its heading (the last of the path), else the block
 * that holds the start of its snippet. Marked and scrolled into view so the visitor lands on it.
 */
export function pointAt(root: ParentNode, source: Source): HTMLElement | null {
  const body = root.querySelector<HTMLElement>("[part~=body]");
  if (!body) return null;
  const words = source.snippet.replace(/^…\s*/, "").split(/\s+/).slice(0, 4).join(" ").toLowerCase();
  const heading = source.heading.split(" › ").at(-1)?.trim().toLowerCase();
  const blocks = [...body.querySelectorAll<HTMLElement>("p, li, td, pre, blockquote, h1, h2, h3, h4, h5, h6")];
  const target =
    (words && blocks.find((b) => b.textContent!.replace(/\s+/g, " ").toLowerCase().includes(words))) ||
    (heading && blocks.find((b) => /^H[1-6]$/.test(b.tagName) && b.textContent!.trim().toLowerCase() === heading)) ||
    null;
  if (!target) return null;
  body.querySelector(".hj-cited")?.classList.remove("hj-cited");
  target.classList.add("hj-cited");
  target.scrollIntoView({ block: "center" });
  return target;
}
