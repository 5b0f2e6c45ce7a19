import { unsafeCSS } from "lit";

// Plain text through unsafeCSS (it is ours, and static): Lit's css tag would be one more function in the
// first load. The build minifies it all the same (a css`` template, see minifyTemplates).
const css = String.raw;

/**
 * Every color goes through a `--hj-*` custom property with a light-dark() default, so one rule serves light,
 * dark (`prefers-color-scheme` via color-scheme) and the `theme` attribute. `all: initial` keeps the page's
 * inherited text styles out; the shadow root keeps these rules in. Only what the closed box (or trigger)
 * and its first messages need: the chunks bring their own (the inline dropdown, the list and links with
 * results.ts, the dialog and the phone sheet with modal.ts, the launcher's panel with launcher.ts, the
 * article with reader.ts).
 */
export const styles = unsafeCSS(css`
  :host {
    all: initial;
    display: block;
    color-scheme: light dark;
    --_fg: var(--hj-fg, light-dark(#1f2328, #e6e8eb));
    --_bg: var(--hj-bg, light-dark(#fff, #1c1e22));
    --_muted: var(--hj-muted, light-dark(#57606a, #9ea7b0));
    --_line: var(--hj-border, light-dark(#c9d1d9, #41464e));
    --_accent: var(--hj-accent, light-dark(#0b57d0, #8ab4f8));
    --_r: var(--hj-radius, 8px);
    font: var(--hj-font-size, 15px) / 1.45 var(--hj-font, system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme="light"]) { color-scheme: light; }
  :host([theme="dark"]) { color-scheme: dark; }
  :host([mode="modal"]) { display: inline-block; }
  :host([mode="panel"]) { height: 100%; }
  [hidden] { display: none !important; }
  .base { position: relative; height: 100%; }
  .panel { display: flex; flex-direction: column; }
  .box {
    display: flex; align-items: center; gap: .5em; padding: 0 .75em;
    border: 1px solid var(--_line); border-radius: var(--_r); background: var(--_bg);
  }
  .box:focus-within { outline: 2px solid var(--_accent); outline-offset: -1px; }
  input { flex: 1; min-width: 0; padding: .6em 0; border: 0; outline: 0; background: none; color: inherit; font: inherit; }
  input::placeholder { color: var(--_muted); opacity: 1; }
  svg { width: 1.1em; height: 1.1em; flex: none; fill: none; stroke: currentColor; stroke-width: 2; color: var(--_muted); }
  button {
    display: inline-flex; align-items: center; gap: .4em; padding: .35em .8em; cursor: pointer;
    font: inherit; color: inherit; background: var(--_bg); border: 1px solid var(--_line); border-radius: var(--_r);
  }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  input:focus-visible { outline: 0; }
  kbd { font: inherit; font-size: .8em; padding: 0 .4em; border: 1px solid var(--_line); border-radius: 4px; color: var(--_muted); }
  .area { overflow: auto; background: var(--_bg); }
  .panel .area { flex: 1; margin-top: .5em; border: 1px solid var(--_line); border-radius: var(--_r); }
  .msg { margin: 0; padding: .75em; color: var(--_muted); }
  .msg button { margin-inline-start: .5em; }
  /*
   * The dialog's look comes with the modal's chunk; without it the browser's own dialog is plain but usable.
   * Unseen for a moment while that chunk is due (see show(); a keystroke meanwhile still lands in the box).
   * No padding on the dialog itself, so a click on it is on the backdrop (see onBackdrop).
   */
  .wait, .wait::backdrop { opacity: 0; }
  /* The launcher's panel is not modal, so not fixed on its own: on screen while unseen, or focus would scroll the page to it. */
  .wait { position: fixed; top: 0; }
  dialog { padding: 0; }
  .in { padding: .75em; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  /*
   * The launcher: a help button fixed in a corner of the window (corner="bottom-end" by default; start and
   * end follow the UI's direction), never printed. A page moves it with ::part(launcher); its panel opens
   * beside it wherever it is (launcher.ts, which brings the panel's look).
   */
  [part~="launcher"] {
    position: fixed; z-index: var(--hj-z, 1000); inset-block: auto 20px; inset-inline: auto 20px;
    padding: .6em 1em; border: 0; border-radius: 2em; background: var(--_accent); color: var(--_bg); box-shadow: var(--hj-shadow, 0 8px 24px #0003);
    --_muted: var(--_bg);
  }
  :host([corner^="top"]) [part~="launcher"] { inset-block: 20px auto; }
  :host([corner$="start"]) [part~="launcher"] { inset-inline: 20px auto; }
  @media print { .launcher { display: none; } }
  /* A touch screen has no keyboard to press the shortcut with. */
  @media (pointer: coarse) { kbd { display: none; } }
`);
