/**
 * The modal on a phone: a full-screen sheet with the box at the top, the page behind held still and put
 * back where it was, no shortcut hint on a touch screen, motion only for those who have not asked for less.
 */
import { $, applyAsIf, assert, cleanup, equal, focused, mount, noSeriousA11yViolations, press, rulesUnder, search, setViewport, sheets, until, visible } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";
document.title = "hj-search phone sheet";

const dialog = (el: Element) => $<HTMLDialogElement>(el, "dialog")!;
/** Open, and shown: its styles come with the modal's chunk (modal.ts), which may come just after it opens. */
const shown = (el: Element) => dialog(el).open && getComputedStyle(dialog(el)).opacity !== "0";

describe("the modal on a phone (390×844)", () => {
  let tall: HTMLElement;
  beforeEach(async () => {
    await setViewport({ width: 390, height: 844 });
    tall = Object.assign(document.createElement("div"), { textContent: "a long page" });
    tall.style.height = "4000px";
    document.body.append(tall);
  });
  afterEach(async () => {
    cleanup();
    tall.remove();
    scrollTo(0, 0);
    await setViewport({ width: 800, height: 600 });
  });

  it("is a full-screen sheet with the search box at the top and the list scrolling under it", async () => {
    const el = await mount({ mode: "modal" });
    el.show();
    await until(() => shown(el), "open");
    const d = dialog(el).getBoundingClientRect();
    equal(Math.round(d.left), 0, "sheet from the left edge");
    equal(Math.round(d.top), 0, "sheet from the top edge");
    equal(Math.round(d.width), innerWidth, "sheet as wide as the screen");
    equal(Math.round(d.height), innerHeight, "sheet as tall as the screen (100dvh)");
    await search(el, "account", 3);
    const box = $(el, "[part~=search]")!;
    const top = box.getBoundingClientRect().top;
    assert(top >= 0 && top < 40, `the box at the top: ${top}`);
    const area = $(el, "[part~=popup]")!;
    area.scrollTop = 10_000;
    equal(box.getBoundingClientRect().top, top, "the box stays put while the list scrolls");
    assert(area.getBoundingClientRect().bottom <= innerHeight + 1, "the list ends on screen");
  });

  it("holds the page still while open and puts it back where it was after", async () => {
    const el = await mount({ mode: "modal" });
    scrollTo(0, 700);
    await until(() => scrollY === 700, "page scrolled");
    const was = getComputedStyle(document.documentElement).overflow;
    el.show();
    await until(() => shown(el), "open");
    equal(getComputedStyle(document.documentElement).overflow, "hidden", "the page cannot scroll behind the sheet");
    await search(el, "password");
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(el, "[part~=heading]"), "reader");
    await press("Escape");
    await until(() => !dialog(el).open, "closed");
    await until(() => getComputedStyle(document.documentElement).overflow === was, () => `the page scrolls again (overflow ${getComputedStyle(document.documentElement).overflow}, was ${was})`);
    equal(document.documentElement.style.overflow, "", "the page's own inline style is back as it was");
    equal(scrollY, 700, "at the same place");
  });

  for (const theme of ["light", "dark"] as const) {
    it(`passes axe with results and with the reader (${theme})`, async () => {
      const el = await mount({ mode: "modal", theme });
      el.show();
      await until(() => dialog(el).open, "open");
      await search(el, "invoice");
      await press("ArrowDown");
      await noSeriousA11yViolations(`phone sheet, results, ${theme}`);
      await press("Enter");
      await until(() => focused() === $(el, "[part~=heading]"), "reader");
      await noSeriousA11yViolations(`phone sheet, reader, ${theme}`);
    });
  }
});

describe("touch screens and motion", () => {
  afterEach(cleanup);

  it("shows no shortcut hint, and no key-hint footer, on a touch screen (pointer: coarse)", async () => {
    const el = await mount({ mode: "modal" });
    el.show();
    await until(() => $(el, "[part~=footer]"), "the footer, with the search chunk");
    assert(visible($(el, "[part~=hotkey]")), "a hint with a mouse");
    assert(visible($(el, "[part~=footer]")), "a footer with a mouse");
    applyAsIf(el, /pointer:\s*coarse/);
    assert(!visible($(el, "[part~=hotkey]")), "no hotkey hint on touch");
    assert(!visible($(el, "[part~=footer]")), "no key hints on touch");
  });

  it("moves the dialog only when motion is welcome (prefers-reduced-motion)", async () => {
    const el = await mount({ mode: "modal" });
    el.show();
    await until(() => shown(el), "shown");
    // Every transition the element declares sits under prefers-reduced-motion: no-preference.
    const moving = rulesUnder(el, /prefers-reduced-motion:\s*no-preference/).filter((r) => /transition/.test(r.cssText));
    assert(moving.some((r) => /dialog/.test(r.cssText)), "the dialog has an open and close transition");
    const all: string[] = [];
    const walk = (rules: CSSRuleList, ok: boolean) => {
      for (const r of rules)
        if (r instanceof CSSMediaRule) walk(r.cssRules, ok || /no-preference/.test(r.conditionText ?? r.media.mediaText));
        else if (/(^|[\s;{])transition:(?!\s*initial)/.test(r.cssText) && !ok) all.push(r.cssText);
    };
    for (const s of sheets(el)) walk(s.cssRules, false);
    equal(all.join(" "), "", "no transition outside prefers-reduced-motion: no-preference");
    const d = getComputedStyle(dialog(el));
    const wanted = matchMedia("(prefers-reduced-motion: no-preference)").matches;
    equal(parseFloat(d.transitionDuration) > 0, wanted, "the dialog's transition follows the user's setting");
  });
});
