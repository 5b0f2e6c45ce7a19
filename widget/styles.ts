import { css } from "lit";

/**
 * Every color goes through a `--hj-*` custom property with a light-dark() default, so one rule serves light,
 * dark (`prefers-color-scheme` via color-scheme) and the `theme` attribute. `all: initial` keeps the page's
 * inherited text styles out; the shadow root keeps these rules in.
 */
export const styles = css`
  :host {
    all: initial;
    display: block;
    color-scheme: light dark;
    --_fg: var(--hj-fg, light-dark(#1f2328, #e6e8eb));
    --_bg: var(--hj-bg, light-dark(#fff, #1c1e22));
    --_muted: var(--hj-muted, light-dark(#57606a, #9ea7b0));
    --_line: var(--hj-border, light-dark(#c9d1d9, #41464e));
    --_accent: var(--hj-accent, light-dark(#0b57d0, #8ab4f8));
    --_active: var(--hj-active-bg, light-dark(#e8f0fe, #2c3647));
    --_mark: var(--hj-mark-bg, light-dark(#fff0a0, #5c4d00));
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
  .panel, .in { display: flex; flex-direction: column; }
  .box {
    display: flex; align-items: center; gap: .5em; padding: 0 .75em;
    border: 1px solid var(--_line); border-radius: var(--_r); background: var(--_bg);
  }
  .box:focus-within { outline: 2px solid var(--_accent); outline-offset: -1px; }
  input { flex: 1; min-width: 0; padding: .6em 0; border: 0; outline: 0; background: none; color: inherit; font: inherit; }
  input::placeholder { color: var(--_muted); opacity: 1; }
  svg { width: 1.1em; height: 1.1em; flex: none; fill: none; stroke: currentColor; stroke-width: 2; color: var(--_muted); }
  [dir="rtl"] .flip { transform: scaleX(-1); }
  button {
    display: inline-flex; align-items: center; gap: .4em; padding: .35em .8em; cursor: pointer;
    font: inherit; color: inherit; background: var(--_bg); border: 1px solid var(--_line); border-radius: var(--_r);
  }
  :focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
  input:focus-visible { outline: 0; }
  a { color: var(--_accent); }
  kbd { font: inherit; font-size: .8em; padding: 0 .4em; border: 1px solid var(--_line); border-radius: 4px; color: var(--_muted); }
  .area { overflow: auto; background: var(--_bg); }
  .inline .area {
    position: absolute; inset-inline: 0; top: calc(100% + 4px); z-index: var(--hj-z, 1000);
    max-height: var(--hj-max-height, min(70vh, 480px));
    border: 1px solid var(--_line); border-radius: var(--_r); box-shadow: var(--hj-shadow, 0 8px 24px #0003);
  }
  .panel .area { flex: 1; margin-top: .5em; }
  .msg { margin: 0; padding: .75em; color: var(--_muted); }
  .msg button, .msg a { margin-inline-start: .5em; }
  .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  dialog {
    padding: 0; margin-top: 10vh; width: min(var(--hj-width, 640px), 100vw - 2em); max-height: min(80vh, 720px);
    color: var(--_fg); background: var(--_bg); border: 1px solid var(--_line); border-radius: var(--_r);
    box-shadow: var(--hj-shadow, 0 8px 24px #0003);
  }
  dialog::backdrop { background: var(--hj-backdrop, #0007); }
  .in { max-height: inherit; padding: .75em; box-sizing: border-box; }
  .in .area { margin-top: .5em; min-height: 0; overscroll-behavior: contain; }
  .in .box button { border: 0; padding: .25em; }
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
  /* A touch screen has no keyboard to press the shortcut with. */
  @media (pointer: coarse) { kbd { display: none; } }
`;
