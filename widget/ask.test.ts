/** Ask in the widget, against the real worker and its extractive answerer on the fake knowledge base. */
import { $, $$, assert, cleanup, equal, input, live, mount, noSeriousA11yViolations, press, record, search, stack, type, until } from "./test/helpers.js";
import { ASK } from "./strings/ask.js";
import { isQuestion } from "./question.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";
document.title = "hj-search Ask";

const answer = (el: HjSearch) => $(el, "[part~=answer]");
const answerText = (el: HjSearch) => $(el, "[part~=answer-text]")?.textContent?.replace(/\s+/g, " ").trim() ?? "";

async function openPanel(attrs: Record<string, string> = {}) {
  const el = await mount({ mode: "panel", ...attrs });
  input(el).focus();
  return el;
}

/** Replaces fetch for POST /v1/ask with `respond` (the rest goes through), until the returned undo. */
function interceptAsk(respond: (body: any) => Response): { bodies: any[]; undo: () => void } {
  const real = window.fetch;
  const bodies: any[] = [];
  window.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
    if (String(url).endsWith("/v1/ask")) {
      const body = JSON.parse(String(init?.body));
      bodies.push(body);
      return respond(body);
    }
    return real(url, init);
  }) as typeof fetch;
  return { bodies, undo: () => (window.fetch = real) };
}

/** The stack searches Helpjuice (its tests steer it); Ask reads the edge index, whose first build the first question starts. */
before(async function () {
  this.timeout(60_000);
  const { workerUrl } = await stack();
  await until(
    async () =>
      (
        await fetch(`${workerUrl}/v1/ask`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ question: "warm up?" }) })
      ).status === 200,
    "the edge index built",
    55_000,
  );
});

