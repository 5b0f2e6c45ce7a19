/** The reader's "Was this helpful?" against the real vote route, and storage that fails. */
import { $, assert, cleanup, equal, focused, live, mount, options, press, record, search, until, upstreamVotes } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";

/** Opens the n-th result of a search for `q` by keyboard and waits for the title to have focus. */
async function read(el: HjSearch, q: string, n = 0) {
  await search(el, q, n + 1);
  for (let i = 0; i <= n; i++) await press("ArrowDown");
  await press("Enter");
  const heading = await until(() => $(el, "[part~=heading]"), "reader");
  await until(() => focused() === heading, "title focused");
  return heading.textContent!;
}

const pressed = (el: HjSearch, v: "up" | "down") => $(el, `[part~=vote-${v}]`)!.getAttribute("aria-pressed");

describe("votes", () => {
  let saved: Storage["getItem"], savedSet: Storage["setItem"];
  beforeEach(() => {
    localStorage.clear();
    saved = Storage.prototype.getItem;
    savedSet = Storage.prototype.setItem;
  });
  afterEach(() => {
    Storage.prototype.getItem = saved;
    Storage.prototype.setItem = savedSet;
    localStorage.clear();
    cleanup();
  });

  it("👍 by keyboard posts the vote, shows it, fires hj-vote and remembers it per article", async () => {
    const events = record("hj-vote", "hj-article");
    const el = await mount();
    await read(el, "invoice", 0);
    const id = events.of("hj-article")[0]?.detail.id ?? (await until(() => events.of("hj-article")[0], "hj-article")).detail.id;
    const before = (await upstreamVotes())[id]?.up ?? 0;
    equal(pressed(el, "up"), "false", "not voted yet");
    $(el, "[part~=vote-up]")!.focus();
    await press("Enter");
    await until(() => events.of("hj-vote").length, "hj-vote");
    equal(JSON.stringify(events.of("hj-vote")[0].detail), JSON.stringify({ id, vote: "up" }), "hj-vote detail");
    assert(events.of("hj-vote")[0].composed, "composed");
    equal(pressed(el, "up"), "true", "👍 shown as pressed");
    equal($(el, "[part~=vote-down]")!.getAttribute("aria-disabled"), "true", "no second vote");
    assert($(el, "[part~=vote] [role=status]")!.textContent!.trim(), "a thank-you");
    equal(localStorage.getItem(`hj-search:vote:${id}`), "up", "remembered in localStorage");
    assert(/^[A-Za-z0-9_-]{8,128}$/.test(localStorage.getItem("hj-search:visitor") ?? ""), "a visitor id kept");
    await until(async () => ((await upstreamVotes())[id]?.up ?? 0) === before + 1, "counted upstream once");

    // A fresh widget (another page view) shows the remembered choice.
    cleanup();
    const again = await mount();
    await read(again, "invoice", 0);
    equal(pressed(again, "up"), "true", "remembered across page views");
    events.stop();
  });

  it("👎 works and a different article is not marked", async () => {
    const events = record("hj-vote");
    const el = await mount();
    await read(el, "export", 0);
    $(el, "[part~=vote-down]")!.click();
    await until(() => events.of("hj-vote").length, "hj-vote");
    equal(events.of("hj-vote")[0].detail.vote, "down", "down vote");
    equal(pressed(el, "down"), "true", "👎 pressed");
    await press("Escape");
    await until(() => !$(el, "[part~=reader]"), "back to list");
    if (options(el).length > 1) {
      await press("ArrowDown");
      await press("Enter");
      await until(() => $(el, "[part~=heading]"), "second article");
      await until(() => $(el, "[part~=vote-up]"), "vote buttons");
      equal(pressed(el, "down"), "false", "the other article is not voted");
    }
    events.stop();
  });

  it("keeps working when localStorage throws (private mode, blocked storage)", async () => {
    const boom = () => {
      throw new DOMException("denied", "SecurityError");
    };
    Storage.prototype.getItem = boom;
    Storage.prototype.setItem = boom;
    const events = record("hj-vote", "hj-error");
    const el = await mount();
    await read(el, "sso", 0);
    $(el, "[part~=vote-up]")!.click();
    await until(() => events.of("hj-vote").length, "vote accepted with an in-memory visitor id");
    equal(events.of("hj-error").length, 0, "no error");
    equal(pressed(el, "up"), "true", "shown as voted for this page's life");
    events.stop();
  });
});

describe("reader", () => {
  afterEach(cleanup);

  it("renders the article's sanitised html and a link out", async () => {
    const el = await mount();
    const title = await read(el, "reset password", 0);
    assert(title.trim().length > 0, "title");
    // Opened by keyboard, so the focused title shows a focus ring; the live region stops saying "loading".
    const ring = getComputedStyle($(el, "[part~=heading]")!);
    assert(ring.outlineStyle !== "none" && parseFloat(ring.outlineWidth) >= 2, `a visible focus ring on the title: ${ring.outline}`);
    await until(() => live(el) === "", `the live region cleared (says "${live(el)}")`);
    const body = $(el, "[part~=body]")!;
    assert(body.children.length > 0, "article html rendered as elements");
    equal(body.querySelector("script"), null, "no scripts");
    const link = $<HTMLAnchorElement>(el, "[part~=link]")!;
    equal(link.target, "_blank", "opens the help center in a new tab");
    assert(link.rel.includes("noopener"), "noopener");
  });

  it("an in-article link (“On this page”) moves to its section without touching the page's URL", async () => {
    const el = await mount({ mode: "panel" });
    const title = await read(el, "quick tour", 0);
    assert(/tour/i.test(title), `the tour article: ${title}`);
    const hash = location.hash;
    const link = [...$(el, "[part~=body]")!.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].find((a) => /Next steps/.test(a.textContent!));
    assert(link, "the article's table of contents links to “Next steps”");
    equal(link.getAttribute("href")!.startsWith("#kb-"), true, "the worker prefixed the fragment");
    // By keyboard: Tab from the title to the link, Enter.
    for (let i = 0; i < 10 && focused() !== link; i++) await press("Tab");
    equal(focused(), link, "Tab reaches the link");
    await press("Enter");
    const target = el.shadowRoot!.getElementById(link.getAttribute("href")!.slice(1));
    equal(target?.textContent, "Next steps", "the target is the section's heading");
    await until(() => focused() === target, "focus moved to the section");
    equal(location.hash, hash, "the host page's URL is unchanged");
  });

  it("shows an error with retry and back when the article cannot be loaded", async () => {
    const { fault } = await import("./test/helpers.js");
    const events = record("hj-error", "hj-article");
    // German, so no other test has this article in the worker's cache (article keys include the language).
    const el = await mount({ lang: "de" });
    await search(el, "api key");
    const heal = await fault({ path: "^/api/v3/articles/\\d+$", kind: "error", status: 500 });
    try {
      await press("ArrowDown");
      await press("Enter");
      await until(() => $(el, "[part~=error]"), "article error", 12000);
      await until(() => events.of("hj-error").length, "hj-error");
    } finally {
      await heal();
    }
    $(el, "[part~=retry]")!.click();
    await until(() => events.of("hj-article").length, "retry loads the article");
    await until(() => focused() === $(el, "[part~=heading]"), "title focused after retry");
    events.stop();
  });
});
