/**
 * mode="launcher": a floating help button in a corner of the window that opens a panel beside the page.
 * The button is the entry's; the panel's look and placement come with launcher.ts, fetched only when
 * someone is about to use it.
 */
import {
  $,
  applyAsIf,
  assert,
  cleanup,
  equal,
  focused,
  input,
  mount,
  noSeriousA11yViolations,
  options,
  press,
  search,
  setViewport,
  sleep,
  until,
  visible,
} from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";
document.title = "hj-search launcher";

const button = (el: Element) => $<HTMLButtonElement>(el, "[part~=launcher]")!;
const panel = (el: Element) => $<HTMLDialogElement>(el, "dialog")!;
/** Open, with the launcher chunk's look (its shadow) on it. */
const shown = (el: Element) => panel(el).open && getComputedStyle(panel(el)).opacity === "1" && getComputedStyle(panel(el)).boxShadow !== "none";
/** The launcher's panel code, as the page fetched it (its source module here; in the build, dialogs.ts's chunk: dist.test.ts). */
const fetchedChunk = () => performance.getEntriesByType("resource").some((e) => /\/launcher\.(ts|js)$/.test(new URL(e.name).pathname));
const start = location.href;

/** Distances from the button to the window's edges (the page's scrollbar, if any, not counted). */
function gaps(el: Element) {
  const r = button(el).getBoundingClientRect();
  const w = document.documentElement.clientWidth;
  const h = document.documentElement.clientHeight;
  return { left: Math.round(r.left), right: Math.round(w - r.right), top: Math.round(r.top), bottom: Math.round(h - r.bottom) };
}

describe("<hj-search mode=launcher>", () => {
  let before: HTMLButtonElement;
  beforeEach(() => {
    before = Object.assign(document.createElement("button"), { textContent: "page button" });
    document.body.prepend(before);
  });
  afterEach(() => {
    before.remove();
    cleanup();
    history.replaceState(null, "", start);
  });

  // First in the file: the chunk must not have been fetched by anything before it.
  it("is a named help button in the bottom-end corner, collapsed, whose chunk comes only when someone reaches for it", async () => {
    const el = await mount({ mode: "launcher" });
    const b = button(el);
    assert(visible(b), "the button is shown");
    equal(b.tagName, "BUTTON", "a real button");
    equal(b.type, "button", "that submits nothing");
    equal(b.textContent!.trim(), "Help", "named by its visible text");
    equal(b.getAttribute("aria-expanded"), "false", "collapsed");
    equal(b.getAttribute("aria-haspopup"), "dialog", "announces a dialog");
    equal(el.shadowRoot!.getElementById(b.getAttribute("aria-controls")!), panel(el), "controls the panel");
    assert(!panel(el).open, "the panel starts closed");
    const g = gaps(el);
    assert(g.right === 20 && g.bottom === 20, `bottom right, 20px in: ${JSON.stringify(g)}`);
    await sleep(300);
    assert(!fetchedChunk(), "the launcher's chunk is not fetched at load");
    assert(!options(el).length, "nor anything searched");
    b.dispatchEvent(new PointerEvent("pointerenter"));
    await until(fetchedChunk, "the chunk fetched once the pointer reaches the button");
  });

  it("takes its corner from the corner attribute, start and end following the UI's direction", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ corner: "bottom-start" }, "left bottom"],
      [{ corner: "top-end" }, "right top"],
      [{ corner: "top-start" }, "left top"],
      [{ lang: "ar" }, "left bottom"],
      [{ lang: "ar", corner: "top-start" }, "right top"],
    ];
    for (const [attrs, where] of cases) {
      const el = await mount({ mode: "launcher", ...attrs });
      const g = gaps(el);
      const [x, y] = where.split(" ") as Array<keyof typeof g>;
      assert(g[x] === 20 && g[y] === 20, `${JSON.stringify(attrs)}: ${where}, 20px in: ${JSON.stringify(g)}`);
      cleanup();
    }
  });

  it("opens with Enter or Space, focus in the box; Escape closes it and focus is back on the button", async () => {
    const el = await mount({ mode: "launcher" });
    const b = button(el);
    for (const key of ["Enter", " "]) {
      b.focus();
      await press(key);
      await until(() => shown(el), `${JSON.stringify(key)} opens the panel`);
      equal(b.getAttribute("aria-expanded"), "true", "expanded");
      await until(() => focused() === input(el), "focus in the search box");
      await press("Escape");
      await until(() => !panel(el).open, "Escape closes it");
      await until(() => focused() === b, "focus back on the button");
      equal(b.getAttribute("aria-expanded"), "false", "collapsed again");
    }
  });

  it("opens beside the page, over the button, not modal; the button and the close button close it", async () => {
    const el = await mount({ mode: "launcher" });
    button(el).click();
    await until(() => shown(el), "open");
    const d = panel(el);
    assert(!d.matches(":modal"), "not modal: the page stays usable beside it");
    const p = d.getBoundingClientRect();
    const b = button(el).getBoundingClientRect();
    assert(p.bottom <= b.top, `above the button (${p.bottom} ≤ ${b.top})`);
    assert(Math.abs(p.right - b.right) < 1, `on the button's outer edge (${p.right} vs ${b.right})`);
    assert(p.top >= 0 && p.left >= 0, `on screen: ${JSON.stringify(p)}`);
    // The page is usable: a click on it lands there, and the panel stays open.
    before.focus();
    before.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, composed: true }));
    before.click();
    await sleep(50);
    assert(d.open, "a click in the page leaves it open");
    equal(document.activeElement, before, "and focus where the visitor put it");
    // Closed from the host's code while the visitor works in the page: focus stays in the page.
    el.close();
    await until(() => !d.open, "close() closes it");
    await sleep(50);
    equal(document.activeElement, before, "focus left in the page");
    button(el).click();
    await until(() => d.open, "open again");
    button(el).click();
    await until(() => !d.open, "the button closes it too");
    button(el).click();
    await until(() => shown(el), "and opens it");
    $<HTMLButtonElement>(el, "[part~=close]")!.click();
    await until(() => !d.open, "the close button closes it");
  });

  it("opens under the button in a top corner", async () => {
    const el = await mount({ mode: "launcher", corner: "top-start" });
    button(el).click();
    await until(() => shown(el), "open");
    const p = panel(el).getBoundingClientRect();
    const b = button(el).getBoundingClientRect();
    assert(p.top >= b.bottom, `under the button (${p.top} ≥ ${b.bottom})`);
    assert(Math.abs(p.left - b.left) < 1, `on the button's outer edge (${p.left} vs ${b.left})`);
    assert(p.bottom <= innerHeight, "within the window");
  });

  it("searches, reads, and works through the JavaScript API and deep links", async () => {
    const el = await mount({ mode: "launcher", "deep-link": "" });
    el.open();
    await until(() => shown(el) && options(el).length > 0, "open() opens the panel on the empty box's lists");
    await search(el, "invoice");
    await press("ArrowDown");
    await press("Enter");
    await until(() => focused() === $(el, "[part~=heading]"), "the reader, its title focused");
    await until(() => /^#hj-article=\d+$/.test(location.hash), "the article in the URL");
    el.close();
    await until(() => !panel(el).open, "close()");
    el.search("password");
    await until(() => panel(el).open && input(el).value === "password" && options(el).length > 0, "search(q) opens it with results");
    el.close();
    await el.openArticle(16);
    await until(() => panel(el).open && $(el, "[part~=heading]")?.textContent?.trim() === "Understanding your invoice", "openArticle(id)");
    el.close();
    cleanup();
    // A link into the widget opens the panel there on load.
    history.replaceState(null, "", "#hj-article=16");
    const linked = await mount({ mode: "launcher", "deep-link": "" });
    await until(() => panel(linked).open && $(linked, "[part~=heading]")?.textContent?.trim() === "Understanding your invoice", "the linked article in the panel");
    equal(button(linked).getAttribute("aria-expanded"), "true", "the button says so");
  });

  it("is never printed", async () => {
    const el = await mount({ mode: "launcher" });
    button(el).click();
    await until(() => shown(el), "open");
    // No driver emulates print in every engine: the rules under @media print, applied as if printing.
    applyAsIf(el, /^print$/);
    assert(!visible(button(el)), "no button on paper");
    assert(!visible(panel(el)), "no panel on paper");
  });

  it("passes axe: closed, open with the empty box's lists, results, the reader", async () => {
    const el = await mount({ mode: "launcher", context: "invoice" });
    await noSeriousA11yViolations("launcher closed");
    button(el).focus();
    await press("Enter");
    await until(() => shown(el) && options(el).length > 0, "open with lists");
    await noSeriousA11yViolations("launcher open");
    await search(el, "password");
    await press("ArrowDown");
    await noSeriousA11yViolations("launcher results");
    await press("Enter");
    await until(() => focused() === $(el, "[part~=heading]"), "reader");
    await noSeriousA11yViolations("launcher reader");
  });
});