describe("Ask", () => {
  afterEach(cleanup);

  it("Enter on a question asks: a cited answer streams in, is announced, and fires hj-ask", async () => {
    const events = record("hj-ask");
    const el = await openPanel();
    await type("How do I reset my password?");
    await press("Enter");
    const region = await until(() => answer(el), "the answer region");
    await until(() => region.getAttribute("aria-busy") === "false" && $(el, "[part~=citation]"), "a cited answer");
    assert(/sign-in page|Forgot password/.test(answerText(el)), `the answer quotes the article: ${answerText(el)}`);
    equal(live(el), ASK.en.ready, "screen readers hear it is ready");
    const sources = $$(el, "[part~=sources] a");
    assert(sources.some((a) => a.textContent === "Reset your password"), "the cited article is listed as a source");
    await until(() => events.of("hj-ask").length, "hj-ask");
    equal(JSON.stringify(events.of("hj-ask")[0].detail), JSON.stringify({ question: "How do I reset my password?", answered: true, mode: "extractive" }), "hj-ask detail");
    await noSeriousA11yViolations("an answer");
    events.stop();
  });

  it("a citation pill opens the reader at the cited passage, marked", async () => {
    const el = await openPanel();
    await type("How do I reset my password?");
    await press("Enter");
    const pill = await until(() => $(el, "[part~=citation]"), "a citation");
    assert(/^Source 1: /.test(pill.getAttribute("aria-label") ?? ""), "the pill names its source");
    pill.click();
    await until(() => $(el, "[part~=heading]")?.textContent === "Reset your password", "the cited article in the reader");
    const marked = await until(() => $(el, ".hj-cited"), "the passage marked");
    assert(/sign-in page|reset/i.test(marked.textContent ?? ""), `the marked passage: ${marked.textContent}`);
  });

  it("declines what the articles do not cover, and offers contact with the question", async () => {
    const el = await openPanel({ "contact-url": "https://help.example.com/contact?q={q}" });
    await type("What is the capital of Mongolia?");
    await press("Enter");
    await until(() => $(el, "[part~=declined]"), "a decline");
    equal($(el, "[part~=declined]")!.textContent, ASK.en.declined, "says so plainly");
    const contact = $<HTMLAnchorElement>(el, "[part~=answer] [part~=contact]")!;
    equal(contact.href, "https://help.example.com/contact?q=What%20is%20the%20capital%20of%20Mongolia%3F", "contact carries the question");
  });

  it("Enter on an active option still opens it; the Ask button asks any text", async () => {
    const el = await openPanel();
    // A question with results: Enter on its active option is a choice, not a question.
    await search(el, "reset password?");
    await press("ArrowDown");
    await press("Enter");
    await until(() => $(el, "[part~=heading]"), "the reader, not an answer");
    assert(!answer(el), "no answer for Enter on an option");
    cleanup();
    const again = await openPanel();
    await type("invoice download");
    const button = await until(() => $(again, "[part~=ask]"), "the Ask button");
    button.click();
    await until(() => $(again, "[part~=citation]"), "an answer to the button");
  });

  it("Stop ends a streaming answer; a follow-up sends the last turns as history", async () => {
    const enc = new TextEncoder();
    let hold!: ReadableStreamDefaultController<Uint8Array>;
    const fake = interceptAsk(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              hold = c;
              c.enqueue(enc.encode('event: sources\ndata: [{"n":1,"id":12,"title":"Reset your password","url":"https://x/12","heading":"","snippet":"Go to the sign-in page"}]\n\n'));
              c.enqueue(enc.encode('event: delta\ndata: {"text":"Go to the sign-in page [1]."}\n\n'));
            },
          }),
          { headers: { "Content-Type": "text/event-stream" } },
        ),
    );
    try {
      const el = await openPanel();
      await type("How do I reset my password?");
      await press("Enter");
      const region = await until(() => answer(el), "the answer region");
      await until(() => region.getAttribute("aria-busy") === "true" && $(el, "[part~=citation]"), "streaming with a citation");
      $(el, "[part~=answer-button][part~=stop]")!.click();
      await until(() => region.getAttribute("aria-busy") === "false", "stopped");
      equal(live(el), ASK.en.stopped, "announced");
      hold.close();

      // A finished answer, then a follow-up: the first turn travels with it.
      fake.undo();
      const done = interceptAsk(
        () =>
          new Response(
            'event: sources\ndata: [{"n":1,"id":12,"title":"Reset your password","url":"https://x/12","heading":"","snippet":"s"}]\n\nevent: delta\ndata: {"text":"Use Forgot password [1]."}\n\nevent: done\ndata: {"answered":true,"citations":[1],"mode":"ai"}\n\n',
            { headers: { "Content-Type": "text/event-stream" } },
          ),
      );
      input(el).select();
      await type("How do I reset my password?");
      await press("Enter");
      await until(() => live(el) === ASK.en.ready, "first answer");
      input(el).select();
      await type("What if the email never arrives?");
      await press("Enter");
      await until(() => done.bodies.length === 2, "the follow-up");
      equal(JSON.stringify(done.bodies[1].history), JSON.stringify([{ question: "How do I reset my password?", answer: "Use Forgot password [1]." }]), "history");
      done.undo();
    } finally {
      fake.undo();
    }
  });

  it("reads a question in each UI language, and has Ask's text in all of them", () => {
    for (const [text, code] of [
      ["How do I export?", "en_US"],
      ["how do i export", "en_US"],
      ["¿Cómo exporto?", "es_ES"],
      ["cómo exporto los datos", "es_ES"],
      ["Wie exportiere ich", "de_DE"],
      ["Comment exporter", "fr_FR"],
      ["Como exportar", "pt_BR"],
      ["エクスポートする方法", "ja_JP"],
      ["كيف أصدّر البيانات", "ar_SA"],
      ["تصدير البيانات؟", "ar_SA"],
    ] as const)
      assert(isQuestion(text, code), `${code}: ${text} is a question`);
    assert(!isQuestion("invoice download", "en_US"), "a keyword search is not");
    for (const code of Object.keys(ASK)) {
      equal(JSON.stringify(Object.keys(ASK[code])), JSON.stringify(Object.keys(ASK.en)), `Ask's keys in ${code}`);
      // French writes "Sources" as English does.
      const same = (Object.keys(ASK.en) as (keyof typeof ASK.en)[]).filter((k) => ASK[code][k] === ASK.en[k] && !(code === "fr" && k === "sources"));
      if (code !== "en") equal(same.join(), "", `${code}: Ask's text translated`);
      assert(ASK[code].cite.includes("{n}") && ASK[code].cite.includes("{title}"), `${code} cite keeps its placeholders`);
    }
  });
});
