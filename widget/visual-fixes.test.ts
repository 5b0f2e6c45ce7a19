/**
 * What the screenshots showed wrong, as a user sees it: Helpjuice callouts as boxes in the reader, the
 * category chip beside its title right to left, the modal's key hints in the reader, and a Ctrl+K pressed
 * before the widget had its text.
 */
import { $, $$, assert, cleanup, equal, focused, input, mount, noSeriousA11yViolations, options, press, search, stack, until, visible } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";
document.title = "hj-search visual fixes";

/** Opens the result titled like `title` of a search for `q` by keyboard; resolves once its heading has focus. */
async function open(el: HjSearch, q: string, title: RegExp) {
  // A search for something else: typed over what the box held.
  input(el).select();
  await search(el, q);
  const titles = () => options(el).map((o) => o.querySelector("[part~=title]")!.textContent!.trim());
  // The list may still be the last search's for a moment.
  const i = await until(() => titles().findIndex((t) => title.test(t)) + 1, () => `${title} among the results for "${q}" (${titles()})`) - 1;
  for (let k = 0; k <= i; k++) await press("ArrowDown");
  await press("Enter");
  await until(() => title.test($(el, "[part~=heading]")?.textContent?.trim() ?? "") && focused() === $(el, "[part~=heading]"), `${title} in the reader`);
  return $(el, "[part~=body]")!;
}

type RGBA = [number, number, number, number];

/**
 * A computed colour as sRGB 0–255 and alpha 0–1. Engines serialise color-mix() as `color(srgb …)` and the
 * rest as rgb()/rgba(); anything else goes through a canvas.
 */
function rgba(c: string): RGBA {
  const num = (s: string) => (s.endsWith("%") ? parseFloat(s) / 100 : parseFloat(s));
  let m = /^rgba?\(([^)]+)\)$/.exec(c);
  if (m) {
    const [r, g, b, a = "1"] = m[1].split(/[\s,/]+/).filter(Boolean);
    return [parseFloat(r), parseFloat(g), parseFloat(b), num(a)];
  }
  m = /^color\(srgb ([^)]+)\)$/.exec(c);
  if (m) {
    const [r, g, b, a = "1"] = m[1].split(/[\s/]+/).filter(Boolean);
    return [num(r) * 255, num(g) * 255, num(b) * 255, num(a)];
  }
  const x = document.createElement("canvas").getContext("2d")!;
  x.fillStyle = c;
  x.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = x.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

