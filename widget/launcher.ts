/**
 * What only an open launcher needs: its panel's look, where the panel goes, and on a phone the panel made
 * modal. It comes with the floating modes' chunk (dialogs.ts), fetched when the pointer reaches the help
 * button, the button takes focus or the panel is opened; the button itself, its corner and the ways out
 * (Escape, the close button) are the entry's. Like the other chunks it imports nothing the entry imports
 * (see kit.ts).
 *
 * The panel is a dialog that is not modal: the page stays usable beside it, as Help Scout's Beacon leaves
 * it, so a visitor can follow an article's steps in the app. It opens beside the button wherever the page
 * put the button (`corner`, or its own `::part(launcher)` rules): above it when the button is in the lower
 * half of the window, below it otherwise, on the button's outer edge, as tall as there is room for. On a
 * screen 640 px wide or less it fills the screen and is modal, so nothing under it takes focus.
 */
import { Modal, type ModalHost } from "./modal.js";

// Plain text (the build minifies css`` templates); adopted into the element's shadow root with the chunk.
const css = String.raw;
const launcherStyles = css`
  dialog {
    position: fixed; margin: 0; z-index: var(--hj-z, 1000); box-sizing: border-box;
    inset: var(--_top, auto) var(--_right, 20px) var(--_bottom, 80px) var(--_left, auto);
    width: min(var(--hj-width, 400px), 100vw - 24px); height: min(600px, var(--_room, 70vh));
    color: var(--_fg); background: var(--_bg); border: 1px solid var(--_line); border-radius: var(--_r);
    box-shadow: var(--hj-shadow, 0 8px 24px #0003);
  }
  .in { display: flex; flex-direction: column; height: 100%; box-sizing: border-box; }
  .in .area { flex: 1; margin-top: .5em; min-height: 0; overscroll-behavior: contain; }
  /* The box, and the close button beside it (not in it: a × in a search box reads as "clear"). */
  .top { display: flex; align-items: center; gap: .5em; }
  .top .box { flex: 1; }
  .top > button { border: 0; padding: .4em; }
  /* A short fade and rise (where @starting-style and transition-behavior exist; elsewhere none). */
  @media (prefers-reduced-motion: no-preference) {
    dialog { transition: opacity .15s, translate .15s, overlay .15s allow-discrete, display .15s allow-discrete; }
    dialog:not([open]) { opacity: 0; translate: 0 8px; }
    @starting-style { dialog[open] { opacity: 0; translate: 0 8px; } }
  }
  /* A phone gets the whole screen, the box at the top, the list scrolling under it. */
  @media (max-width: 640px) {
    dialog { inset: 0; width: 100%; max-width: none; height: 100dvh; max-height: none; border: 0; border-radius: 0; }
    dialog::backdrop { background: var(--hj-backdrop, #0007); }
    .in { padding: max(.75em, env(safe-area-inset-top)) max(.75em, env(safe-area-inset-right)) max(.75em, env(safe-area-inset-bottom)) max(.75em, env(safe-area-inset-left)); }
  }
`;

/** Room kept between the panel and the button, and between the panel and the window's edge. */
const GAP = 12;
const PHONE = "(max-width: 640px)";

export class Launcher extends Modal {
  private panel?: HTMLDialogElement;

  constructor(h: ModalHost) {
    super(h, launcherStyles);
  }

  /** Opened (this chunk's styles show it): placed beside the button, and kept there as the window changes. */
  opened(d: HTMLDialogElement) {
    if (!d.open || !d.isConnected) return;
    this.fit(d);
    this.panel = d;
    this.place();
    addEventListener("resize", this.place);
    super.opened(d);
  }

  /**
   * Modal on a phone (the page under the panel must not take focus), beside the page otherwise, as the
   * window is now: the entry opens it beside the page, and a tablet turned while it is open changes sides.
   * Closed and shown again at once, which the element's close handler takes for still open.
   */
  private fit(d: HTMLDialogElement) {
    const phone = matchMedia(PHONE).matches;
    if (phone === d.matches(":modal")) return;
    const focused = (this.h.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    d.close();
    if (phone) d.showModal();
    else d.show();
    (focused ?? this.h.renderRoot.querySelector("input"))?.focus();
  }

  unlock() {
    removeEventListener("resize", this.place);
    this.panel = undefined;
    super.unlock();
  }

  /**
   * Beside the button: above it when it sits in the lower half of the window (below it otherwise), its
   * outer edge on the button's (right edges when the button is in the right half). Measured rather than
   * derived from `corner`, so a page that moves the button with its own styles moves the panel with it.
   */
  private place = () => {
    const d = this.panel;
    const button = this.h.renderRoot.querySelector("[part~=launcher]");
    if (!d?.open || !button) return;
    this.fit(d);
    const b = button.getBoundingClientRect();
    const up = b.top + b.bottom > innerHeight;
    const right = b.left + b.right > innerWidth;
    const set = (side: string, px: number | null) => d.style.setProperty(`--_${side}`, px === null ? "auto" : `${Math.max(0, Math.round(px))}px`);
    set("top", up ? null : b.bottom + GAP);
    set("bottom", up ? innerHeight - b.top + GAP : null);
    set("left", right ? null : b.left);
    set("right", right ? innerWidth - b.right : null);
    set("room", (up ? b.top : innerHeight - b.bottom) - 2 * GAP);
  };
}
