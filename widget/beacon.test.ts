/**
 * The insights beacon (POST /v1/events): a result opened, contact followed, a search abandoned. It lives in
 * the search chunk, never in the script a page loads first; the worker takes what it sends with a 204.
 */
import { $, cleanup, equal, assert, mount, options, press, record, search, stack, until } from "./test/helpers.js";

document.documentElement.lang = "en";

type Sent = { url: string; body: any };

describe("the insights beacon", () => {
  let sent: Sent[] = [];
  let original: Navigator["sendBeacon"];
  beforeEach(() => {
    sent = [];
    original = navigator.sendBeacon;
    navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
      sent.push({ url: String(url), body: JSON.parse(String(data)) });
      return true;
    };
  });
  afterEach(() => {
    navigator.sendBeacon = original;
    cleanup();
  });

  it("is not in the script a page loads first", async () => {
    const { workerUrl } = await stack();
    const entry = await (await fetch(`${workerUrl}/hj-search.js`)).text();
    assert(!entry.includes("/v1/events"), "the beacon is in a lazily loaded chunk");
  });

  it("a result opened sends its query, 1-based position and article; the worker answers 204", async () => {
    const events = record("hj-select");
    const el = await mount();
    await search(el, "invoice", 2);
    await press("ArrowDown");
    await press("ArrowDown");
    await press("Enter");
    const id = (await until(() => events.of("hj-select")[0], "hj-select")).detail.id;
    const open = await until(() => sent.find((s) => s.body.kind === "open"), "an open beacon");
    equal(JSON.stringify(open.body), JSON.stringify({ kind: "open", q: "invoice", position: 2, id, lang: "en_US" }), "what it says");
    const { workerUrl } = await stack();
    equal(open.url, `${workerUrl}/v1/events`, "where it goes");
    // What sendBeacon would have posted: a string, so text/plain, so no preflight.
    const res = await fetch(open.url, { method: "POST", body: JSON.stringify(open.body) });
    equal(res.status, 204, "the worker takes it");
    events.stop();
  });

  it("contact support followed after a search with no results", async () => {
    const el = await mount({ "contact-url": "https://example.com/contact" });
    await search(el, "qqzzxx nothing at all", 0);
    const link = await until(() => $(el, "[part~=contact]"), "the contact link");
    link.addEventListener("click", (e) => e.preventDefault()); // stay on the test page
    link.click();
    const c = await until(() => sent.find((s) => s.body.kind === "contact"), "a contact beacon");
    equal(c.body.q, "qqzzxx nothing at all", "the query");
    // Followed, so not abandoned as well.
    $<HTMLInputElement>(el, "input")!.focus();
    await press("Escape");
    await press("Escape");
    equal(sent.filter((s) => s.body.kind === "abandon").length, 0, "no abandon after contact");
  });

  it("a search cleared with nothing opened is abandoned, once", async () => {
    const el = await mount();
    await search(el, "invoice");
    assert(options(el).length > 0, "results");
    await press("Escape"); // closes the list
    await press("Escape"); // clears the box
    const a = await until(() => sent.find((s) => s.body.kind === "abandon"), "an abandon beacon");
    equal(a.body.q, "invoice", "the query");
    el.remove();
    equal(sent.filter((s) => s.body.kind === "abandon").length, 1, "once");
  });
});