const luminance = ([r, g, b]: RGBA) => {
  const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (a: RGBA, b: RGBA) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const same = (a: RGBA, b: RGBA) => a.every((v, i) => Math.abs(v - b[i]) < (i === 3 ? 0.02 : 2));
const css = (e: Element) => getComputedStyle(e);

describe("callouts in the reader", () => {
  afterEach(cleanup);

  for (const scheme of ["light", "dark"] as const) {
    it(`a warning and a note are tinted boxes with a coloured rule at their start, readable (${scheme})`, async () => {
      const el = await mount({ mode: "panel", theme: scheme });
      el.style.height = "700px";
      const page = rgba(css($(el, "[part~=popup]")!).backgroundColor);
      const fg = rgba(css(el).color);
      assert(page[3] === 1, `the reader has an opaque background: ${page}`);

      let body = await open(el, "api key", /^Create an API key$/);
      const warning = await until(() => body.querySelector(".helpjuice-callout-warning"), "the article's warning callout");
      const p = [...body.querySelectorAll(":scope > p")][0];
      assert(p && !p.closest(".helpjuice-callout"), "a plain paragraph to compare with");

      // A paragraph is text on the page; the callout is a box.
      const w = css(warning);
      const wBg = rgba(w.backgroundColor);
      equal(rgba(css(p).backgroundColor)[3], 0, "a paragraph has no background of its own");
      equal(parseFloat(css(p).borderLeftWidth), 0, "nor a rule");
      assert(wBg[3] === 1 && !same(wBg, page), `the callout is tinted: ${w.backgroundColor} on ${css($(el, "[part~=popup]")!).backgroundColor}`);
      assert(parseFloat(w.borderLeftWidth) >= 3 && w.borderLeftStyle === "solid", `a rule at the start (left): ${w.borderLeft}`);
      equal(parseFloat(w.borderRightWidth), 0, "no rule at the end");
      assert(parseFloat(w.paddingLeft) >= 8 && parseFloat(w.paddingTop) >= 4, `padding: ${w.padding}`);
      assert(parseFloat(w.borderTopLeftRadius) > 0, `rounded: ${w.borderRadius}`);
      assert(warning.getBoundingClientRect().left >= body.getBoundingClientRect().left - 1, "the box stays within the reader");
      // Its text is as readable as the page's, and the rule stands out from both the box and the page.
      assert(contrast(fg, wBg) >= 4.5, `text contrast ${contrast(fg, wBg).toFixed(2)} ≥ 4.5`);
      const wRule = rgba(w.borderLeftColor);
      assert(contrast(wRule, wBg) >= 3 && contrast(wRule, page) >= 3, `rule contrast ${contrast(wRule, wBg).toFixed(2)}, ${contrast(wRule, page).toFixed(2)} ≥ 3`);
      // Amber: more red than blue.
      assert(wRule[0] > wRule[2] + 60, `a warning is amber: ${w.borderLeftColor}`);
      if (scheme === "dark") assert(luminance(wBg) < 0.1, `a dark box in dark mode: ${w.backgroundColor}`);
      else assert(luminance(wBg) > 0.7, `a light box in light mode: ${w.backgroundColor}`);
      await noSeriousA11yViolations(`reader with a warning callout, ${scheme}`);

      // A note (info) is blue, a callout of no kind neutral.
      await press("Escape");
      await until(() => options(el).length > 0 && !$(el, "[part~=reader]"), "back to the list");
      body = await open(el, "email address", /^Change your email address$/);
      const info = await until(() => body.querySelector(".helpjuice-callout-info"), "the article's info callout");
      const iRule = rgba(css(info).borderLeftColor);
      const iBg = rgba(css(info).backgroundColor);
      assert(iRule[2] > iRule[0] + 60, `a note is blue: ${css(info).borderLeftColor}`);
      assert(!same(iRule, wRule) && !same(iBg, wBg), "its colours are not the warning's");
      assert(contrast(fg, iBg) >= 4.5 && contrast(iRule, iBg) >= 3, "readable");
      body.insertAdjacentHTML("beforeend", '<div class="helpjuice-callout" id="plain"><p>Good to know.</p></div>');
      const plain = rgba(css(body.querySelector("#plain")!).borderLeftColor);
      assert(Math.max(...plain.slice(0, 3)) - Math.min(...plain.slice(0, 3)) < 40, `a plain callout is neutral: ${plain}`);
      assert(parseFloat(css(body.querySelector("#plain")!).borderLeftWidth) >= 3, "with its rule too");
    });
  }

  it("in a right-to-left article the rule is on the right", async () => {
    const el = await mount({ mode: "panel", lang: "ar" });
    el.style.height = "600px";
    const body = await open(el, "api key", /^Create an API key$/);
    body.insertAdjacentHTML("beforeend", '<div class="helpjuice-callout helpjuice-callout-warning" dir="rtl" id="ar"><p>احذف المفتاح فورًا إذا تسرّب.</p></div>');
    const s = css(body.querySelector("#ar")!);
    assert(parseFloat(s.borderRightWidth) >= 3, `a rule on the right: ${s.borderRight}`);
    equal(parseFloat(s.borderLeftWidth), 0, "none on the left");
  });
});

describe("category chip", () => {
  afterEach(cleanup);

  /** Where each option's title text starts and where its chip is, in px from the option's left. */
  const layout = (el: HjSearch) =>
    options(el)
      .filter((o) => o.querySelector("[part~=category]"))
      .map((o) => {
        const box = o.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(o.querySelector("[part~=title]")!);
        const text = range.getClientRects()[0];
        const chip = o.querySelector("[part~=category]")!.getBoundingClientRect();
        return { title: o.querySelector("[part~=title]")!.textContent!.trim(), box, text, chip };
      });

  it("in an Arabic UI, under English titles, sits on the left where its title starts", async () => {
    const el = await mount({ mode: "panel", lang: "ar" });
    el.style.height = "600px";
    await search(el, "password", 2);
    equal(css(input(el)).direction, "rtl", "the UI is right to left");
    const rows = await until(() => {
      const l = layout(el);
      return l.length >= 2 ? l : null;
    }, "results with categories");
    for (const { title, box, text, chip } of rows) {
      assert(Math.abs(chip.left - text.left) <= 2, `"${title}": chip at ${chip.left - box.left}px, title starts at ${text.left - box.left}px`);
      assert(chip.right < box.left + box.width / 2, `"${title}": the chip is on the title's (left) side, not across the option`);
    }
  });

  it("in an English UI it stays at the start of its title", async () => {
    const el = await mount({ mode: "panel" });
    el.style.height = "600px";
    await search(el, "password", 2);
    const rows = await until(() => {
      const l = layout(el);
      return l.length >= 2 ? l : null;
    }, "results with categories");
    for (const { title, text, chip } of rows) assert(Math.abs(chip.left - text.left) <= 2, `"${title}": chip under the title's start`);
  });
});

describe("the modal's key hints in the reader", () => {
  afterEach(cleanup);

  const hints = (el: HjSearch) => $(el, "[part~=footer]")?.textContent?.replace(/\s+/g, " ").trim() ?? "";
  const keys = (el: HjSearch) => $$(el, "[part~=footer] kbd").map((k) => k.textContent!.trim());

  it("say how to go back and close there, not Enter to open; the list's come back with the list", async () => {
    const el = await mount({ mode: "modal" });
    el.show();
    await until(() => $<HTMLDialogElement>(el, "dialog")!.open && focused() === input(el), "the modal open");
    await search(el, "api key");
    await until(() => /to open/.test(hints(el)), "the list's hints");
    await press("ArrowDown");
    await press("Enter");
    await until(() => focused() === $(el, "[part~=heading]"), "the article in the reader");
    const footer = await until(() => (/to go back/.test(hints(el)) ? $(el, "[part~=footer]") : null), () => `the reader's hints, not "${hints(el)}"`);
    assert(visible(footer), "shown");
    assert(!/Enter|to open|navigate/.test(hints(el)), `nothing about opening: "${hints(el)}"`);
    assert(/to close/.test(hints(el)), `Esc still closes: "${hints(el)}"`);
    assert(keys(el).includes("Esc") && keys(el).includes("←") && keys(el).some((k) => k === "Alt" || k === "⌥"), `the keys: ${keys(el)}`);

    // The hint is true: Alt+← goes back, and the list's hints return.
    await press("Alt+ArrowLeft");
    await until(() => options(el).length > 0 && !$(el, "[part~=reader]"), "back to the list");
    await until(() => /to open/.test(hints(el)) && !/to go back/.test(hints(el)), () => `the list's hints again, not "${hints(el)}"`);
    assert($<HTMLDialogElement>(el, "dialog")!.open, "the modal stayed open");
  });

  it("are in the page's language", async () => {
    const el = await mount({ mode: "modal", lang: "ar" });
    el.show();
    await until(() => $<HTMLDialogElement>(el, "dialog")!.open, "the modal open");
    await search(el, "password");
    await press("ArrowDown");
    await press("Enter");
    await until(() => focused() === $(el, "[part~=heading]"), "the article in the reader");
    await until(() => /للرجوع/.test(hints(el)) && /للإغلاق/.test(hints(el)), () => `Arabic reader hints, not "${hints(el)}"`);
    assert(!/للفتح/.test(hints(el)), "not the list's");
  });
});

describe("the hotkey before the widget's text is in", () => {
  const made: HTMLElement[] = [];
  afterEach(() => {
    made.splice(0).forEach((e) => e.remove());
    cleanup();
  });

  /** A modal `<hj-search>` in the page, not yet rendered (its language's text loads after this returns). */
  async function add(lang: string) {
    const { workerUrl } = await stack();
    const el = document.createElement("hj-search");
    el.setAttribute("endpoint", workerUrl);
    el.setAttribute("mode", "modal");
    el.setAttribute("lang", lang);
    document.body.append(el);
    made.push(el);
    return el;
  }

  it("a Ctrl+K before the first render opens the modal once it renders, in the page's language", async () => {
    const el = await add("ja");
    // Synchronous, so certainly before the first render: a keypress sent through the driver might not be.
    assert(!el.shadowRoot?.querySelector("[part~=base]"), "not rendered yet");
    const key = new KeyboardEvent("keydown", { key: "k", code: "KeyK", ctrlKey: true, bubbles: true, cancelable: true, composed: true });
    document.body.dispatchEvent(key);
    assert(key.defaultPrevented, "the browser's own Ctrl+K is kept from happening");
    await until(() => $<HTMLDialogElement>(el, "dialog")?.open, "the modal open");
    await until(() => focused() === input(el), "the search box focused");
    equal(input(el).placeholder, "ヘルプを検索…", "in Japanese, never English first");
  });

  it("a real Ctrl+K pressed as the widget arrives opens it", async () => {
    const el = await add("pt");
    // Whether the key lands before or after the text (the driver's round trip may be slower than the
    // language chunk), the user gets the modal.
    await press("Control+k");
    await until(() => $<HTMLDialogElement>(el, "dialog")?.open, "the modal open");
    await until(() => focused() === input(el), "the search box focused");
    await press("Escape");
    await until(() => !$<HTMLDialogElement>(el, "dialog")!.open, "Escape closes it");
  });
});
