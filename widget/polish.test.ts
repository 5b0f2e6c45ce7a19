/** Popular articles in an empty box, the modal's key hints, the vote icons and the category labels. */
import { $, $$, assert, cleanup, equal, focused, input, mount, options, press, requests, search, settledRequests, sleep, until, visible } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";

const titles = (el: HjSearch) => options(el).map((o) => o.querySelector("[part~=title]")!.textContent!.trim());

describe("popular articles", () => {
  afterEach(cleanup);

  it("fill an empty panel from the start (no focus needed), from GET /v1/popular, and come back when the box is emptied", async () => {
    const before = (await settledRequests("/v1/popular")).length;
    const el = await mount({ mode: "panel" });
    el.style.height = "500px";
    // A panel is always on screen: a blank box until someone focuses it would be a blank panel.
    await until(() => options(el).length > 0, "popular articles before any focus");
    input(el).focus();
    // Resource Timing's entry lands a moment after the answer was read: polled.
    const asked = await until(async () => {
      const r = (await requests("/v1/popular")).slice(before);
      return r.length ? r : null;
    }, "the popular request");
    equal(asked.length, 1, "one request");
    equal(asked[0].searchParams.get("lang"), "en_US", "in the page's language");
    assert(options(el).length <= 5, "a few, not a page of them");
    equal($(el, "[part~=popular]")!.textContent!.trim(), "Popular articles", "a heading over them");
    equal(input(el).getAttribute("aria-expanded"), "true", "the combobox says its list is open");
    const popular = titles(el);

    // They are options like any: the arrows and Enter open one, Back comes back to it.
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(el, "[part~=heading]") && focused() === $(el, "[part~=heading]"), "the popular article in the reader");
    const read = $(el, "[part~=heading]")!.textContent!.trim();
    equal(read, popular[0], "the article chosen");
    await press("Escape");
    await until(() => focused() === input(el) && options(el).length === popular.length, "back to the popular list");
    equal(options(el)[0].getAttribute("aria-selected"), "true", "on the article just read");

    // Typing replaces them with results; emptying the box brings them back, without another request.
    await search(el, "invoice");
    equal($(el, "[part~=popular]"), null, "no popular heading over results");
    input(el).select();
    await press("Backspace");
    await until(() => titles(el).join() === popular.join(), "popular again in an empty box");
    equal((await requests("/v1/popular")).length, before + 1, "from memory");
  });

  it("greet the modal, with the key hints under them", async () => {
    const el = await mount({ mode: "modal" });
    el.show();
    await until(() => options(el).length > 0 && $(el, "[part~=popular]"), "popular articles in the dialog");
    const footer = await until(() => $(el, "[part~=footer]"), "the key-hint footer");
    assert(visible(footer), "footer shown");
    equal(footer.getAttribute("aria-hidden"), "true", "hints for the eye; the combobox tells a screen reader");
    equal(footer.querySelectorAll("kbd").length, 4, "↑ ↓ Enter Esc");
    assert(/navigate/.test(footer.textContent!) && /open/.test(footer.textContent!) && /close/.test(footer.textContent!), footer.textContent!);
    assert($(el, "dialog")!.contains(footer), "inside the dialog");
  });

  it("stay out of inline mode, where the box is part of the page", async () => {
    const el = await mount();
    const before = (await settledRequests("/v1/popular")).length;
    input(el).focus();
    await sleep(400);
    equal(options(el).length, 0, "no list on focus");
    equal((await requests("/v1/popular")).length, before, "no request");
  });

  it("localise the key hints and the popular heading, and ask in the page's language", async () => {
    const before = (await settledRequests("/v1/popular")).length;
    const el = await mount({ mode: "modal", lang: "de" });
    el.show();
    const footer = await until(() => $(el, "[part~=footer]"), "footer");
    assert(/navigieren/.test(footer.textContent!), footer.textContent!);
    const heading = await until(() => $(el, "[part~=popular]"), "popular heading");
    equal(heading.textContent!.trim(), "Beliebte Artikel", "the popular heading in German");
    const [asked] = await until(async () => {
      const r = (await requests("/v1/popular")).slice(before);
      return r.length ? r : null;
    }, "the popular request");
    equal(asked.searchParams.get("lang"), "de_DE", "lang=de_DE");
    equal($(el, "[part~=trigger]")!.textContent!.includes("Hilfe durchsuchen"), true, "trigger text in German");
    equal(input(el).placeholder, "Hilfe durchsuchen…", "placeholder in German");
  });
});

describe("votes and labels", () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    localStorage.clear();
    cleanup();
  });

  it("votes are SVG thumbs; the cast one filled and pressed, the other visibly unavailable", async () => {
    const el = await mount();
    await search(el, "webhook");
    await press("ArrowDown");
    await press("Enter");
    const up = await until(() => $(el, "[part~=vote-up]"), "vote buttons");
    const down = $(el, "[part~=vote-down]")!;
    for (const b of [up, down]) {
      assert(!/\p{Extended_Pictographic}/u.test(b.textContent!), `no emoji in "${b.textContent!.trim()}"`);
      assert(b.querySelector("svg[aria-hidden=true] path"), "an SVG icon");
    }
    equal(up.querySelector("path")!.getAttribute("fill"), null, "an outline before voting");
    up.click();
    await until(() => up.getAttribute("aria-pressed") === "true", "voted");
    equal(up.querySelector("path")!.getAttribute("fill"), "currentColor", "the cast vote filled");
    equal(down.getAttribute("aria-disabled"), "true", "the other choice unavailable");
    assert(parseFloat(getComputedStyle(down).opacity) < 1, "and looks it");
    assert(getComputedStyle(up).fontWeight >= "600", "the cast vote stands out");
  });

  it("category labels do not look like links", async () => {
    const el = await mount();
    el.style.setProperty("--hj-accent", "rgb(200, 0, 100)");
    await search(el, "invoice");
    const cat = $$(el, "[part~=category]")[0];
    assert(cat, "a category label");
    const s = getComputedStyle(cat);
    assert(s.color !== "rgb(200, 0, 100)", "not the link colour");
    assert(!s.textDecorationLine.includes("underline"), "not underlined");
    assert(parseFloat(s.borderTopWidth) >= 1, "a tag's outline");
  });
});
