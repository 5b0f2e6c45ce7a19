/**
 * The instant reader: an article is fetched when its result stays active for 100 ms (arrow keys, or the
 * pointer resting on it), once, and opening it then shows it without another request. Each test searches
 * for articles of its own, made in the fake Helpjuice for it, so no other test has seen them, and reads
 * them as a signed-in user: the worker's answers to a user bypass its shared cache (so an upstream fault
 * bites), and an anonymous visitor would get a 404 for an article newer than the worker's category listing.
 * It is also the harder case for the prefetch: a request that carries a token. Requests are counted with
 * Resource Timing, polled, since an entry lands a moment after its answer.
 * Portable to Firefox and WebKit: keys one at a time (sendKeys), the mouse through sendMouse, no CDP.
 */
import { resetMouse, sendMouse } from "@web/test-runner-commands";
import { $, assert, cleanup, equal, fault, focused, input, mount, options, press, requests, search, signToken, sleep, stack, unique, until } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";

/**
 * `n` new public articles whose titles carry `word`; returns their ids by title. They stay: a nonsense word
 * finds them and nothing else does. The ids are random, as Resource Timing outlives a test.
 */
async function articles(word: string, n: number): Promise<Map<string, number>> {
  const { fakeUrl } = await stack();
  const byTitle = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const name = `${word} guide ${i + 1}`;
    const res = await fetch(`${fakeUrl}/__fake/articles`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: 1_500_000_000 + Math.floor(Math.random() * 600_000_000), views: 0, name, description: `How ${word} works, part ${i + 1}.`, body: `<h2>${word}</h2><p>Part ${i + 1}.</p>` }),
    });
    if (!res.ok) throw new Error(`article not made: ${res.status} ${await res.text()}`);
    const { article } = await res.json();
    byTitle.set(name, article.id);
  }
  return byTitle;
}

/** The widget, signed in (see above). */
const signedIn = async () => mount({}, { token: await signToken("staff@acme.test", 900) });

/** Requests for exactly this article (not its votes, not an article whose id starts with the same digits). */
const reads = async (id: number) => (await requests(`/v1/articles/${id}`)).filter((u) => u.pathname === `/v1/articles/${id}`).length;

/** Waits for `n` requests for the article, then a little longer to see that no more come. */
async function exactly(id: number, n: number, what: string) {
  if (n > 0) await until(async () => (await reads(id)) >= n, `${what}: ${n} request(s) for article ${id}`);
  await sleep(400);
  equal(await reads(id), n, `${what}: requests for article ${id}`);
}

/** The article id of each option, in order, read from its title. */
const ids = (el: HjSearch, byTitle: Map<string, number>) =>
  options(el).map((o) => {
    const id = byTitle.get(o.querySelector("[part~=title]")!.textContent!.trim());
    assert(id, `an option of ours: ${o.textContent}`);
    return id;
  });

