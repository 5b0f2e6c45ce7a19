/**
 * Related articles at the end of the reader (issue 21), from GET /v1/articles/:id/related: real links that a
 * plain click opens in the reader, fetched after the article shows, gone on failure; and the reader with
 * all that parts (contents, marks, related) axe-clean in light and dark.
 */
import { $, $$, assert, cleanup, deepEqual, equal, focused, input, mount, noSeriousA11yViolations, options, press, record, search, signToken, stack, until } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";
document.title = "hj-search related articles";

const start = location.href;

interface Hit {
  id: number;
  title: string;
  url: string;
}

/** What the worker answers for `id`'s related articles, asked directly. */
async function relatedOf(id: number): Promise<Hit[]> {
  const { workerUrl } = await stack();
  return (await (await fetch(`${workerUrl}/v1/articles/${id}/related`)).json()).results;
}

async function read(el: HjSearch, id: number) {
  await el.openArticle(id);
  const heading = await until(() => $(el, "[part~=heading]"), "reader");
  await until(() => focused() === heading && heading.textContent, "title focused");
  return heading;
}

const links = (el: HjSearch) => $$<HTMLAnchorElement>(el, "[part~=related] a");

/** Replaces fetch for the related route with `respond` (the rest goes through), until the returned undo. */
function interceptRelated(respond: () => Promise<Response>): () => void {
  const real = window.fetch;
  window.fetch = ((url: RequestInfo | URL, init?: RequestInit) => (/\/related\b/.test(String(url)) ? respond() : real(url, init))) as typeof fetch;
  return () => (window.fetch = real);
}

// The stack searches Helpjuice (its tests steer it); related articles come from the edge index only: wait for
// its first build (a related or popular request starts it).
before(async function () {
  this.timeout(60_000);
  await until(async () => (await relatedOf(16).catch(() => []))?.length >= 3, "the edge index built", 55_000);
});

describe("related articles", () => {
  afterEach(() => {
    cleanup();
    history.replaceState(null, "", start);
  });

  it("end the reader: 3 to 5 links, never the article itself, after the vote", async () => {
    const el = await mount({ mode: "panel" });
    await read(el, 16);
    const expected = await relatedOf(16);
    const nav = await until(() => $(el, "[part~=related]"), "the related list");
    equal(nav.localName, "nav", "a nav");
    equal(el.shadowRoot!.getElementById(nav.getAttribute("aria-labelledby")!)?.textContent, "Related articles", "named by its heading");
    const got = links(el);
    assert(got.length >= 3 && got.length <= 5, `3 to 5: ${got.length}`);
    deepEqual(got.map((a) => a.textContent!.trim()), expected.map((h) => h.title), "the worker's list, in order");
    deepEqual(got.map((a) => a.href), expected.map((h) => h.url), "each links to the article's page");
    assert(!got.some((a) => /\/16-/.test(a.href)), "not the article itself");
    assert($(el, "[part~=vote]")!.compareDocumentPosition(nav) & Node.DOCUMENT_POSITION_FOLLOWING, "after the vote");
  });

  it("open in the reader on a plain click (Back returns), and are left to the browser with a modifier", async () => {
    const el = await mount({ mode: "panel", "deep-link": "" });
    await read(el, 16);
    await until(() => links(el).length, "the related list");
    const first = links(el)[0];
    const title = first.textContent!.trim();
    const id = Number(/#hj-article=(\d+)$/.exec(first.href)?.[1]);
    assert(id && id !== 16, `deep-link: the link goes to the host page at #hj-article=ID: ${first.href}`);
    // Whatever the widget leaves to the browser is stopped here, after it, so this page stays.
    const left: boolean[] = [];
    const catcher = (e: Event) => (left.push(!e.defaultPrevented), e.preventDefault());
    document.addEventListener("click", catcher);
    try {
      first.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true, cancelable: true, ctrlKey: true }));
      deepEqual(left, [true], "a Ctrl-click is the browser's (a new tab)");
      equal($(el, "[part~=heading]")!.textContent, "Understanding your invoice", "the reader stays");
      first.click();
      deepEqual(left, [true, false], "a plain click is the reader's");
    } finally {
      document.removeEventListener("click", catcher);
    }
    await until(() => $(el, "[part~=heading]")?.textContent === title && focused() === $(el, "[part~=heading]"), `the related article "${title}" open, its title focused`);
    equal(location.hash, `#hj-article=${id}`, "in the URL, as any opened article");
    await until(() => links(el).length && !links(el).some((a) => a.href.endsWith(`#hj-article=${id}`)), "its own related list, without itself");
    // Back: the article it was opened from.
    await press("Escape");
    await until(() => $(el, "[part~=heading]")?.textContent === "Understanding your invoice", "back on the first article");
  });

  it("never hold the article up, and a failure just leaves them out", async () => {
    const events = record("hj-error");
    const el = await mount({ mode: "panel" });
    let undo = interceptRelated(() => new Promise<Response>(() => {}));
    try {
      await read(el, 15);
      equal($(el, "[part~=related]"), null, "the article shows while the list is still coming");
    } finally {
      undo();
    }
    undo = interceptRelated(() => Promise.reject(new TypeError("Failed to fetch")));
    try {
      input(el).focus();
      await read(el, 16);
      await new Promise((r) => setTimeout(r, 300));
      equal($(el, "[part~=related]"), null, "no list");
      equal(events.of("hj-error").length, 0, "and no error");
    } finally {
      undo();
      events.stop();
    }
  });

  it("are public ones for a signed user too, and none for an internal article", async () => {
    const token = await signToken("staff@acme.test");
    const el = await mount({ mode: "panel", token });
    await search(el, "playbook");
    const internal = options(el).findIndex((o) => /^Playbook:/.test(o.querySelector("[part~=title]")!.textContent!));
    assert(internal >= 0, "staff find an internal playbook");
    for (let i = 0; i <= internal; i++) await press("ArrowDown");
    await press("Enter");
    await until(() => /^Playbook:/.test($(el, "[part~=heading]")?.textContent ?? "") && $(el, "[part~=vote]"), "the internal article");
    await new Promise((r) => setTimeout(r, 500));
    equal($(el, "[part~=related]"), null, "no related list: it is not in the public index");
    await read(el, 16);
    await until(() => links(el).length, "a public article's list");
    deepEqual(links(el).map((a) => a.textContent!.trim()), (await relatedOf(16)).map((h) => h.title), "the same public list an anonymous visitor gets");
  });

  for (const theme of ["light", "dark"] as const)
    it(`the reader with contents, marks and related articles is axe-clean (${theme})`, async () => {
      const box = document.createElement("div");
      box.style.height = "420px";
      document.body.append(box);
      try {
        const el = await mount({ mode: "panel", theme }, {}, box);
        await search(el, "locked");
        const i = options(el).findIndex((o) => /can.t sign in/i.test(o.textContent!));
        assert(i >= 0, "the sign-in article found");
        for (let k = 0; k <= i; k++) await press("ArrowDown");
        await press("Enter");
        await until(() => $(el, "[part~=contents]") && $(el, "[part~=body] mark") && links(el).length, "contents, marks and related");
        await noSeriousA11yViolations(`reader with its parts, ${theme}`);
      } finally {
        box.remove();
      }
    });
});
