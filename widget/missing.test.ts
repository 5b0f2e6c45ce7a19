/**
 * "What was missing?" after a 👎 in the reader (missing.ts), against the real worker's POST /v1/events: the box
 * shows only after 👎, sends what was typed, thanks the visitor and goes; a failed send says so and keeps the text.
 */
import { $, assert, cleanup, equal, focused, mount, noSeriousA11yViolations, options, press, record, search, signToken, type, until } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";
import { LATER } from "./strings/later.js";

document.documentElement.lang = "en";
document.title = "hj-search: what was missing";
const en = LATER.en;

/** Opens the n-th result of a search for `q` by keyboard; resolves to the article's id and title. */
async function read(el: HjSearch, q: string, n = 0) {
  const events = record("hj-article");
  await search(el, q, n + 1);
  for (let i = 0; i <= n; i++) await press("ArrowDown");
  await press("Enter");
  const heading = await until(() => $(el, "[part~=heading]"), "reader");
  await until(() => focused() === heading, "title focused");
  const { id } = (await until(() => events.of("hj-article")[0], "hj-article")).detail;
  events.stop();
  return { id: id as number, title: heading.textContent!.trim() };
}

async function vote(el: HjSearch, v: "up" | "down") {
  const events = record("hj-vote");
  $(el, `[part~=vote-${v}]`)!.click();
  await until(() => events.of("hj-vote").length, "hj-vote");
  events.stop();
}

const box = (el: HjSearch) => $<HTMLTextAreaElement>(el, "[part~=missing-text]");
const count = (el: HjSearch) => $(el, "#missing-count")!.textContent!.trim();

/**
 * The comments the page posts to /v1/events (the request goes on to the worker unchanged); with `fail` set,
 * the next ones fail as a dropped connection does, before reaching it.
 */
function watch() {
  const original = window.fetch;
  const ctl = { sent: [] as { body: any; headers: Headers }[], fail: false, restore: () => void (window.fetch = original) };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith("/v1/events") && init?.method === "POST") {
      ctl.sent.push({ body: JSON.parse(String(init.body)), headers: new Headers(init.headers) });
      if (ctl.fail) throw new TypeError("Failed to fetch");
    }
    return original(input, init);
  };
  return ctl;
}

