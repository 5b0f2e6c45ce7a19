import type { TemplateResult } from "lit";
import { callerOf, type Article, type CallerHost } from "./api.js";
import type { Kit } from "./kit.js";
import type { Strings } from "./strings/en.js";
import { fill, later } from "./strings/later.js";

/** What the box needs from the element (through the reader, whose chunk it travels in). */
export interface MissingHost extends CallerHost {
  readonly kit: Kit;
  readonly code: string | undefined;
  readonly t: Strings;
  readonly contactUrl?: string;
  renderRoot: HTMLElement | DocumentFragment;
  updateComplete: Promise<boolean>;
  requestUpdate(): void;
}

/** The worker takes 500 characters; maxlength counts UTF-16 units, so the box never holds more than that. */
const MAX = 500;

const css = String.raw;
const missingStyles = css`
  .missing { display: grid; gap: .4em; margin-top: .75em; }
  .missing label { font-weight: 600; }
  .missing textarea {
    box-sizing: border-box; width: 100%; min-height: 4.5em; resize: vertical; padding: .45em .6em;
    font: inherit; color: inherit; background: var(--_bg); border: 1px solid var(--_muted); border-radius: var(--_r);
  }
  .missing p { margin: 0; color: var(--_muted); font-size: .9em; }
  .missing .row { display: flex; flex-wrap: wrap; align-items: center; gap: .5em 1em; }
  .missing .row span { color: var(--_muted); font-size: .9em; margin-inline-end: auto; }
  .missing a { color: var(--_accent); }
  .missing [part~="missing-thanks"] { color: inherit; font-size: 1em; }
`;

/**
 * "What was missing?": after a 👎 in the reader, an optional comment (at most 500 characters) sent to the
 * insights beacon (POST /v1/events, kind "missing"), and the contact link. The worker scrubs it and keeps it
 * with the article and the day only. Sent as text/plain (no preflight) and with no token or visitor id, the
 * same for a signed user: the comment is about the article, never about who wrote it.
 */
export class Missing {
  /** Per article, in this page only: what is typed, and where sending it stands. */
  private by = new Map<number, { text: string; state?: "sending" | "failed" | "sent" }>();

  constructor(private h: MissingHost) {
    const root = h.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(missingStyles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** A 👎 was just cast on `id`: the box shows under the vote from now on. */
  offer(id: number) {
    if (!this.by.has(id)) this.by.set(id, { text: "" });
  }

  view(a: Article): TemplateResult | symbol {
    const { html, nothing } = this.h.kit;
    const box = this.by.get(a.id);
    if (!box) return nothing;
    const t = later(this.h.t, this.h.code);
    const url = this.h.contactUrl;
    // The contact page gets what the visitor typed, or else the article's title, as Ask gives it the question.
    const contact = url
      ? html`<a part="contact" href=${url.replace(/\{q\}/g, encodeURIComponent(box.text.trim() || a.title))} target="_blank" rel="noopener">${t.contact}</a>`
      : nothing;
    if (box.state === "sent")
      return html`<div class="missing" part="missing"><p part="missing-thanks" tabindex="-1">${t.missingThanks}</p><div class="row">${contact}</div></div>`;
    // Alt+← in the box is a text field's word jump (macOS), not the reader's way back.
    return html`<form class="missing" part="missing" @submit=${(e: Event) => this.send(e, a)}>
      <label for="missing-text">${t.missingAsk}</label>
      <textarea
        id="missing-text"
        part="missing-text"
        dir="auto"
        rows="3"
        maxlength=${MAX}
        aria-describedby="missing-note missing-count"
        .value=${box.text}
        @input=${(e: Event) => ((box.text = (e.target as HTMLTextAreaElement).value), this.h.requestUpdate())}
        @keydown=${(e: KeyboardEvent) => e.altKey && e.key === "ArrowLeft" && e.stopPropagation()}
      ></textarea>
      <p id="missing-note">${t.missingNote}</p>
      <div class="row">
        <span id="missing-count">${fill(t.missingCount, { n: box.text.length, max: MAX })}</span>
        <button part="missing-send" type="submit" aria-disabled=${box.state === "sending" ? "true" : "false"}>${t.missingSend}</button>
        ${contact}
      </div>
      <p part="missing-status" role="status">${box.state === "failed" ? t.missingFailed : nothing}</p>
    </form>`;
  }

  private async send(e: Event, a: Article) {
    e.preventDefault();
    const box = this.by.get(a.id)!;
    const root = this.h.renderRoot as ShadowRoot;
    const text = box.text.trim();
    // Nothing typed: back to the box, nothing sent.
    if (!text) return root.querySelector<HTMLElement>("#missing-text")?.focus();
    if (box.state === "sending") return;
    box.state = "sending";
    this.h.requestUpdate();
    const body = JSON.stringify({ kind: "missing", id: a.id, text, lang: a.language ?? (this.h.code || undefined) });
    const url = new URL(`${callerOf(this.h).endpoint.replace(/\/+$/, "")}/v1/events`, document.baseURI);
    box.state = await fetch(url, { method: "POST", body, credentials: "omit" }).then(
      (r) => (r.ok ? "sent" : "failed"),
      () => "failed" as const,
    );
    this.h.requestUpdate();
    await this.h.updateComplete;
    // The Send button is gone: focus goes to the thank-you, which a screen reader then reads.
    if (box.state === "sent") root.querySelector<HTMLElement>("[part~=missing-thanks]")?.focus();
  }
}
