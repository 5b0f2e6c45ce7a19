/**
 * The combobox's state, which the element renders from (aria-expanded, aria-activedescendant, the popup
 * shown or not). It is the element's own: the box opens and closes before the keys below are loaded.
 */
export interface ComboboxState {
  active: number;
  open: boolean;
  composing: boolean;
  set(open: boolean, active?: number): void;
}

export interface ComboboxHost {
  readonly cb: ComboboxState;
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
 * composition is open, because there Enter and the arrows belong to the input method. In the search chunk
 * (results.ts): before it there are no options for the keys to move through.
 */
export function comboboxKey(host: ComboboxHost, e: KeyboardEvent) {
  const cb = host.cb;
  // keyCode 229 is what Chromium and Safari report for keys the IME consumed.
  if (e.isComposing || cb.composing || e.keyCode === 229) return;
  const n = host.optionCount;
  const { active, open } = cb;
  let next: number | undefined;
  switch (e.key) {
    case "ArrowDown":
      next = e.altKey ? active : !open || active >= n - 1 ? 0 : active + 1;
      break;
    case "ArrowUp":
      if (e.altKey) return stop(e, cb.set(false));
      next = !open || active <= 0 ? n - 1 : active - 1;
      break;
    // Only while an option is active: otherwise Home/End keep moving the caret in the text.
    case "Home":
    case "End":
      if (!open || active < 0) return;
      next = e.key === "Home" ? 0 : n - 1;
      break;
    case "Enter":
      if (open && active >= 0 && active < n) return stop(e, host.choose(active));
      return stop(e, host.submit());
    case "Escape":
      if (open) return stop(e, cb.set(false));
      return host.escape(e);
    default:
      return;
  }
  if (n === 0) return;
  stop(e, cb.set(true, next));
}

/** Handled here: the key goes no further (the trailing argument lets a call site act and stop in one line). */
export function stop(e: Event, _?: unknown) {
  e.preventDefault();
  e.stopPropagation();
}
