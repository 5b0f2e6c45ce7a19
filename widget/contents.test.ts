/**
 * The contents list of an article with three or more headings (issue 21): a nav at the top whose entries
 * scroll the reader to their heading and move focus there, without touching the host page's URL.
 */
import { $, $$, assert, cleanup, deepEqual, equal, focused, mount, press, until } from "./test/helpers.js";
import { contentsOf } from "./contents.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";

const start = location.href;
const boxes: Element[] = [];

/** A panel in a box of a fixed height, as an app's side panel is: the reader scrolls inside it. */
async function panel(attrs: Record<string, string> = {}) {
  const box = document.createElement("div");
  box.style.height = "320px";
  document.body.append(box);
  boxes.push(box);
  return mount({ mode: "panel", ...attrs }, {}, box);
}

async function read(el: HjSearch, id: number) {
  await el.openArticle(id);
  const heading = await until(() => $(el, "[part~=heading]"), "reader");
  await until(() => focused() === heading, "title focused");
  return heading;
}

const entries = (el: HjSearch) => $$<HTMLAnchorElement>(el, "[part~=contents] a");

describe("the contents list", () => {
  afterEach(() => {
    cleanup();
    boxes.splice(0).forEach((b) => b.remove());
    history.replaceState(null, "", start);
  });

  it("lists the headings of an article with three or more, at its top, each entry going to its heading by keyboard", async () => {
    const el = await panel({ "deep-link": "" });
    const title = await read(el, 34);
    const nav = await until(() => $(el, "[part~=contents]"), "the contents list");
    equal(nav.localName, "nav", "a nav");
    equal(nav.getAttribute("aria-labelledby") && el.shadowRoot!.getElementById(nav.getAttribute("aria-labelledby")!)?.textContent, "Contents", "named Contents");
    equal(title.nextElementSibling, nav, "right under the title");
    const headings = $$(el, "[part~=body] :is(h2, h3, h4)");
    assert(headings.length >= 3, `three headings or more: ${headings.length}`);
    deepEqual(entries(el).map((a) => a.textContent!.trim()), headings.map((h) => h.textContent!.trim()), "one entry per heading, in order");
    for (const [i, a] of entries(el).entries()) equal(a.getAttribute("href"), `#${headings[i].id}`, "each links to its heading's id");
    const hash = location.hash;
    equal(hash, "#hj-article=34", "the deep link");

    // By keyboard: Tab from the title to the last entry, Enter.
    const last = entries(el).at(-1)!;
    for (let i = 0; i < 12 && focused() !== last; i++) await press("Tab");
    equal(focused(), last, "Tab reaches the last entry");
    await press("Enter");
    const target = headings.at(-1)!;
    await until(() => focused() === target, "focus on the heading");
    equal(target.getAttribute("tabindex"), "-1", "focusable by script only");
    const area = $(el, ".area")!;
    await until(
      () => area.scrollTop > 0 && Math.abs(target.getBoundingClientRect().top - area.getBoundingClientRect().top) < 40,
      () => `the heading at the top of the reader (area scrolled ${area.scrollTop}px)`,
    );
    equal(location.hash, hash, "the host page's hash is left alone");
    // Tab goes on from the heading's section.
    await press("Tab");
    assert(target.compareDocumentPosition(focused()!) & Node.DOCUMENT_POSITION_FOLLOWING, "Tab goes on after the heading");
  });

  it("gives a heading without an id one of its own, and counts an article's own list", () => {
    const body = document.createElement("div");
    body.innerHTML = '<h2>One</h2><p>…</p><h3 id="kb-two">Two <em>more</em></h3><h4>Three</h4><h5>Not listed</h5><h2> </h2>';
    deepEqual(contentsOf(body), [
      { id: "hj-h0", text: "One", level: 2 },
      { id: "kb-two", text: "Two more", level: 3 },
      { id: "hj-h2", text: "Three", level: 4 },
    ], "h2–h4 with text, in order");
    equal(body.querySelector("h2")!.id, "hj-h0", "the id is on the heading");
    body.querySelector("h4")!.remove();
    deepEqual(contentsOf(body), [], "two headings: none");
    const own = document.createElement("div");
    own.innerHTML = '<ul><li><a href="#kb-a">A</a><li><a href="#kb-b">B</a><li><a href="#kb-c">C</a></ul><h2 id="kb-a">A</h2><h2 id="kb-b">B</h2><h2 id="kb-c">C</h2>';
    deepEqual(contentsOf(own), [], "its own contents list: none");
  });

  it("is not there for an article with fewer than three headings, nor one with its own", async () => {
    const el = await panel();
    await read(el, 12);
    assert($$(el, "[part~=body] :is(h2, h3, h4)").length < 3, "article 12 has fewer than three headings");
    equal($(el, "[part~=contents]"), null, "no contents list");
    // The quick tour lists its own sections ("On this page"): a second list would only repeat it.
    await read(el, 1);
    assert($(el, "[part~=body] a[href^='#kb-']"), "the tour's own list");
    equal($(el, "[part~=contents]"), null, "no second contents list");
  });
});
