import type { ReactiveControllerHost } from "lit";

export interface ComboboxHost extends ReactiveControllerHost {
  /** How many options the listbox has (shown or not). */
  readonly optionCount: number;
  /** Open option `index` (Enter or click). */
  choose(index: number): void;
  /** Enter with no active option: search now instead of waiting for the debounce. */
  submit(): void;
  /** Escape once the list is closed: clear the box, close the dialog… the host knows what comes next. */
  escape(e: KeyboardEvent): void;
}

/**
 * The keyboard half of the WAI-ARIA 1.2 combobox ("list autocomplete" in the APG): DOM focus stays on the
 * input, `active` is the option that aria-activedescendant names. Nothing here reacts while an IME
 * composition is open, because there Enter and the arrows belong to the input method.
 */
export class Combobox {
  active = -1;
  open = false;
  composing = false;

  constructor(private host: ComboboxHost) {}

  set(open: boolean, active = -1) {
    this.open = open;
    this.active = open ? active : -1;
    this.host.requestUpdate();
  }

  onComposition = (e: CompositionEvent) => {
    this.composing = e.type === "compositionstart";
  };

  onKeyDown = (e: KeyboardEvent) => {
    // keyCode 229 is what Chromium and Safari report for keys the IME consumed.
    if (e.isComposing || this.composing || e.keyCode === 229) return;
    const n = this.host.optionCount;
    const { active, open } = this;
    let next: number | undefined;
    switch (e.key) {
      case "ArrowDown":
        next = e.altKey ? active : !open || active >= n - 1 ? 0 : active + 1;
        break;
      case "ArrowUp":
        if (e.altKey) return stop(e, this.set(false));
        next = !open || active <= 0 ? n - 1 : active - 1;
        break;
      // Only while an option is active: otherwise Home/End keep moving the caret in the text.
      case "Home":
      case "End":
        if (!open || active < 0) return;
        next = e.key === "Home" ? 0 : n - 1;
        break;
      case "Enter":
        if (open && active >= 0 && active < n) return stop(e, this.host.choose(active));
        return stop(e, this.host.submit());
      case "Escape":
        if (open) return stop(e, this.set(false));
        return this.host.escape(e);
      default:
        return;
    }
    if (n === 0) return;
    stop(e, this.set(true, next));
  };

}

/** Handled here: the key goes no further (the trailing argument lets a call site act and stop in one line). */
export function stop(e: Event, _?: unknown) {
  e.preventDefault();
  e.stopPropagation();
}
