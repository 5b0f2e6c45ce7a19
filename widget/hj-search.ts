import { LitElement, html, nothing, type PropertyValues } from "lit";
import type { Article, Failure } from "./api.js";
import type { ArticleCache } from "./article-cache.js";
import type { ComboboxState } from "./controllers/combobox.js";
import { bcp47, helpjuiceLang, isRtl, loadStrings } from "./lang.js";
import type { Modal } from "./modal.js";
import type { Kit } from "./kit.js";
import type { Results } from "./results.js";
import { en, type Strings } from "./strings/en.js";
import { styles } from "./styles.js";

export type Mode = "inline" | "modal" | "panel" | "launcher";

const isMac = /Mac|iP(hone|ad)/.test(navigator.platform);

const icon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7" /><path d="m20 20-4-4" /></svg>`;

/**
 * `<hj-search>`: search a Helpjuice knowledge base through the hj-search edge API, read an article and vote
 * on it, from one script tag. The public surface is listed in manifest.ts (and the README).
 *
 * This module is what a page loads up front, so it holds only what it takes to show the box (or the
 * modal's trigger, or the launcher's button) and take keys: searching, the result list, the keys that move
 * through it and the popular articles arrive with the first keystroke or, in the other modes, with focus
 * (results.ts), the reader once there are results (reader.ts), the dialog's or the launcher panel's styles
 * and behaviour once someone is about to open it (dialogs.ts), other languages' text when asked for
 * (strings/), the chunks' own text with them (strings/later.ts).
 */
export class HjSearch extends LitElement {
  static styles = styles;
  static properties = {
    endpoint: {},
    mode: { reflect: true },
    lang: {},
    category: { type: Number },
    placeholder: {},
    limit: { type: Number },
    hotkey: {},
    contactUrl: { attribute: "contact-url" },
    token: {},
    theme: { reflect: true },
    strings: { attribute: false },
    getToken: { attribute: false },
    suggestions: {},
    context: {},
    recent: {},
    deepLink: { type: Boolean, attribute: "deep-link" },
    corner: { reflect: true },
  };

  /** Origin of the hj-search worker; defaults to where this script came from (see callerOf in api.ts). */
  declare endpoint?: string;
  declare mode: Mode;
  /** Helpjuice language (`es_ES`) or a BCP 47 tag (`es`, `pt-BR`); defaults to `<html lang>`. */
  declare lang: string;
  declare category?: number;
  declare placeholder?: string;
  declare limit?: number;
  /** `mod+k` (Ctrl, or ⌘ on a Mac), `ctrl+/`, `/`…, or `off`. Defaults to `mod+k` in modal mode. */
  declare hotkey?: string;
  declare contactUrl?: string;
  declare token?: string;
  declare theme?: "light" | "dark" | "auto";
  /** UI text overrides, merged over the language's own. */
  declare strings: Partial<Strings>;
  /** Called before every request for a fresh bearer token (in-app identity); wins over `token`. */
  declare getToken?: () => string | null | undefined | Promise<string | null | undefined>;

  /** Page suggestion rules (JSON, or the id of a `<script type="application/json">`); see suggest.ts. */
  declare suggestions?: unknown;
  /** A query that stands for where the visitor is, when no rule matches. */
  declare context?: string;
  /** `off`: no recent searches or articles. */
  declare recent?: string;
  /** `#hj-article=ID` / `#hj-q=…` open the widget, and an opened article is in the URL. */
  declare deepLink?: boolean;
  /** Launcher mode: the viewport corner of the help button, `bottom-end` (default), `bottom-start`, `top-end`, `top-start`. */
  declare corner?: "bottom-end" | "bottom-start" | "top-end" | "top-start";

  /** Lent to the lazy chunks; see Kit. */
  kit: Kit = { html, nothing };
  /**
   * How the lazy chunks that change how the element behaves are fetched. A test seam and nothing more: a
   * test swaps a loader for one that never settles or fails (a hashed chunk gone after a deploy, a stalled
   * link), which a real import() cannot be made to do. Pages have no reason to touch it.
   */
  chunks = { modal: () => import("./dialogs.js"), results: () => import("./results.js") };
  /** Articles fetched or prefetched for the reader; see ArticleHost. */
  declare articles?: ArticleCache;
  /** The article in the reader: `{id}` while it loads, then with `article` or `error`. */
  art: { id: number; article?: Article; error?: Failure } | null = null;

