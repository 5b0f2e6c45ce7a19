/**
 * In-app help (issue 21): suggestions for the page the visitor is on, following a single-page app, the
 * JavaScript API, deep links and recent searches and articles, against the real worker.
 */
import { $, $$, assert, cleanup, stack, equal, focused, input, mount, options, press, requests, search, until } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";

const titles = (el: HjSearch) => options(el).map((o) => o.querySelector("[part~=title]")!.textContent!.trim());
const groupOf = (el: HjSearch, g: string) => $$(el, `[part~=${g}-group] [role=option]`).map((o) => o.querySelector("[part~=title]")!.textContent!.trim());
const start = location.href;

describe("suggestions for this page", () => {
  // Articles named by id come from the edge index only: wait for its first build (GET /v1/popular starts it).
  before(async function () {
    this.timeout(60_000);
    const { workerUrl } = await stack();
    await fetch(`${workerUrl}/v1/popular`);
    let last = "";
    await until(
      async () => {
        const r = await fetch(`${workerUrl}/v1/popular?ids=16`);
        last = `${r.status} ${r.headers.get("Cache-Status")}`;
        return (await r.json()).results?.length;
      },
      () => `the edge index (last: ${last})`,
      55_000,
    );
  });

  afterEach(() => {
    cleanup();
    history.replaceState(null, "", start);
  });

  it("show the matching rule's articles and query first, from the edge index, and follow the app's routes", async () => {
    history.replaceState(null, "", "/settings/billing/plan");
    const rules = [
      { match: "/settings/billing*", articles: [16, 999999], query: "invoice" },
      { match: "/settings/profile", query: "password" },
    ];
    const el = await mount({ mode: "panel", suggestions: JSON.stringify(rules) });
    await until(() => groupOf(el, "suggested").length > 1, "suggestions for the billing page");
    const first = groupOf(el, "suggested");
    equal(first[0], "Understanding your invoice", "the named article first");
    assert(first.slice(1).every((t) => /invoice|billing|receipt|vat/i.test(t)), `then the query's matches: ${first}`);
    equal($(el, "[part~=suggested]")!.textContent!.trim(), "Suggested for this page", "a label over them");
    equal(titles(el)[0], first[0], "before everything else");
    const group = $(el, "[part~=suggested-group]")!;
    equal(group.getAttribute("role"), "group", "a listbox group");
    equal(group.getAttribute("aria-label"), "Suggested for this page", "named");
    const asked = await until(async () => (await requests("/v1/popular")).find((u) => u.searchParams.get("ids")?.includes("999999")), "the suggestions request");
    equal(asked.searchParams.get("ids"), "16,999999", "the ids asked for (the worker leaves out what is not public)");
    // The app moves to another route: that route's suggestions, with no reload.
    history.pushState(null, "", "/settings/profile");
    await until(() => groupOf(el, "suggested")[0] && /password/i.test(groupOf(el, "suggested")[0]), "the profile page's suggestions");
    // And back.
    history.back();
    await until(() => groupOf(el, "suggested")[0] === "Understanding your invoice", "back on billing");
  });

  it("take a context query, which the host can change", async () => {
    const el = await mount({ mode: "panel", context: "webhook" });
    await until(() => groupOf(el, "suggested").some((t) => /webhook/i.test(t)), "the context's suggestions");
    el.context = "password";
    await until(() => groupOf(el, "suggested").some((t) => /password/i.test(t)), "the new context's suggestions");
  });

  it("read rules from a script element and ignore bad ones with one warning, the widget still working", async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...a: unknown[]) => void warnings.push(a);
    try {
      const script = document.createElement("script");
      script.type = "application/json";
      script.id = "hj-rules";
      script.textContent = JSON.stringify([{ match: "/((", query: "x" }, { match: "*", articles: [16] }, { nope: 1 }]);
      document.body.append(script);
      const el = await mount({ mode: "panel", suggestions: "hj-rules" });
      await until(() => groupOf(el, "suggested")[0] === "Understanding your invoice", "the good rule's article");
      equal(warnings.length, 1, "one warning for the two bad rules");
      script.remove();
      const bad = await mount({ mode: "panel", suggestions: "{not json" });
      await until(() => groupOf(bad, "popular").length > 0, "popular articles despite bad JSON");
      equal(warnings.length, 2, "one more warning");
      await search(bad, "invoice");
    } finally {
      console.warn = warn;
    }
  });
});

describe("recent searches and articles", () => {
  afterEach(cleanup);

  it("remember a search that opened an article and the article, removable, clearable, in this browser only", async () => {
    const el = await mount({ mode: "panel", recent: "on" });
    await search(el, "invoice");
    const title = titles(el)[0];
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(el, "[part~=heading]") && focused() === $(el, "[part~=heading]"), "the article");
    await press("Escape");
    input(el).select();
    await press("Backspace");
    await until(() => groupOf(el, "recent").length === 2, "recent search and article");
    const recent = groupOf(el, "recent");
    equal(recent[0], "invoice", "the search");
    equal(recent[1], title, "the article");
    assert(Object.keys(localStorage).some((k) => k.startsWith("hj-search:recent")), "kept in localStorage");
    // Delete takes the active recent entry away.
    input(el).focus();
    await until(() => options(el)[0]?.getAttribute("part")?.includes("recent-search"), "recent first");
    await press("ArrowDown");
    await press("Delete");
    await until(() => groupOf(el, "recent").length === 1, "the search removed");
    // A recent search chosen searches again.
    $(el, "[part~=clear]")!.click();
    await until(() => groupOf(el, "recent").length === 0 && !$(el, "[part~=clear]"), "cleared");
  });

  it("are off with recent=off, and in sessionStorage for a signed user", async () => {
    const off = await mount({ mode: "panel", recent: "off" });
    await search(off, "invoice");
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(off, "[part~=heading]"), "the article");
    equal(Object.keys(localStorage).filter((k) => k.startsWith("hj-search:recent")).length, 0, "nothing kept");
    cleanup();
    const signed = await mount({ mode: "panel", recent: "on" }, { getToken: () => null });
    await search(signed, "invoice");
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(signed, "[part~=heading]"), "the article");
    await until(() => Object.keys(sessionStorage).some((k) => k.startsWith("hj-search:recent")), "kept for the session");
    equal(Object.keys(localStorage).filter((k) => k.startsWith("hj-search:recent")).length, 0, "not in localStorage");
  });
});