/** The middle of an element, in viewport pixels, for sendMouse. */
function centre(e: Element): [number, number] {
  e.scrollIntoView({ block: "nearest" });
  const r = e.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** Somewhere well away from the widget. */
const away = (): [number, number] => [Math.max(0, innerWidth - 5), Math.max(0, innerHeight - 5)];

/** The time the pointer spent on each element, from its own pointerenter/pointerleave. */
function dwells(els: Element[]) {
  const times = new Map<Element, number[]>();
  const entered = new Map<Element, number>();
  for (const e of els) {
    e.addEventListener("pointerenter", () => entered.set(e, performance.now()));
    e.addEventListener("pointerleave", () => times.set(e, [...(times.get(e) ?? []), performance.now() - (entered.get(e) ?? 0)]));
  }
  return times;
}

describe("prefetch", () => {
  afterEach(async () => {
    await resetMouse();
    cleanup();
  });

  it("hovering a result for 100 ms fetches its article once, however often it is hovered or arrowed to", async () => {
    const word = unique("hoverprefetch");
    const byTitle = await articles(word, 2);
    const el = await signedIn();
    await search(el, word, 2);
    const [a] = ids(el, byTitle);
    const first = options(el)[0];

    await sendMouse({ type: "move", position: centre(first) });
    await exactly(a, 1, "hovered");
    await sendMouse({ type: "move", position: away() });
    await sendMouse({ type: "move", position: centre(first) });
    await sleep(300);
    await sendMouse({ type: "move", position: away() });
    input(el).focus();
    await press("ArrowDown");
    await sleep(300);
    await press("ArrowDown");
    await press("ArrowUp");
    await exactly(a, 1, "hovered twice and arrowed to");
  });

  it("arrowing back and forth fetches each article the keys rest on once; Enter then shows it at once, with no request", async () => {
    const word = unique("keyprefetch");
    const byTitle = await articles(word, 3);
    const el = await signedIn();
    await search(el, word, 3);
    const [a, b] = ids(el, byTitle);

    await press("ArrowDown");
    await until(async () => (await reads(a)) === 1, "the first result's article fetched");
    await press("ArrowDown");
    await until(async () => (await reads(b)) === 1, "the second result's article fetched");
    await sleep(150);
    await press("ArrowUp");
    await sleep(150);
    await press("ArrowDown");
    await exactly(a, 1, "back and forth");
    await exactly(b, 1, "back and forth");

    // The article is on screen before the browser runs anything after the key press: no network wait.
    let shownAtOnce: boolean | undefined;
    const onKey = (e: KeyboardEvent) => e.key === "Enter" && setTimeout(() => (shownAtOnce ??= !!$(el, "[part~=heading]")));
    document.addEventListener("keydown", onKey, true);
    try {
      await press("Enter");
      const heading = await until(() => $(el, "[part~=heading]"), "the reader");
      await until(() => shownAtOnce !== undefined, "the task after Enter");
      equal(shownAtOnce, true, "the article was on screen in the task after Enter");
      equal(heading.textContent!.trim(), [...byTitle].find(([, id]) => id === b)![0], "the second result's article");
      await until(() => focused() === heading, "the title focused");
    } finally {
      document.removeEventListener("keydown", onKey, true);
    }
    await exactly(b, 1, "opened after the prefetch");
  });

  it("a pointer passing over a result in under 100 ms fetches nothing", async () => {
    const word = unique("passprefetch");
    const byTitle = await articles(word, 3);
    const el = await signedIn();
    await search(el, word, 3);
    const all = ids(el, byTitle);
    const opts = options(el);
    const times = dwells(opts);
    // The time between two moves is the runner's round trip, not ours to set: each pass is measured, and only
    // a pass under 100 ms (with room for timer slack) is held to fetching nothing.
    let quick = 0;
    for (const [i, o] of opts.entries()) {
      await sendMouse({ type: "move", position: centre(o) });
      await sendMouse({ type: "move", position: away() });
      await until(() => times.get(o)?.length, `the pointer left result ${i + 1}`);
      const t = times.get(o)![0];
      if (t >= 90) continue;
      quick++;
      await exactly(all[i], 0, `a ${Math.round(t)} ms pass`);
    }
    assert(quick > 0, `no pass was under 90 ms (${[...times.values()].map((t) => Math.round(t[0]))} ms): the machine is too slow for this test`);
  });

  it("arrowing quickly through the results fetches only where the keys rest", async () => {
    const word = unique("runprefetch");
    const byTitle = await articles(word, 5);
    const el = await signedIn();
    await search(el, word, 5);
    const all = ids(el, byTitle);
    const stamps: number[] = [];
    const onKey = (e: KeyboardEvent) => e.key === "ArrowDown" && stamps.push(performance.now());
    document.addEventListener("keydown", onKey, true);
    try {
      for (let i = 0; i < all.length; i++) await press("ArrowDown");
    } finally {
      document.removeEventListener("keydown", onKey, true);
    }
    const last = all.at(-1)!;
    await exactly(last, 1, "the result the keys stopped on");
    // As above, the gaps between key presses are the runner's: an option active for 90 ms or more may have
    // been fetched, one active for less must not.
    for (let i = 0; i < all.length - 1; i++) {
      const held = stamps[i + 1] - stamps[i];
      if (held < 90) equal(await reads(all[i]), 0, `result ${i + 1}, active for ${Math.round(held)} ms`);
    }
  });

  it("a failed prefetch is not kept: opening the article asks again and shows it", async () => {
    const word = unique("failprefetch");
    const byTitle = await articles(word, 1);
    const el = await signedIn();
    await search(el, word, 1);
    const [a] = ids(el, byTitle);
    const heal = await fault({ path: `^/api/v3/articles/${a}$`, kind: "error", status: 500 });
    try {
      await press("ArrowDown");
      await exactly(a, 1, "the prefetch, failed");
    } finally {
      await heal();
    }
    equal($(el, "[part~=heading]"), null, "nothing opened yet");
    await press("Enter");
    const heading = await until(() => $(el, "[part~=heading]"), "the article, fetched again on open");
    equal(heading.textContent!.trim(), `${word} guide 1`, "the article");
    await exactly(a, 2, "the failed prefetch and the open");
  });

  it("with Save-Data on, nothing is prefetched and Enter still opens the article", async () => {
    const word = unique("saveprefetch");
    const byTitle = await articles(word, 1);
    Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true });
    try {
      const el = await signedIn();
      await search(el, word, 1);
      const [a] = ids(el, byTitle);
      await press("ArrowDown");
      await sendMouse({ type: "move", position: centre(options(el)[0]) });
      await exactly(a, 0, "Save-Data");
      await press("Enter");
      await until(() => $(el, "[part~=heading]"), "the article");
      await exactly(a, 1, "opened");
    } finally {
      delete (navigator as { connection?: unknown }).connection;
    }
  });

  it("a new identity does not open an article prefetched for the old one", async () => {
    // Seeded articles: an anonymous visitor may read them.
    const el = await mount();
    await search(el, "password", 1);
    const title = options(el)[0].querySelector("[part~=title]")!.textContent!.trim();
    // Articles only: an earlier test's reader may still be asking for its related articles.
    const articleReads = async () => (await requests("/v1/articles/")).filter((u) => !u.pathname.endsWith("/related"));
    const before = (await articleReads()).length;
    await press("ArrowDown");
    const url = await until(async () => (await articleReads())[before], "the first result's article, prefetched anonymously");
    const a = Number(url.pathname.split("/").pop());
    await exactly(a, 1, "prefetched anonymously");
    const searches = (await requests("/v1/search")).length;
    el.token = await signToken("staff@acme.test", 900);
    // The search runs again for the new user (who may see more); the list comes back with no option active.
    await until(async () => (await requests("/v1/search")).length > searches, "the search again, as the user");
    const i = Number(await until(() => {
      const titles = options(el).map((o) => o.querySelector("[part~=title]")!.textContent!.trim());
      return !$(el, "[role=listbox]")!.hidden && titles.indexOf(title) + 1;
    }, "the article in the user's results"));
    for (let k = 0; k < i; k++) await press("ArrowDown");
    await press("Enter");
    await until(() => $(el, "[part~=heading]")?.textContent?.trim() === title, "the article, as the user");
    await exactly(a, 2, "once anonymous, once as the user");
  });
});