  private text: Strings = en;
  private textFor?: string;
  private ready = false;
  /** The box's text (the results chunk clears it on Escape). */
  value = "";
  private announce = "";
  private results?: Results;
  resultsLoad?: Promise<Results>;
  private loadError?: Failure;
  private modal?: Modal;
  private modalLoad?: Promise<unknown>;
  /** Where focus was before the dialog opened: it goes back there after. */
  private opener?: HTMLElement | null;
  /** show() was called before the first render; see show() and firstUpdated(). */
  private early = false;
  /** The list open or not, and its active option; the keys that move them come with the results chunk. */
  cb: ComboboxState = {
    active: -1,
    open: false,
    composing: false,
    set: (open, active = -1) => {
      this.cb.open = open;
      this.cb.active = open ? active : -1;
      this.requestUpdate();
    },
  };

  constructor() {
    super();
    this.mode = "inline";
    this.lang = "";
    this.strings = {};
  }

  /** The Helpjuice language sent to the worker: `lang`, else the page's language where the element sits. */
  get code() {
    return helpjuiceLang(this.lang || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang);
  }

  get t(): Strings {
    return { ...this.text, ...this.strings };
  }

  private get input() {
    return this.renderRoot.querySelector("input")!;
  }

  private get dialog() {
    return this.renderRoot.querySelector("dialog");
  }

  /** Opens the modal dialog (or focuses the search box in the other modes). */
  show() {
    // Until the language's text is in nothing is rendered, so there is no dialog to open yet; a Ctrl+K
    // pressed that early (a fast typist on a slow link) is kept and honoured on the first render.
    if (!this.hasUpdated) return void (this.early = true);
    const d = this.dialog;
    if (d && !d.open) {
      this.opener = deepActive();
      // Open at once, so what the user types lands in the box. If the chunk with the dialog's styles is not
      // in yet (it usually is: see loadModal) the dialog waits for it unseen, but not for long: a modal
      // dialog makes the page inert, and an inert page showing nothing is worse than a plain dialog. So it
      // is seen once the chunk is in, has failed, or is late, whichever comes first.
      if (!this.modal) d.classList.add("wait");
      // The launcher's panel leaves the page usable beside it (on a phone launcher.ts makes it modal).
      d[this.mode === "launcher" ? "show" : "showModal"]();
      this.requestUpdate();
      const seen = () => {
        clearTimeout(late);
        d.classList.remove("wait");
        this.modal?.opened(d);
      };
      const late = setTimeout(seen, 400);
      this.loadModal().finally(seen);
    }
    this.input?.focus();
  }

  /**
   * The modal's styles and behaviour (modal.ts), or the launcher panel's (launcher.ts), both in dialogs.ts's
   * chunk, fetched once someone is about to open it: the pointer on the trigger or the help button, focus
   * on it, or the hotkey's modifier down. Never rejects (show() copes without it), and
   * a failure, the fetch's or the chunk's own (no constructable style sheets), is tried again next time.
   */
  private loadModal = () =>
    (this.modalLoad ??= this.chunks
      .modal()
      .then((m) => {
        this.modal = new (this.mode === "launcher" ? m.Launcher : m.Modal)(this);
        this.requestUpdate();
        return this.updateComplete;
      })
      .catch(() => void (this.modalLoad = undefined)));

  /** Closes the modal dialog. */
  hide() {
    this.dialog?.close();
  }

  // The JavaScript API: stubs that load what they need (the results chunk) when first called.
  /** Opens the widget: the dialog, or the box with its list. */
  open() {
    this.show();
    this.cb.set(true);
    this.typed();
  }

  /** Closes the widget: the dialog, the list and the reader. */
  close() {
    this.hide();
    this.closeAll();
  }

  /** Searches `q` as if typed. */
  search(q: string) {
    this.value = q;
    this.open();
  }

