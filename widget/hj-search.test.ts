/**
 * <hj-search> inline mode against the real worker: the combobox, keyboard-only flows, the reader, votes,
 * states and events. Keys are real key presses (sendKeys), not synthetic events.
 */
import {
  $,
  $$,
  assert,
  cleanup,
  deepEqual,
  equal,
  fault,
  focused,
  input,
  live,
  mount,
  options,
  press,
  record,
  requests,
  search,
  settledRequests,
  signToken,
  sleep,
  type,
  unique,
  until,
  visible,
} from "./test/helpers.js";

document.documentElement.lang = "en";

const activeId = (el: Element) => input(el).getAttribute("aria-activedescendant");
const selected = (el: Element) => options(el).findIndex((o) => o.getAttribute("aria-selected") === "true");

describe("<hj-search> inline", () => {
  afterEach(cleanup);

  it("is a WAI-ARIA 1.2 combobox wired to its listbox", async () => {
    const el = await mount();
    const box = input(el);
    equal(box.getAttribute("role"), "combobox", "role");
    equal(box.getAttribute("aria-expanded"), "false", "collapsed at first");
    equal(box.getAttribute("aria-autocomplete"), "list", "aria-autocomplete");
    assert(box.getAttribute("aria-label"), "the input has an accessible name");
    const list = el.shadowRoot!.getElementById(box.getAttribute("aria-controls")!);
    equal(list?.getAttribute("role"), "listbox", "aria-controls names the listbox, in the same shadow root");
    equal(box.hasAttribute("aria-activedescendant"), false, "no active option yet");
    equal($(el, "[role=status]")?.getAttribute("aria-live"), "polite", "a polite live region");
  });

  it("searches as you type, highlights the words, shows categories and announces the count", async () => {
    const events = record("hj-search");
    const el = await mount({ limit: "5" });
    await search(el, "password");
    const opts = options(el);
    assert(opts.length > 0 && opts.length <= 5, `1–5 options, got ${opts.length}`);
    equal(input(el).getAttribute("aria-expanded"), "true", "expanded with results");
    for (const o of opts) {
      equal(o.getAttribute("aria-selected"), "false", "nothing selected before the arrows");
      assert(o.id && el.shadowRoot!.getElementById(o.id) === o, "each option has an id in the shadow root");
      assert(o.querySelector("[part~=title]")?.textContent, "a title");
      assert(o.querySelector("[part~=category]")?.textContent, "a category");
    }
    const marks = $$(el, "[role=option] mark").map((m) => m.textContent!.toLowerCase());
    assert(marks.includes("password"), `"password" is marked (marks: ${marks})`);
    await until(() => /\d/.test(live(el)), "the live region's count");
    assert(live(el).includes(String(opts.length)) || (opts.length === 1 && /1/.test(live(el))), `live region says ${opts.length}: "${live(el)}"`);
    await until(() => events.of("hj-search").length, "hj-search event");
    const e = events.of("hj-search").at(-1)!;
    deepEqual(e.detail, { query: "password", count: opts.length }, "hj-search detail");
    assert(e.bubbles && e.composed, "hj-search bubbles and is composed");
    // Resource Timing's entry lands a moment after the answer: polled.
    const url = await until(async () => (await requests("/v1/search")).find((u) => u.searchParams.get("q") === "password" && u.searchParams.get("limit") === "5"), "the search request");
    equal(url.searchParams.get("q"), "password", "q sent");
    equal(url.searchParams.get("limit"), "5", "limit sent");
    equal(url.searchParams.get("lang"), "en_US", "lang from <html lang>");
    events.stop();
  });

  it("debounces: typing a word sends one request, not one per letter", async () => {
    const el = await mount();
    const word = "invoice";
    const before = (await settledRequests("/v1/search")).length;
    await search(el, word);
    await sleep(400);
    const sent = (await requests("/v1/search")).slice(before).map((u) => u.searchParams.get("q"));
    assert(sent.length <= 2 && sent.at(-1) === word, `few requests, last for the whole word: ${JSON.stringify(sent)}`);
  });

  it("moves aria-activedescendant with ArrowDown/ArrowUp/Home/End, wrapping, and Enter opens the active result", async () => {
    const events = record("hj-select", "hj-article");
    const el = await mount();
    await search(el, "password", 2);
    const n = options(el).length;
    await press("ArrowDown");
    equal(activeId(el), options(el)[0].id, "ArrowDown → first");
    equal(selected(el), 0, "aria-selected follows");
    assert(options(el)[0].getAttribute("part")!.includes("option-active"), "the active option has part option-active");
    // Focus stays in the box, so the active option is marked as strongly as focus is: a 2px ring.
    const ring = getComputedStyle(options(el)[0]);
    assert(ring.outlineStyle === "solid" && parseFloat(ring.outlineWidth) >= 2 && ring.outlineColor !== "rgba(0, 0, 0, 0)", `a ring on the active option: ${ring.outline}`);
    equal(getComputedStyle(options(el)[1]).outlineStyle, "none", "no ring on the others");
    await press("ArrowDown");
    equal(selected(el), 1, "ArrowDown → second");
    await press("End");
    equal(selected(el), n - 1, "End → last");
    await press("ArrowDown");
    equal(selected(el), 0, "ArrowDown on the last wraps to the first");
    await press("ArrowUp");
    equal(selected(el), n - 1, "ArrowUp on the first wraps to the last");
    await press("Home");
    equal(selected(el), 0, "Home → first");
    equal(focused(), input(el), "DOM focus never left the input");
    await press("Enter");
    const heading = await until(() => $(el, "[part~=heading]"), "the reader's heading");
    await until(() => focused() === heading, "focus on the article title");
    equal(heading.getAttribute("tabindex"), "-1", "the title is focusable by script only");
    equal(heading.tagName, "H2", "the title is a heading");
    assert($(el, "[part~=body]")!.innerHTML.includes("<"), "the article's html is rendered");
    const link = $<HTMLAnchorElement>(el, "[part~=link]")!;
    assert(/^https?:\/\//.test(link.href), "a link to the article in the help center");
    equal(input(el).getAttribute("aria-expanded"), "false", "the list is closed while reading");
    await until(() => events.of("hj-article").length, "hj-article");
    const sel = events.of("hj-select")[0];
    const art = events.of("hj-article")[0];
    equal(typeof sel.detail.id, "number", "hj-select carries the id");
    equal(art.detail.id, sel.detail.id, "hj-article is the selected article");
    equal(art.detail.lang, "en_US", "hj-article carries the language");
    assert(sel.composed && art.composed && sel.bubbles, "bubbling, composed");
    const url = await until(async () => (await requests(`/v1/articles/${sel.detail.id}`)).filter((u) => u.pathname === `/v1/articles/${sel.detail.id}`).at(-1), "the article request");
    equal(url.searchParams.get("lang"), "en_US", "lang sent with the article request");
    events.stop();
  });

  it("Escape steps back from the reader to the list, then closes the list, then clears", async () => {
    const el = await mount();
    await search(el, "password", 2);
    await press("ArrowDown");
    await press("ArrowDown");
    await press("Enter");
    const heading = await until(() => $(el, "[part~=heading]"), "reader");
    await until(() => focused() === heading, "focus on title");
    await press("Escape");
    await until(() => focused() === input(el), "focus back in the input");
    equal($(el, "[part~=reader]"), null, "reader closed");
    equal(input(el).getAttribute("aria-expanded"), "true", "list open again");
    equal(selected(el), 1, "the article just read is the active option");
    await press("Escape");
    equal(input(el).getAttribute("aria-expanded"), "false", "Escape closes the list");
    equal(input(el).value, "password", "but keeps the text");
    assert(!visible($(el, "[part~=popup]")), "the dropdown is gone");
    await press("Escape");
    equal(input(el).value, "", "the next Escape clears the box");
    await press("ArrowDown");
    equal(input(el).getAttribute("aria-expanded"), "false", "nothing to open once cleared");
  });

  it("the reader's back button returns focus to the input; Tab reaches the reader's controls", async () => {
    const el = await mount();
    await search(el, "password");
    options(el)[0].click();
    const heading = await until(() => $(el, "[part~=heading]"), "reader");
    await until(() => focused() === heading, "focus on title");
    // Shift+Tab from the title lands on the back button (it comes first), Enter presses it.
    await press("Shift+Tab");
    equal(focused(), $(el, "[part~=back]"), "back button reached by keyboard");
    await press("Enter");
    await until(() => focused() === input(el), "focus back in the input");
    equal(selected(el), 0, "the clicked result is active");
  });

  it("does not select while an IME composition is open", async () => {
    const events = record("hj-select");
    const el = await mount();
    await search(el, "password");
    await press("ArrowDown");
    const box = input(el);
    // An input method composing text owns Enter and the arrows; the browser marks its keys isComposing.
    box.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, composed: true, data: "" }));
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, composed: true, isComposing: true, cancelable: true }));
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true, isComposing: true, cancelable: true }));
    await sleep(100);
    equal(selected(el), 0, "arrows ignored while composing");
    equal(events.of("hj-select").length, 0, "no selection while composing");
    equal($(el, "[part~=reader]"), null, "no reader");
    // Even a keydown not flagged isComposing (Safari sends Enter after compositionend) is ignored until it ends.
    box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true, cancelable: true }));
    equal(events.of("hj-select").length, 0, "still no selection before compositionend");
    box.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, composed: true, data: "" }));
    await press("Enter");
    await until(() => events.of("hj-select").length === 1, "Enter selects once the composition ended");
    events.stop();
  });

  it("a word committed by an input method searches and opens the list, as Chrome sends no input after it", async () => {
    const el = await mount();
    const box = input(el);
    box.focus();
    // Chrome's order: compositionstart, input events flagged isComposing, then compositionend and nothing more.
    box.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, composed: true, data: "" }));
    box.value = "password";
    box.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, isComposing: true, data: "password" }));
    box.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, composed: true, data: "password" }));
    await until(() => options(el).length > 0 && box.getAttribute("aria-expanded") === "true", "results shown after compositionend");
  });

  it("a slow answer to an older query never replaces the newer one's results", async () => {
    const slow = unique("invoice");
    await fault({ path: "^/api/v3/search$", query: slow, kind: "latency", ms: 1500 });
    const el = await mount();
    input(el).focus();
    await type(slow);
    // Past the debounce: the slow request is in flight.
    await until(async () => (await requests("/v1/search")).some((u) => u.searchParams.get("q") === slow), "slow request sent");
    input(el).select();
    await type("password");
    await until(() => options(el).length && $$(el, "[role=option] mark").some((m) => /password/i.test(m.textContent!)), "fast results");
    const fast = options(el).map((o) => o.textContent);
    await sleep(1800);
    deepEqual(options(el).map((o) => o.textContent), fast, "still the newer query's results after the slow one would have answered");
    equal(input(el).value, "password", "box unchanged");
  });

  it("shows loading, then no results with the contact link", async () => {
    const nothingHere = unique("zzqx");
    await fault({ path: "^/api/v3/search$", query: nothingHere, kind: "latency", ms: 700 });
    const el = await mount({ "contact-url": "https://example.com/contact" });
    input(el).focus();
    await type(nothingHere);
    const loading = await until(() => $(el, "[part~=loading]"), "loading state");
    assert(visible(loading), "loading is visible");
    const none = await until(() => $(el, "[part~=none]"), "no-results state");
    assert(none.textContent!.includes(nothingHere), "no-results names the query");
    const link = $<HTMLAnchorElement>(el, "[part~=contact]")!;
    equal(link.href, "https://example.com/contact", "contact link");
    equal(input(el).getAttribute("aria-expanded"), "false", "no listbox for no results");
    await until(() => live(el).includes(nothingHere), "announced");
  });

  it("shows an error with a retry button, reports hj-error, and retries", async () => {
    const events = record("hj-error", "hj-search");
    const q = unique("password");
    const heal = await fault({ path: "^/api/v3/search$", query: q, kind: "error", status: 403 }); // refused: the one failure the edge index (built by /v1/popular) does not stand in for
    const el = await mount();
    input(el).focus();
    await type(q);
    const err = await until(() => $(el, "[part~=error]"), "error state");
    assert(err.textContent!.trim().length > 0, "an error message");
    await until(() => events.of("hj-error").length, "hj-error");
    const e = events.of("hj-error")[0];
    assert(typeof e.detail.code === "string" && typeof e.detail.message === "string", "hj-error {code, message}");
    assert(e.composed && e.bubbles, "bubbling, composed");
    await until(() => live(el).length > 0, "error announced");
    await heal();
    // Keyboard: Tab from the box reaches Retry.
    await press("Tab");
    equal(focused(), $(el, "[part~=retry]"), "Tab reaches the retry button");
    await press("Enter");
    await until(() => events.of("hj-search").length || $(el, "[part~=none]") || options(el).length, "retry answered");
    equal($(el, "[part~=error]"), null, "error gone after a successful retry");
    events.stop();
  });

  it("hj-select can be cancelled to keep the reader closed", async () => {
    const el = await mount();
    const cancel = (e: Event) => e.preventDefault();
    el.addEventListener("hj-select", cancel);
    await search(el, "password");
    await press("ArrowDown");
    await press("Enter");
    await sleep(200);
    equal($(el, "[part~=reader]"), null, "no reader");
    el.removeEventListener("hj-select", cancel);
  });

  it("folds the dropdown away when focus or a click goes elsewhere, and reopens on ArrowDown", async () => {
    const el = await mount();
    const outside = document.createElement("button");
    outside.textContent = "elsewhere";
    document.body.append(outside);
    await search(el, "password");
    // Options are not focusable (focus stays in the box, aria-activedescendant points), so Tab leaves.
    await press("Tab");
    const f = focused();
    assert(f === outside, `Tab leaves the widget (focus on ${f?.tagName}.${f?.className} part=${f?.getAttribute("part")})`);
    assert(!visible($(el, "[part~=popup]")), "dropdown closed after Tab out");
    input(el).focus();
    await press("ArrowDown");
    equal(input(el).getAttribute("aria-expanded"), "true", "ArrowDown reopens");
    equal(selected(el), 0, "…on the first option");
    outside.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, composed: true }));
    await until(() => input(el).getAttribute("aria-expanded") === "false", "outside click closes");
    outside.remove();
  });

  it("sends the token as a bearer token: a signed staff user finds internal articles", async () => {
    const anon = await mount();
    await search(anon, "playbook", 0);
    await until(() => $(anon, "[part~=none]") || options(anon).length, "anonymous answer");
    const anonCount = options(anon).length;
    const token = await signToken("staff@acme.test");
    cleanup();
    const staff = await mount({ token });
    await search(staff, "playbook");
    assert(options(staff).length > anonCount, `staff sees more (${options(staff).length}) than anonymous (${anonCount})`);
    cleanup();
    let calls = 0;
    const viaFn = await mount({}, { getToken: async () => (calls++, token) });
    await search(viaFn, "playbook");
    assert(options(viaFn).length > anonCount, "getToken() works too");
    assert(calls >= 1, "getToken called");
  });

  it("a new identity searches again at once and reloads the open article without taking focus", async () => {
    const token = await signToken("staff@acme.test");
    // A panel, as in-app help is: it stays open while the user works elsewhere on the page.
    const el = await mount({ mode: "panel" }, { getToken: async () => token });
    await search(el, "playbook");
    const titles = () => options(el).map((o) => o.querySelector("[part~=title]")!.textContent!.trim());
    const staff = titles();
    // Counted once the staff search's entry has landed, so the next one is the new search.
    const before = (await settledRequests("/v1/search")).length;

    // The host app signs the user out: a new getToken, nobody typing.
    el.getToken = async () => null;
    await until(() => titles().length < staff.length, `fewer results as anonymous than staff's ${staff.length}`);
    // Resource Timing's entry lands a moment after the answer is read: polled.
    await until(async () => (await requests("/v1/search")).length > before, "a new search was sent");
    const anon = titles();
    const internal = staff.filter((t) => !anon.includes(t));
    assert(internal.length > 0, "staff saw articles the anonymous visitor does not");

    // Signed in again, reading an internal article; signing out takes it off the screen.
    el.token = token;
    el.getToken = undefined;
    await until(() => titles().length === staff.length, "staff results back");
    const i = titles().indexOf(internal[0]);
    input(el).focus();
    for (let k = 0; k <= i; k++) await press("ArrowDown");
    await press("Enter");
    await until(() => $(el, "[part~=heading]")?.textContent?.trim() === internal[0], "the internal article in the reader");
    // A renewed token for the same user: the article stays, and so does focus on the 👍 button.
    const up = $(el, "[part~=vote-up]")!;
    up.focus();
    const heading = $(el, "[part~=heading]");
    const reads = (await settledRequests(`/v1/articles/`)).length;
    el.token = await signToken("staff@acme.test", 900);
    await until(async () => (await requests(`/v1/articles/`)).length > reads, "the article fetched again");
    await sleep(300);
    equal($(el, "[part~=heading]"), heading, "the same article stays on screen");
    equal(focused(), up, "focus stays on 👍");

    // Signed out with focus in the reader: the not-found message, and focus on its Back button.
    el.token = undefined;
    await until(() => $(el, "[part~=error]"), "the reader's not-found message");
    equal($(el, "[part~=heading]"), null, "the internal article is gone");
    await until(() => focused() === $(el, "[part~=back]"), "focus on Back, not lost to <body>");

    // Signed in again and reading; signed out while focus is elsewhere on the page: focus stays there.
    el.token = token;
    await until(() => titles().length === staff.length, "staff results back");
    await press("Enter"); // Back, to the list
    await until(() => options(el).length === staff.length && selected(el) === i, "back on the list, on the article just read");
    await press("Enter");
    await until(() => $(el, "[part~=heading]")?.textContent?.trim() === internal[0], "the internal article again");
    const elsewhere = document.createElement("button");
    document.body.append(elsewhere);
    elsewhere.focus();
    el.token = undefined;
    await until(() => $(el, "[part~=error]"), "the reader's not-found message");
    equal(document.activeElement, elsewhere, "focus stays where the page put it");
    elsewhere.remove();
  });

  it("Back after the list changed underneath lands on the same article, not the same position", async () => {
    const token = await signToken("staff@acme.test");
    const el = await mount({ mode: "panel" }, { token });
    await search(el, "password");
    const titles = () => options(el).map((o) => o.querySelector("[part~=title]")!.textContent!.trim());
    const same = (want: string[]) => JSON.stringify(titles()) === JSON.stringify(want);
    const staff = titles();
    el.token = undefined;
    await until(() => titles().length > 0 && !same(staff), "anonymous results");
    const anon = titles();
    // A public article that sits at another position in staff's list than in the anonymous one.
    const k = anon.findIndex((t, n) => staff.indexOf(t) !== n);
    assert(k >= 0, `an article that moves between ${JSON.stringify(staff)} and ${JSON.stringify(anon)}`);
    el.token = token;
    await until(() => same(staff), "staff results back");
    const j = staff.indexOf(anon[k]);
    input(el).focus();
    for (let n = 0; n <= j; n++) await press("ArrowDown");
    await press("Enter");
    await until(() => focused() === $(el, "[part~=heading]"), "reading");
    // Signed out while reading: the list changes under the reader.
    el.token = undefined;
    await until(() => same(anon), "the anonymous list");
    await press("Escape");
    await until(() => !$(el, "[part~=heading]"), "back on the list");
    equal(selected(el), k, `the active option is the article just read (${anon[k]}), not position ${j}`);
  });

  it("a rejected token shows the signed-out message and reports unauthorized", async () => {
    const events = record("hj-error");
    const el = await mount({ token: "not-a-valid-token" });
    input(el).focus();
    await type(unique("password"));
    await until(() => $(el, "[part~=error]"), "error state");
    await until(() => events.of("hj-error").length, "hj-error");
    equal(events.of("hj-error")[0].detail.code, "unauthorized", "code");
    events.stop();
  });
});
