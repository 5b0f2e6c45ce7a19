/**
 * What only an open modal needs: its styles (the dialog, the phone sheet, the fade), the page's scroll held
 * while it is open, and a phone's Back stepping out of the reader (the launcher's panel builds on it:
 * launcher.ts). In a chunk of its own with the launcher (dialogs.ts), so a page pays for it only when
 * someone comes to open the dialog: the element fetches it when the pointer reaches the trigger,
 * the trigger takes focus, or the hotkey's modifier goes down. If none of those came first, show() opens the
 * dialog unseen for a moment and this makes it seen. The ways out (Escape, the close button, a click on the
 * backdrop) are the entry's: a chunk that never comes must not leave the user shut in an inert page. Like
 * the other chunks it imports nothing the entry imports (see kit.ts).
 */
export interface ModalHost {
  renderRoot: HTMLElement | DocumentFragment;
  /** An article is in the reader (a close request then steps back instead). */
  readonly art: unknown;
  back(): void;
}

// Plain text (the build minifies css`` templates); adopted into the element's shadow root with the chunk.
const css = String.raw;
const modalStyles = css`
  dialog {
    margin-top: 10vh; width: min(var(--hj-width, 640px), 100vw - 2em); max-height: min(80vh, 720px);
    color: var(--_fg); background: var(--_bg); border: 1px solid var(--_line); border-radius: var(--_r);
    box-shadow: var(--hj-shadow, 0 8px 24px #0003);
  }
  dialog::backdrop { background: var(--hj-backdrop, #0007); }
  .in { display: flex; flex-direction: column; max-height: inherit; box-sizing: border-box; }
  .in .area { margin-top: .5em; min-height: 0; overscroll-behavior: contain; }
  /* The box, and the close button beside it (not in it: a × in a search box reads as "clear"). */
  .top { display: flex; align-items: center; gap: .5em; }
  .top .box { flex: 1; }
  .top > button { border: 0; padding: .4em; }
  /* A short fade in and out (where @starting-style and transition-behavior exist; elsewhere none). */
  @media (prefers-reduced-motion: no-preference) {
    dialog, dialog::backdrop { transition: opacity .15s, overlay .15s allow-discrete, display .15s allow-discrete; }
    dialog:not([open]), dialog:not([open])::backdrop { opacity: 0; }
    @starting-style { dialog[open], dialog[open]::backdrop { opacity: 0; } }
  }
  /* A phone gets a sheet: the whole screen, the box at the top, the list scrolling under it. */
  @media (max-width: 640px) {
    dialog { margin: 0; width: 100%; max-width: none; height: 100dvh; max-height: none; border: 0; border-radius: 0; }
    .in { height: 100%; padding: max(.75em, env(safe-area-inset-top)) max(.75em, env(safe-area-inset-right)) max(.75em, env(safe-area-inset-bottom)) max(.75em, env(safe-area-inset-left)); }
    .in .area { flex: 1; }
  }
`;

const stop = (e: Event) => {
  e.preventDefault();
  e.stopPropagation();
};

export class Modal {
  /** The page's scroll, held while the modal is open and given back after it. */
  private locked?: [number, number, string];

  /** `styles`: the dialog's look (the launcher's panel brings its own: launcher.ts). */
  constructor(
    protected h: ModalHost,
    styles = modalStyles,
  ) {
    const root = h.renderRoot as ShadowRoot;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /**
   * The dialog was opened (this chunk's styles show it). A modal dialog makes the page inert but not still:
   * the wheel or a finger on the backdrop would scroll it. So the root stops scrolling while the dialog is
   * open, and the position comes back after (CSSOM, so a page's style-src CSP does not mind). A dialog that
   * is not modal (the launcher's panel beside the page) leaves the page as it is.
   */
  opened(d: HTMLDialogElement) {
    // Closed, or gone from the page (which fires no close event), before this chunk came: nothing to hold.
    if (!d.open || !d.isConnected || this.locked || !d.matches(":modal")) return;
    const s = document.documentElement.style;
    this.locked = [scrollX, scrollY, s.overflow];
    s.overflow = "hidden";
  }

  /** After the dialog closes, or the element leaves the page with it open (which fires no close event). */
  unlock() {
    const l = this.locked;
    if (!l) return;
    document.documentElement.style.overflow = l[2];
    scrollTo(l[0], l[1]);
    this.locked = undefined;
  }

  /**
   * A close request that is not Escape (the element takes Escape) is a phone's Back gesture or button:
   * from the reader it steps back, as Back does in an app; the browser may still close the dialog if asked twice.
   */
  cancel = (e: Event) => {
    if (this.h.art) {
      this.h.back();
      stop(e);
    }
  };
}