  /** Shows article `id` in the reader. */
  async openArticle(id: number) {
    this.show();
    (await this.loadResults()).openArticle(id);
  }

  /**
   * One Escape closes the modal from any state (as DocSearch does), whatever has loaded: taken on the way
   * down, before the box's own keys (or the entry's stand-in for them) can spend it on closing the list.
   * An IME's own Escape is left to it. The reader's way back is Alt+← or Back (results.ts).
   */
  private escape = {
    handleEvent: (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      e.stopPropagation();
      this.hide();
    },
    capture: true,
  };

  // The dialog has no padding (styles.ts), so a click that lands on it directly is on the backdrop.
  private onBackdrop = (e: MouseEvent) => e.target === e.currentTarget && this.hide();

  connectedCallback() {
    super.connectedCallback();
    addEventListener("keydown", this.onHotkey);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("keydown", this.onHotkey);
    this.modal?.unlock();
  }

  // Nothing renders until the language's text is in, so a Spanish page never flashes English; a later
  // change of language keeps the old text on screen until the new one arrives.
  protected shouldUpdate() {
    const code = this.code ?? "";
    if (code !== this.textFor) {
      this.textFor = code;
      loadStrings(code).then((t) => {
        if (this.textFor !== code) return;
        this.text = t;
        this.ready = true;
        this.requestUpdate();
      });
    }
    return this.ready;
  }

  // A show() asked for before there was anything to show (see show()), once the first render is done: not
  // within it, as the focus it moves updates the element again.
  // A panel is always on screen: it shows the popular articles from the start, not a blank box until focus.
  protected firstUpdated() {
    if (this.early) this.updateComplete.then(() => this.show());
    if (this.mode === "panel") this.onFocus();
    // A deep link (`#hj-article=12`, `#hj-q=…`) opens the widget there; only when asked, as the hash is the page's.
    const m = this.deepLink && /^#hj-(article|q)=(.+)/.exec(location.hash);
    if (m) this.updateComplete.then(() => (m[1] > "b" ? this.search(decodeURIComponent(m[2])) : this.openArticle(+m[2])));
  }

  // A new identity (token, getToken), scope or language: what is on screen was fetched for the old one and
  // may be what the new user must not see (a signed-out user's internal article), so it is fetched again,
  // and no article fetched ahead for the old one is opened. Nothing is on screen before the results chunk.
  protected willUpdate(changed: PropertyValues<this>) {
    if (this.hasUpdated) this.results?.changed(changed);
  }

  render() {
    const t = this.t;
    const code = this.code ?? "en_US";
    const hk = this.hotkeyParts();
    const ui = this.ui(t);
    const m = this.modal;
    const launcher = this.mode === "launcher";
    return html`<div class="base ${this.mode}" part="base" dir=${isRtl(code) ? "rtl" : "ltr"} lang=${bcp47(code)}>
      ${launcher || this.mode === "modal"
        ? html`<button
              part=${launcher ? "launcher" : "trigger"}
              type="button"
              aria-haspopup="dialog"
              aria-expanded=${!!this.dialog?.open}
              aria-controls="dialog"
              aria-keyshortcuts=${hk?.aria ?? nothing}
              @click=${() => (this.dialog?.open ? this.hide() : this.show())}
              @pointerenter=${this.loadModal}
              @focus=${this.loadModal}
            >
              ${icon}<span>${launcher ? t.help : t.open}</span>${hk ? html`<kbd part="hotkey" aria-hidden="true">${hk.label}</kbd>` : nothing}
            </button>
            <dialog
              id="dialog"
              part="dialog"
              aria-label=${t.label}
              @click=${this.onBackdrop}
              @close=${this.onClose}
              @cancel=${m?.cancel}
              @keydown=${this.escape}
            >
              <div class="in">${ui}${this.results?.footer(t, !!this.art)}</div>
            </dialog>`
        : ui}
    </div>`;
  }