describe("results as links", () => {
  afterEach(() => {
    cleanup();
    history.replaceState(null, "", start);
  });

  it("are real links inside the listbox; a plain click opens the reader, a modified one is the browser's", async () => {
    const el = await mount({ mode: "panel" });
    await search(el, "invoice");
    const o = options(el)[0] as HTMLAnchorElement;
    equal(o.tagName, "A", "the option is a link");
    assert(/^https:\/\/acme\.helpjuice\.com\//.test(o.href), `to the article's page: ${o.href}`);
    equal(o.parentElement!.getAttribute("role"), "none", "in an li with no role");
    equal(o.querySelector("a, button, input, [tabindex]:not([tabindex='-1'])"), null, "nothing interactive inside");
    // A Ctrl-click is left to the browser (a new tab): the reader does not open and the default is not prevented.
    let prevented: boolean | undefined;
    const spy = (e: Event) => {
      prevented = e.defaultPrevented;
      e.preventDefault();
    };
    document.addEventListener("click", spy);
    o.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
    document.removeEventListener("click", spy);
    equal(prevented, false, "Ctrl-click not taken");
    equal($(el, "[part~=heading]"), null, "no reader");
    o.click();
    await until(() => $(el, "[part~=heading]"), "a plain click opens the reader");
  });

  it("link to the host page's #hj-article=ID with deep-link; the reader copies that link", async () => {
    const el = await mount({ mode: "panel", "deep-link": "" });
    await search(el, "invoice");
    const o = options(el)[0] as HTMLAnchorElement;
    const u = new URL(o.href);
    equal(u.origin + u.pathname, location.origin + location.pathname, "the host page");
    assert(/^#hj-article=\d+$/.test(u.hash), `its deep link: ${u.hash}`);
    const copied: string[] = [];
    const clip = navigator.clipboard;
    Object.defineProperty(navigator, "clipboard", { value: { writeText: async (s: string) => void copied.push(s) }, configurable: true });
    try {
      o.click();
      await until(() => $(el, "[part~=copy]"), "Copy link");
      equal($(el, "[part~=copy]")!.textContent!.trim(), "Copy link", "labelled");
      $(el, "[part~=copy]")!.click();
      await until(() => copied.length, "copied");
      equal(copied[0], o.href, "the deep link");
    } finally {
      Object.defineProperty(navigator, "clipboard", { value: clip, configurable: true });
    }
  });
});

describe("the JavaScript API and deep links", () => {
  afterEach(() => {
    cleanup();
    history.replaceState(null, "", start);
  });

  it("open(), search(q), openArticle(id) and close()", async () => {
    const el = await mount({ mode: "modal" });
    el.search("invoice");
    await until(() => $<HTMLDialogElement>(el, "dialog")!.open && options(el).length > 0, "the dialog with results");
    equal(input(el).value, "invoice", "the query in the box");
    el.close();
    await until(() => !$<HTMLDialogElement>(el, "dialog")!.open, "closed");
    await el.openArticle(16);
    await until(() => $(el, "[part~=heading]")?.textContent?.trim() === "Understanding your invoice", "the article in the dialog");
    el.close();
    el.open();
    await until(() => $<HTMLDialogElement>(el, "dialog")!.open && !$(el, "[part~=heading]"), "open on the empty box");
    el.close();
  });

  it("#hj-article=ID opens the article on load, opening one writes the hash, and Back closes it", async () => {
    history.replaceState(null, "", "#hj-article=16");
    const el = await mount({ mode: "panel", "deep-link": "" });
    await until(() => $(el, "[part~=heading]")?.textContent?.trim() === "Understanding your invoice", "the linked article");
    history.replaceState(null, "", start);
    el.close();
    await search(el, "invoice");
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(el, "[part~=heading]"), "an article");
    await until(() => /^#hj-article=\d+$/.test(location.hash), "the hash written");
    history.back();
    await until(() => !$(el, "[part~=heading]"), "Back closed it");
  });

  it("#hj-q=… searches on load; without deep-link the hash is left alone", async () => {
    history.replaceState(null, "", "#hj-q=download%20invoices");
    const el = await mount({ mode: "panel", "deep-link": "" });
    await until(() => input(el).value === "download invoices" && options(el).length > 0, "the linked search");
    cleanup();
    history.replaceState(null, "", "#hj-article=16");
    const off = await mount({ mode: "panel" });
    await until(() => options(off).length > 0, "the empty box");
    equal($(off, "[part~=heading]"), null, "no article opened");
    await search(off, "invoice");
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(off, "[part~=heading]"), "an article");
    equal(location.hash, "#hj-article=16", "the page's hash untouched");
  });
});