describe("what was missing, after 👎", () => {
  let w: ReturnType<typeof watch>;
  beforeEach(() => {
    localStorage.clear();
    w = watch();
  });
  afterEach(() => {
    w.restore();
    cleanup();
    localStorage.clear();
  });

  it("appears only after 👎 (not before a vote, not after 👍): labelled, limited to 500, with the contact link; axe-clean", async () => {
    const el = await mount({ "contact-url": "https://example.com/contact?about={q}", theme: "light" });
    await read(el, "invoice", 0);
    equal($(el, "[part~=missing]"), null, "no box before a vote");
    await vote(el, "up");
    equal($(el, "[part~=missing]"), null, "no box after 👍");

    await press("Escape");
    await until(() => !$(el, "[part~=reader]") && options(el).length > 1, "back to the list");
    await press("ArrowDown");
    await press("Enter");
    const heading = await until(() => $(el, "[part~=heading]"), "the second article");
    const title = heading.textContent!.trim();
    await until(() => $(el, "[part~=vote-down]")?.getAttribute("aria-pressed") === "false", "not voted yet");
    equal($(el, "[part~=missing]"), null, "no box on another article");
    $(el, "[part~=vote-down]")!.focus();
    await press("Enter");
    const area = await until(() => box(el), "the box after 👎");

    const label = $(el, "label[for=missing-text]")!;
    equal(label.textContent!.trim(), en.missingAsk, "labelled for screen readers");
    equal(area.id, "missing-text", "the label names the box");
    equal(area.maxLength, 500, "at most 500 characters");
    equal(count(el), "0 of 500 characters", "the limit is stated");
    assert(area.getAttribute("aria-describedby")!.split(" ").includes("missing-count"), "the count describes the box");
    const contact = $<HTMLAnchorElement>(el, "[part~=missing] [part~=contact]")!;
    equal(contact.textContent!.trim(), en.contact, "the contact link");
    equal(contact.getAttribute("href"), `https://example.com/contact?about=${encodeURIComponent(title)}`, "{q} is the article's title while nothing is typed");
    equal(focused(), $(el, "[part~=vote-down]"), "focus stays on 👎");
    await press("Tab");
    equal(focused(), area, "Tab goes on to the box");
    equal(w.sent.length, 0, "nothing sent until Send");
    await noSeriousA11yViolations("the missing box");
  });

  it("a signed user's comment, typed and sent by keyboard, reaches the worker with no token or visitor id; a thank-you replaces the box", async () => {
    const token = await signToken("viewer@acme.test");
    // Dark, so axe checks the box's contrast in both schemes (the first test is light).
    const el = await mount({ "contact-url": "https://example.com/contact?about={q}", theme: "dark" }, { token });
    const { id } = await read(el, "export", 0);
    await vote(el, "down");
    const area = await until(() => box(el), "the box after 👎");
    area.focus();
    const text = "The steps for exporting from Safari are missing.";
    await type(text);
    await until(() => area.value === text, "typed");
    equal(count(el), `${text.length} of 500 characters`, "the count follows");
    await until(() => $<HTMLAnchorElement>(el, "[part~=missing] [part~=contact]")!.getAttribute("href")!.endsWith(encodeURIComponent(text)), "{q} is what was typed");
    await press("Tab");
    equal(focused(), $(el, "[part~=missing-send]"), "Tab reaches Send");
    await press("Enter");
    const thanks = await until(() => $(el, "[part~=missing-thanks]"), "a thank-you");
    equal(thanks.textContent!.trim(), en.missingThanks, "says it was sent");
    equal(box(el), null, "the box is gone");
    await until(() => focused() === thanks, "focus on the thank-you, not lost with the button");
    equal(w.sent.length, 1, "one request");
    equal(JSON.stringify(w.sent[0].body), JSON.stringify({ kind: "missing", id, text, lang: "en_US" }), "what it says");
    equal(w.sent[0].headers.get("Authorization"), null, "no token");
    equal(w.sent[0].headers.get("X-HJ-Visitor"), null, "no visitor id");
    assert($(el, "[part~=missing] [part~=contact]"), "the contact link stays");
    await noSeriousA11yViolations("after sending");
  });

  it("Send with nothing typed sends nothing; a failed send says so and keeps the text; sending again works", async () => {
    const el = await mount();
    await read(el, "sso", 0);
    await vote(el, "down");
    const area = await until(() => box(el), "the box after 👎");
    equal($(el, "[part~=missing] [part~=contact]"), null, "no contact link without contact-url");
    $(el, "[part~=missing-send]")!.click();
    await until(() => focused() === area, "focus back in the empty box");
    equal(w.sent.length, 0, "nothing sent");

    area.focus();
    await type("Nothing about SAML certificates");
    w.fail = true;
    $(el, "[part~=missing-send]")!.click();
    const status = await until(() => ($(el, "[part~=missing-status]")!.textContent!.trim() === en.missingFailed ? $(el, "[part~=missing-status]") : null), "the failure said");
    equal(status.getAttribute("role"), "status", "announced");
    equal(box(el)!.value, "Nothing about SAML certificates", "the text is kept");
    equal($(el, "[part~=missing-thanks]"), null, "no thank-you");

    w.fail = false;
    $(el, "[part~=missing-send]")!.click();
    await until(() => $(el, "[part~=missing-thanks]"), "sent on the second try");
    equal(w.sent.length, 2, "tried twice");
    equal(w.sent[1].body.text, "Nothing about SAML certificates", "the same text");
  });
});