  // The popup has tabindex=-1 so it is not a Tab stop of its own (see Results.options). Inline, it drops down
  // once the results chunk (with the dropdown's styles) is in; only the chunk's own failure shows before.
  // The close button is the entry's, not the modal chunk's: without that chunk (a stalled link, a chunk gone
  // after a deploy) a touch screen, with no Escape key, would have no other way out of an inert page.
  private ui(t: Strings) {
    const { cb, art, results: r } = this;
    const modal = this.mode === "modal" || this.mode === "launcher";
    const listShown = cb.open && !art && !!r?.count;
    // The modal's close button sits beside the box, not in it: a × in a search box reads as "clear".
    const box = html`<div class="box" part="search">
        ${icon}
        <input
          part="input"
          role="combobox"
          aria-label=${t.label}
          aria-autocomplete="list"
          aria-expanded=${listShown ? "true" : "false"}
          aria-controls="list"
          aria-activedescendant=${listShown && cb.active >= 0 ? `o${cb.active}` : nothing}
          placeholder=${this.placeholder ?? t.placeholder}
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="search"
          .value=${this.value}
          @input=${this.onInput}
          @keydown=${this.onKey}
          @compositionstart=${() => (cb.composing = true)}
          @compositionend=${this.onCompositionEnd}
          @click=${() => (this.value || this.mode !== "inline") && !cb.open && cb.set(true)}
          @focus=${this.onFocus}
        />
      </div>`;
    return html`${modal
        ? html`<div class="top">
            ${box}<button part="close" type="button" aria-label=${t.close} @click=${() => this.hide()}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" /></svg>
            </button>
          </div>`
        : box}
      <div
        class="area"
        part="popup"
        tabindex="-1"
        ?hidden=${this.mode === "inline" && ((!cb.open && !art) || (!r && !this.loadError))}
      >
        ${art ? r!.articleView(t, art) : this.status(t)}
        <ul
          id="list"
          role="listbox"
          part="listbox"
          aria-label=${t.label}
          ?hidden=${!listShown}
          @mousedown=${(e: Event) => e.preventDefault()}
        >
          ${r?.options(cb.active)}
        </ul>
        ${r?.below()}
      </div>
      <div class="sr" role="status" aria-live="polite">${this.announce}</div>`;
  }

  /** The message above (or instead of) the list. */
  private status(t: Strings) {
    const msg = (kind: string, text: string, retry?: () => void) =>
      html`<p class="msg" part="message ${kind}">
        ${text}${retry ? html`<button part="retry" type="button" @click=${retry}>${t.retry}</button>` : nothing}
      </p>`;
    // Only the chunk itself can fail before there is a chunk.
    if (this.loadError) return msg("error", t.error, () => this.typed());
    const r = this.results?.status(t, this.value);
    if (r) return r;
    if (this.value.trim()) return this.cb.open ? msg("loading", t.loading) : nothing;
    return this.mode === "inline" ? nothing : msg("hint", t.hint);
  }

  private onInput = (e: InputEvent) => {
    this.value = (e.target as HTMLInputElement).value;
    if (e.isComposing) return;
    this.art = null;
    this.cb.set(!!this.value.trim() || this.mode !== "inline");
    this.typed();
  };

  /**
   * Modal and panel show the popular articles in an empty box, so focus fetches the search chunk (and
   * they come with it); inline waits for the first keystroke.
   */
  private onFocus = () => {
    if (this.mode === "inline" || this.value || this.art) return;
    // Back from the reader focuses the box with the list open on the article just read: keep it.
    if (!this.cb.open) this.cb.set(true);
    this.typed();
  };

  // Until the results chunk is in there is nothing for the keys to move through; Escape still closes the list
  // (in the modal it never gets here: see escape).
  private onKey = (e: KeyboardEvent) => {
    if (this.results) this.results.key(e);
    // Enter before the chunk is in (a fast typist, a slow link) is kept for it: it may be a question to ask.
    else if (e.key === "Enter" && !e.isComposing) this.loadResults().then((r) => r.submit(), () => {});
    else if (e.key === "Escape" && this.cb.open && !e.isComposing) {
      e.preventDefault();
      e.stopPropagation();
      this.cb.set(false);
    }
  };

  // The committed word is typed text (Chrome sends no input event after compositionend), but an open
  // list keeps its active option: the word may be the one already searched.
  private onCompositionEnd = () => {
    this.cb.composing = false;
    this.value = this.input.value;
    this.art = null;
    if (!this.cb.open) this.cb.set(!!this.value.trim());
    this.typed();
  };