describe("<hj-search mode=launcher> on a phone (390×844)", () => {
  beforeEach(async () => {
    await setViewport({ width: 390, height: 844 });
  });
  afterEach(async () => {
    cleanup();
    await setViewport({ width: 800, height: 600 });
  });

  it("fills the screen, modal, with the box at the top; Escape gives focus back to the button", async () => {
    const el = await mount({ mode: "launcher" });
    button(el).focus();
    await press("Enter");
    await until(() => shown(el) && panel(el).matches(":modal"), "open, and modal on a phone");
    const d = panel(el).getBoundingClientRect();
    equal(Math.round(d.left), 0, "from the left edge");
    equal(Math.round(d.top), 0, "from the top edge");
    equal(Math.round(d.width), innerWidth, "as wide as the screen");
    equal(Math.round(d.height), innerHeight, "as tall as the screen");
    await until(() => focused() === input(el), "focus in the box");
    const top = $(el, "[part~=search]")!.getBoundingClientRect().top;
    assert(top >= 0 && top < 40, `the box at the top: ${top}`);
    await press("Escape");
    await until(() => !panel(el).open, "closed");
    await until(() => focused() === button(el), "focus back on the button");
  });

  it("turned while open (a tablet): modal when the screen is narrow, beside the page again when it is wide, focus kept", async () => {
    await setViewport({ width: 800, height: 600 });
    const el = await mount({ mode: "launcher" });
    button(el).focus();
    await press("Enter");
    await until(() => shown(el) && !panel(el).matches(":modal") && focused() === input(el), "open beside the page");
    await setViewport({ width: 390, height: 844 });
    await until(() => panel(el).open && panel(el).matches(":modal"), "modal once narrow");
    equal(focused(), input(el), "focus still in the box");
    await setViewport({ width: 800, height: 600 });
    await until(() => panel(el).open && !panel(el).matches(":modal"), "beside the page once wide");
    equal(focused(), input(el), "focus still in the box");
    await press("Escape");
    await until(() => !panel(el).open, "closed");
    await until(() => focused() === button(el), "focus back on the button");
  });

  it("passes axe open", async () => {
    const el = await mount({ mode: "launcher" });
    (el as HjSearch).open();
    await until(() => shown(el) && options(el).length > 0, "open with lists");
    await noSeriousA11yViolations("launcher on a phone");
  });
});
