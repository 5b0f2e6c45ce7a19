import { LitElement, html, nothing, type PropertyValues } from "lit";
import type { Article, Caller, Failure, Hit } from "./api.js";
import type { ArticleCache } from "./article-cache.js";
import { Combobox, stop } from "./controllers/combobox.js";
import { bcp47, helpjuiceLang, isRtl, loadStrings } from "./lang.js";
import type { Reader } from "./reader.js";
import type { Kit, Results } from "./results.js";
import { en, type Strings } from "./strings/en.js";
import { styles } from "./styles.js";

export type Mode = "inline" | "modal" | "panel";

// Taken from where this script was loaded, so `<script src="https://edge/hj-search.js">` needs no endpoint.
const scriptOrigin = new URL(import.meta.url).origin;
const isMac = /Mac|iP(hone|ad)/.test(navigator.platform);

const icon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="11" cy="11" r="7" /><path d="m20 20-4-4" /></svg>`;

/**
 * `<hj-search>`: search a Helpjuice knowledge base through the hj-search edge API, read an article and vote
 * on it, from one script tag. The public surface is listed in manifest.ts (and the README).
 *
 * This module is what a page loads up front, so it holds only what it takes to show the box and take keys:
 * searching, the result list and the popular articles arrive with the first keystroke or, in modal and
 * panel modes, with focus (results.ts), the reader once there are results (reader.ts), other languages'
 * text when asked for (strings/), the chunks' own text with them (strings/later.ts).
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
  };

  /** Origin of the hj-search worker; defaults to where this script came from. */
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

  /** Lent to the lazy chunks; see Kit. */
  kit: Kit = { html, nothing };
  /** Articles fetched or prefetched for the reader; see ArticleHost. */
  declare articles?: ArticleCache;
  /** The article in the reader: `{id}` while it loads, then with `article` or `error`. */
  art: { id: number; article?: Article; error?: Failure } | null = null;

  private text: Strings = en;
  private textFor?: string;
  private ready = false;
  private value = "";
  private announce = "";
  /** The id of the article last opened from the list, for Back (the list may have changed since). */
  private chosen = -1;
  private results?: Results;
  private resultsLoad?: Promise<Results>;
  private reader?: Reader;
  private readerLoad?: Promise<Reader>;
  private loadError?: Failure;
  private opener?: HTMLElement | null;
  private shownActive = -1;
  /** show() was called before the first render; see show() and firstUpdated(). */
  private early = false;
  private cb: Combobox = new Combobox(this);

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

  get optionCount(): number {
    return this.art ? 0 : (this.results?.count ?? 0);
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
      this.lock();
      d.showModal();
    }
    this.input?.focus();
  }

  /** The page's scroll, held while the modal is open and given back after it. */
  private locked?: [number, number, string];

  /**
   * A modal dialog makes the page inert but not still: the wheel or a finger on the backdrop would scroll
   * it. So the root stops scrolling while the dialog is open, and the position comes back after (CSSOM, so
   * a page's style-src CSP does not mind).
   */
  private lock() {
    const s = document.documentElement.style;
    this.locked = [scrollX, scrollY, s.overflow];
    s.overflow = "hidden";
  }

  /** After the dialog closes, or the element leaves the page with it open (which fires no close event). */
  private unlock() {
    const l = this.locked;
    if (!l) return;
    document.documentElement.style.overflow = l[2];
    scrollTo(l[0], l[1]);
    this.locked = undefined;
  }

  /** Closes the modal dialog. */
  hide() {
    this.dialog?.close();
  }

  caller(): Caller {
    return {
      endpoint: this.endpoint ?? scriptOrigin,
      token: () => (this.getToken ? this.getToken() : this.token),
    };
  }

  connectedCallback() {
    super.connectedCallback();
    addEventListener("keydown", this.onHotkey);
    document.addEventListener("pointerdown", this.onOutside);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    removeEventListener("keydown", this.onHotkey);
    document.removeEventListener("pointerdown", this.onOutside);
    this.unlock();
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
  protected firstUpdated() {
    if (this.early) this.updateComplete.then(() => this.show());
  }

  // A new identity (token, getToken), scope or language: what is on screen was fetched for the old one and
  // may be what the new user must not see (a signed-out user's internal article), so it is fetched again,
  // and no article fetched ahead for the old one is opened.
  protected willUpdate(changed: PropertyValues<this>) {
    if (!this.hasUpdated || !["token", "getToken", "category", "limit", "lang"].some((k) => changed.has(k as keyof HjSearch))) return;
    this.articles?.clear();
    this.results?.refresh();
    const art = this.art;
    if (art && this.reader && (art.article || art.error)) this.reader.reload(art.id);
    else if (art) this.openArticle(art.id);
  }

  // The arrows move aria-activedescendant, not focus, so nothing scrolls the active option into view but us;
  // and the option the keys rest on is the one likely opened next (its article is prefetched).
  protected updated() {
    if (this.cb.active !== this.shownActive) {
      this.shownActive = this.cb.active;
      this.renderRoot.querySelector("[part~=option-active]")?.scrollIntoView({ block: "nearest" });
      this.results?.activate(this.cb.active);
    }
  }

  render() {
    const t = this.t;
    const code = this.code ?? "en_US";
    const hk = this.hotkeyParts();
    const ui = this.ui(t);
    return html`<div class="base ${this.mode}" part="base" dir=${isRtl(code) ? "rtl" : "ltr"} lang=${bcp47(code)}>
      ${this.mode === "modal"
        ? html`<button
              part="trigger"
              type="button"
              aria-haspopup="dialog"
              aria-keyshortcuts=${hk?.aria ?? nothing}
              @click=${this.show}
            >
              ${icon}<span>${t.open}</span>${hk ? html`<kbd part="hotkey" aria-hidden="true">${hk.label}</kbd>` : nothing}
            </button>
            <dialog
              part="dialog"
              aria-label=${t.label}
              @click=${this.onDialogClick}
              @close=${this.onClose}
              @cancel=${this.onCancel}
              @keydown=${{ handleEvent: this.onDialogKey, capture: true }}
            >
              <div class="in">${ui}${this.results?.footer(t, !!this.art)}</div>
            </dialog>`
        : ui}
    </div>`;
  }

  // The popup has tabindex=-1 so it is not a Tab stop of its own (see Results.options).
  private ui(t: Strings) {
    const { cb, art, results: r } = this;
    const modal = this.mode === "modal";
    const listShown = cb.open && !art && !!r?.count;
    return html`<div class="box" part="search">
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
          @keydown=${cb.onKeyDown}
          @compositionstart=${cb.onComposition}
          @compositionend=${this.onCompositionEnd}
          @click=${() => (this.value || this.mode !== "inline") && !cb.open && cb.set(true)}
          @focus=${this.onFocus}
          @focusout=${this.onFocusOut}
        />
        ${modal
          ? html`<button part="close" type="button" aria-label=${t.close} @click=${this.hide}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6 6 18" /></svg>
            </button>`
          : nothing}
      </div>
      <div
        class="area"
        part="popup"
        tabindex="-1"
        ?hidden=${this.mode === "inline" && !cb.open && !art}
        @focusout=${this.onFocusOut}
      >
        ${art ? this.articleView(t, art) : this.status(t)}
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
      </div>
      <div class="sr" role="status" aria-live="polite">${this.announce}</div>`;
  }

  /** The message above (or instead of) the list. */
  private status(t: Strings) {
    const msg = (kind: string, text: string, retry?: () => void) =>
      html`<p class="msg" part="message ${kind}">
        ${text}${retry ? html`<button part="retry" type="button" @click=${retry}>${t.retry}</button>` : nothing}
      </p>`;
    if (this.loadError) return msg("error", this.errorText(this.loadError), () => this.typed());
    const r = this.results;
    if (r && (r.search.status !== "idle" || (!this.value.trim() && r.count))) return r.status(t);
    if (this.value.trim()) return this.cb.open ? msg("loading", t.loading) : nothing;
    return this.mode === "inline" ? nothing : msg("hint", t.hint);
  }

  /** The reader, or what stands in for it while the article (or the reader itself) loads or failed. */
  private articleView(t: Strings, art: NonNullable<HjSearch["art"]>) {
    if (art.article && this.reader) return this.reader.render(art.article, t);
    const e = art.error;
    return html`<p class="msg" part="message ${e ? "error" : "loading"}" @keydown=${this.onReaderKey}>
      ${e ? this.errorText(e) : t.article}
      <button part="back" type="button" @click=${this.back}>${t.back}</button>
      ${e && e.status !== 404
        ? html`<button part="retry" type="button" @click=${() => this.openArticle(art.id)}>${t.retry}</button>`
        : nothing}
    </p>`;
  }

  errorText(e: Failure) {
    const t = this.t;
    const s = e.status;
    return s === 429 || s === 503 ? t.busy : s === 401 ? t.denied : s === 404 ? t.missing : t.error;
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

  // The committed word is typed text (Chrome sends no input event after compositionend), but an open
  // list keeps its active option: the word may be the one already searched.
  private onCompositionEnd = (e: CompositionEvent) => {
    this.cb.onComposition(e);
    this.value = this.input.value;
    this.art = null;
    if (!this.cb.open) this.cb.set(!!this.value.trim());
    this.typed();
  };

  /** Hands the box's text to the search, fetching the search chunk on the first keystroke. */
  private async typed() {
    this.loadError = undefined;
    try {
      this.results ??= await (this.resultsLoad ??= import("./results.js").then((m) => new m.Results(this)));
      this.results.input(this.value);
    } catch (e) {
      this.resultsLoad = undefined;
      this.chunkFailed(e);
    }
  }

  private chunkFailed(e: unknown) {
    this.loadError = { code: "network", message: String(e), status: 0 };
    this.fail(this.loadError);
  }

  /** The search answered (or failed): announce it (`count` is the count in words) and tell the page. */
  searched(query: string, hits: Hit[] | null, error?: Failure, count = "") {
    this.cb.active = -1;
    if (error) return this.fail(error);
    const n = hits!.length;
    this.say(count);
    this.emit("hj-search", { query, count: n });
    // The reader is the likely next step; fetch its chunk while the user reads the list.
    if (n) this.loadReader().catch(() => {});
  }

  private onFocusOut = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && !this.renderRoot.contains(to)) this.dismiss();
  };

  private onOutside = (e: Event) => {
    if (!e.composedPath().includes(this)) this.dismiss();
  };

  /** Inline mode folds away when the user goes elsewhere; the other modes stay as they are. */
  private dismiss() {
    if (this.mode === "inline" && (this.cb.open || this.art)) this.closeAll();
  }

  private closeAll() {
    this.art = null;
    this.cb.set(false);
  }

  // ComboboxHost
  choose(i: number) {
    const hit = this.results?.hits[i];
    if (!hit) return;
    this.chosen = hit.id;
    if (this.emit("hj-select", { id: hit.id }, true)) this.openArticle(hit.id);
  }

  submit() {
    if (!this.value.trim()) return;
    this.cb.set(true);
    this.results?.search.now(this.value.trim());
  }

  escape(e: KeyboardEvent) {
    if (this.art) return stop(e, this.back());
    if (this.value) return stop(e, this.clear());
    // Otherwise Escape is left alone. (In a modal it never gets here: see onDialogKey.)
  }

  private clear() {
    this.value = "";
    this.results?.search.reset();
    this.cb.set(false);
    this.say("");
  }

  /** Shows an article in the reader (loading the reader's chunk the first time). */
  async openArticle(id: number) {
    this.art = { id };
    this.cb.set(false);
    this.say(this.t.article);
    try {
      await (await this.loadReader()).open(id);
      // "Loading article…" must not stay in the live region; the focused heading announces the article.
      if (this.art?.article) this.say("");
    } catch (e) {
      if (this.art?.id !== id) return;
      this.chunkFailed(e);
      this.art = { id, error: this.loadError };
      this.loadError = undefined;
    }
  }

  private loadReader() {
    return (this.readerLoad ??= import("./reader.js").then(
      (m) => (this.reader = new m.Reader(this)),
      (e) => {
        this.readerLoad = undefined;
        throw e;
      },
    ));
  }

  /** Back from the reader: to the article a link came from, else to the list, on the article just read. */
  back = () => {
    if (this.art && this.reader?.back()) return;
    this.art = null;
    this.cb.set(!!this.results?.count, this.results?.hits.findIndex((h) => h.id === this.chosen));
    this.input.focus();
  };

  // Escape (inline and panel: the modal's closes it), the Back key and Alt+← step back; Alt+← would
  // otherwise take the host page back a page.
  onReaderKey = (e: KeyboardEvent) => {
    if (/^(Escape|BrowserBack)$/.test(e.key) || (e.altKey && e.key === "ArrowLeft")) stop(e, this.back());
  };

  /** Every failure is announced and reported as `hj-error`. */
  fail(error: Failure, message = this.errorText(error)) {
    this.say(message);
    this.emit("hj-error", { code: error.code, message: error.message });
  }

  /** Bubbling, composed events; returns false when a listener cancelled a cancelable one. */
  emit(type: string, detail: unknown, cancelable = false) {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  private say(text: string) {
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

  private onHotkey = (e: KeyboardEvent) => {
    const hk = this.hotkeyParts();
    if (!hk || e.defaultPrevented || e.key?.toLowerCase() !== hk.key || e.altKey !== hk.alt) return;
    // "mod" takes either Ctrl or ⌘, so a Mac user on a PC keyboard (or the reverse) is not stuck.
    if (!(hk.mod ? e.ctrlKey || e.metaKey : e.ctrlKey === hk.ctrl && e.metaKey === hk.meta)) return;
    const target = e.composedPath()[0] as HTMLElement;
    if (target !== this.input && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    e.preventDefault();
    this.show();
  };

  private onDialogClick = (e: MouseEvent) => {
    // The dialog has no padding of its own, so a click that lands on it directly is on the backdrop.
    if (e.target === this.dialog) this.hide();
  };

  private onClose = () => {
    this.closeAll();
    this.unlock();
    this.opener?.focus({ preventScroll: true });
  };

  /**
   * A close request that is not Escape (Escape is taken above) is a phone's Back gesture or button: from the
   * reader it steps back, as Back does in an app; the browser may still close the dialog if asked twice.
   */
  private onCancel = (e: Event) => {
    if (this.art) stop(e, this.back());
  };

  /** One Escape closes the modal from any state (as DocSearch does); an IME's own Escape is left to it. */
  private onDialogKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && !e.isComposing && e.keyCode !== 229) stop(e, this.hide());
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