  private loadResults() {
    return (this.resultsLoad ??= this.chunks.results().then((m) => (this.results = new m.Results(this))));
  }

  /** Hands the box's text to the search, fetching the search chunk on the first keystroke. */
  private async typed() {
    this.loadError = undefined;
    try {
      (await this.loadResults()).input(this.value);
    } catch (e) {
      this.resultsLoad = undefined;
      const message = String(e);
      this.loadError = { code: "network", message, status: 0 };
      this.say(this.t.error);
      this.emit("hj-error", { code: "network", message });
    }
  }

  closeAll() {
    this.art = null;
    this.cb.set(false);
  }

  /** Out of the reader (the results chunk knows the way: see Results.back). */
  back() {
    this.results?.back();
  }

  /** Bubbling, composed events; returns false when a listener cancelled a cancelable one. */
  emit(type: string, detail: unknown, cancelable = false) {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  say(text: string) {
    this.announce = text;
    this.requestUpdate();
  }

  private hotkeyParts() {
    const spec = (this.hotkey ?? (this.mode === "modal" ? "mod+k" : "off")).toLowerCase().trim();
    if (!spec || spec === "off") return null;
    const parts = spec.split("+");
    const key = parts.pop()!;
    const has = (m: string) => parts.includes(m);
    const mod = has("mod");
    const ctrl = has("ctrl") || (mod && !isMac);
    const meta = has("meta") || (mod && isMac);
    const alt = has("alt");
    const shift = has("shift");
    const names = (c: string, m: string, a: string, s: string) =>
      [ctrl && c, meta && m, alt && a, shift && s].filter(Boolean);
    return {
      key,
      ctrl,
      meta,
      mod,
      alt,
      label: [...names("Ctrl", "⌘", "Alt", "Shift"), key.toUpperCase()].join(isMac ? "" : "+"),
      aria: [...names("Control", "Meta", "Alt", "Shift"), key].join("+"),
    };
  }

  // The close event comes a task after close(): a dialog opened again since (close() then openArticle()) stays as it is.
  // Focus goes back unless it is already elsewhere in the page: the browser put it back itself, or (beside
  // the launcher's panel, which is not modal) the visitor took it there.
  private onClose = () => {
    if (this.dialog?.open) return;
    this.closeAll();
    this.modal?.unlock();
    const a = document.activeElement;
    if (!a || a === document.body || a === this) this.opener?.focus({ preventScroll: true });
  };

  private onHotkey = (e: KeyboardEvent) => {
    const hk = this.hotkeyParts();
    if (!hk || e.defaultPrevented) return;
    // The hotkey's Ctrl or ⌘ going down is the earliest sign the dialog is wanted.
    if ((hk.ctrl || hk.meta) && /^(Control|Meta)$/.test(e.key) && this.mode === "modal") this.loadModal();
    if (e.key?.toLowerCase() !== hk.key || e.altKey !== hk.alt) return;
    // "mod" takes either Ctrl or ⌘, so a Mac user on a PC keyboard (or the reverse) is not stuck.
    if (!(hk.mod ? e.ctrlKey || e.metaKey : e.ctrlKey === hk.ctrl && e.metaKey === hk.meta)) return;
    // A page's own fields keep their keys; this page's other <hj-search> boxes (an inline one on a help
    // page) give up Ctrl/⌘ ones, which type nothing there: someone in one wants the dialog too.
    const target = e.composedPath()[0] as HTMLElement;
    const ours = (hk.ctrl || hk.meta) && (target.getRootNode() as ShadowRoot).host instanceof HjSearch;
    if (!ours && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    e.preventDefault();
    this.show();
  };
}

/** The focused element, looking through open shadow roots (the page's own widgets may use them). */
function deepActive(): HTMLElement | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a as HTMLElement | null;
}

if (!customElements.get("hj-search")) customElements.define("hj-search", HjSearch);

declare global {
  interface HTMLElementTagNameMap {
    "hj-search": HjSearch;
  }
}
