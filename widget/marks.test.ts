/**
 * The query's words marked in an article opened from a search (issue 21): on text nodes only, as search
 * matches them, none in code, and the first one scrolled into view inside the reader, focus left on the title.
 */
import { $, $$, assert, cleanup, deepEqual, equal, focused, input, mount, options, press, search, stack, until } from "./test/helpers.js";
import { markQuery } from "./marks.js";
import { markWords, matches } from "./highlight.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";

/** A panel in a box of a fixed height, as an app's side panel is: the reader scrolls inside it. */
async function panel(attrs: Record<string, string> = {}) {
  const box = document.createElement("div");
  box.style.height = "320px";
  document.body.append(box);
  const el = await mount({ mode: "panel", ...attrs }, {}, box);
  return { el, box };
}

/** Searches `q`, opens the result titled `title` by keyboard and waits for the title to have focus. */
export async function openFound(el: HjSearch, q: string, title: RegExp) {
  input(el).focus();
  input(el).select();
  await search(el, q);
  const i = options(el).findIndex((o) => title.test(o.querySelector("[part~=title]")!.textContent!));
  assert(i >= 0, `"${q}" finds ${title}: ${options(el).map((o) => o.textContent!.trim().slice(0, 40))}`);
  for (let k = 0; k <= i; k++) await press("ArrowDown");
  await press("Enter");
  const heading = await until(() => $(el, "[part~=heading]"), "reader");
  await until(() => focused() === heading, "title focused");
  return heading;
}

/** Every attribute of every element under `root`, in document order. */
const attributes = (root: ParentNode) => [...root.querySelectorAll("*")].filter((e) => e.localName !== "mark").flatMap((e) => [...e.attributes].map((a) => `${e.localName} ${a.name}=${a.value}`));

describe("the query's words in the article", () => {
  const boxes: Element[] = [];
  afterEach(() => {
    cleanup();
    boxes.splice(0).forEach((b) => b.remove());
  });

  it("are found as search finds them: case and accents folded, at a word's start", () => {
    const text = "Résumé the RESET, not preset; パスワードの再設定";
    const at = (q: string) => matches(text, markWords(q)).map(([s, e]) => text.slice(s, e));
    deepEqual(at("resume reset"), ["Résumé", "RESET"], "folded, and not inside “preset”");
    deepEqual(at("パスワード"), ["パスワード"], "Japanese anywhere");
    deepEqual(at("set"), [], "a word's start only");
  });

  it("wrap text nodes only, never code, never an attribute, and keep the text", () => {
    const body = document.createElement("div");
    // Built as a page would get it from the worker; the test's own markup, parsed once.
    body.innerHTML =
      '<p title="reset password">Reset your <a href="/en_US/12-reset-password">password</a> <img alt="reset password form"></p>' +
      "<pre><code>reset_password()</code></pre><p>Use <code>password</code> or <kbd>Reset</kbd>.</p><p>&lt;mark&gt;password&lt;/mark&gt;</p>";
    const before = attributes(body);
    const text = body.textContent;
    const marks = markQuery(body, "reset password");
    deepEqual(marks.map((m) => m.textContent), ["Reset", "password", "password"], "the prose's words, first first");
    equal(marks[0].getAttribute("part"), "mark", "styled as a result's marks");
    deepEqual(attributes(body), before, "attributes untouched");
    equal(body.textContent, text, "the text unchanged");
    equal(body.querySelector("pre mark, code mark, kbd mark"), null, "nothing in code");
    equal(body.querySelectorAll("mark").length, 3, "the escaped <mark> stays text");
    equal(markQuery(body, "reset password").length, 0, "marking again adds nothing");
  });

  it("are marked in an article opened from a search, the first scrolled into view inside the reader, focus on the title", async () => {
    const { el, box } = await panel();
    boxes.push(box);
    const heading = await openFound(el, "locked", /can.t sign in/i);
    const marks = await until(() => ($$(el, "[part~=body] mark").length ? $$(el, "[part~=body] mark") : null), "marks");
    assert(marks.every((m) => /^locked$/i.test(m.textContent!)), `marks: ${marks.map((m) => m.textContent)}`);
    const area = $(el, ".area")!;
    const pageY = scrollY;
    await until(() => {
      const a = area.getBoundingClientRect();
      const m = marks[0].getBoundingClientRect();
      return area.scrollTop > 0 && m.top >= a.top && m.bottom <= a.bottom;
    }, () => `the first mark in view (area scrolled ${area.scrollTop}px, mark at ${marks[0].getBoundingClientRect().top}, area ${JSON.stringify(area.getBoundingClientRect())})`);
    equal(focused(), heading, "focus stays on the title");
    equal(scrollY, pageY, "the host page did not scroll");
  });

  it("keep attributes as the worker sent them, and mark nothing in code", async () => {
    const { el, box } = await panel();
    boxes.push(box);
    await openFound(el, "reset password", /^Reset your password$/);
    const body = await until(() => $(el, "[part~=body]")!.querySelector("mark") && $(el, "[part~=body]")!, "marks");
    const { workerUrl } = await stack();
    const sent = document.createElement("template");
    sent.innerHTML = (await (await fetch(`${workerUrl}/v1/articles/12`)).json()).article.html;
    deepEqual(attributes(body), attributes(sent.content), "every attribute as sent (an image's alt, a link's href)");
    equal(body.textContent, sent.content.textContent, "the same text");
    assert(body.querySelector("img[alt*=password]"), "an attribute that holds a query word");

    // An article with code: its prose is marked, its code is not.
    $(el, "[part~=back]")!.click();
    await openFound(el, "api key", /^Create an API key$/);
    await until(() => $(el, "[part~=body] mark"), "marks in the API key article");
    equal($(el, "[part~=body] pre mark, [part~=body] code mark"), null, "none in code");
  });

  it("are not marked in an article not opened from a search", async () => {
    const { el, box } = await panel();
    boxes.push(box);
    await el.openArticle(34);
    await until(() => focused() === $(el, "[part~=heading]"), "the article");
    equal($(el, "[part~=body] mark"), null, "no marks");
  });
});
