/**
 * "What was missing" (issue #21, item 6): after a 👎 the widget posts a comment through POST /v1/events; it is
 * scrubbed, queued, stored only as part of the article's daily aggregate (migrations/0006), capped per article
 * a day, pruned with the other aggregates, and listed per article in GET /v1/insights and its CSV — never
 * with a visitor id or address. Bad input is a 400 before anything is read into or sent to the queue.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { addDays, dayOf, MAX_MISSING_PER_DAY } from "../../worker/core/insights/events";
import { insightComment } from "../../worker/core/insights/scrub";
import { csvCell } from "../../worker/core/insights/csv";
import type { Env } from "../../worker/env";
import { APP_ORIGIN, call, callSettled, json, limiter, resetAll, TEST_VARS, type Overrides } from "./support";
import { capture, deliver } from "./insights-support";
import { PUBLIC } from "./seed-facts";

const AUTH = { Authorization: `Bearer ${TEST_VARS.INSIGHTS_TOKEN}` };
const ID = PUBLIC[0].id;

function send(body: unknown, vars: Overrides = {}, headers: Record<string, string> = {}) {
  return call(
    "/v1/events",
    { method: "POST", headers: { "Content-Type": "text/plain;charset=UTF-8", Origin: APP_ORIGIN, ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) },
    vars,
  );
}

const stored = async () => (await env.HJ_INDEX!.prepare("SELECT * FROM insight_missing ORDER BY day, article_id, text").all<Record<string, unknown>>()).results;

/** A queue message of `missing` events on `day`. */
const message = (id: string, day: string, texts: string[], article = ID) => ({
  v: 1,
  id,
  at: Date.parse(`${day}T09:00:00Z`),
  events: texts.map((text) => ({ k: "missing", id: article, lang: "en_US", text })),
});

beforeEach(resetAll);

describe("scrubbing a comment", () => {
  it.each([
    ["Nothing on refunds. Mail me: Jane.Doe@Example.com", "Nothing on refunds. Mail me: [email]"],
    ["Call +1 (555) 123-4567 or order 98765432", "Call [number] or order [number]"],
    // A link keeps its origin and path (what authors need), never its query or fragment (tokens, addresses).
    ["See https://app.acme.test/reset?token=abc123XYZ&email=jane%40x.io#step2 please", "See https://app.acme.test/reset please"],
    ["https://app.acme.test/users/1234567/billing is wrong", "https://app.acme.test/users/[number]/billing is wrong"],
    ["  two\n\nlines\tand\u0000a null  ", "two lines and a null"],
    ["Ｗｉｄｅ ＰＤＦ export, error 404, v2.3", "Wide PDF export, error 404, v2.3"],
  ])("%j", (raw, out) => expect(insightComment(raw)).toBe(out));

  it("keeps its case and cuts at 500 characters (code points)", () => {
    expect(insightComment("😀".repeat(600))).toBe("😀".repeat(500));
    expect(insightComment(insightComment("Mail a@b.co, card 4111 1111 1111 1111"))).toBe("Mail [email], card [number]");
  });
});

describe("POST /v1/events with kind missing", () => {
  it("answers 204, queues the comment scrubbed, with no visitor id, address or token on its way", async () => {
    const { sent, vars } = capture();
    const { res, settled } = await send(
      { kind: "missing", id: ID, text: "How do I export to PDF? Write to jane.doe@example.com or +44 20 7946 0958", lang: "en_US" },
      vars,
      { "X-HJ-Visitor": "visitor-abc-123", "CF-Connecting-IP": "203.0.113.9", Authorization: "Bearer some.user.token" },
    );
    await settled;
    expect(res.status).toBe(204);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ events: [{ k: "missing", id: ID, lang: "en_US", text: "How do I export to PDF? Write to [email] or [number]" }] });
    expect(JSON.stringify(sent)).not.toMatch(/jane|7946|visitor-abc|203\.0\.113|some\.user/);
  });

  it("takes 500 characters as a person counts them (emoji too), trimmed first", async () => {
    const { sent, vars } = capture();
    for (const text of ["x".repeat(500), `  ${"😀".repeat(500)}  `]) {
      const { res, settled } = await send({ kind: "missing", id: ID, text }, vars);
      await settled;
      expect(res.status).toBe(204);
    }
    expect(sent).toHaveLength(2);
  });

  it("400 with a clear message for a bad comment, before anything is queued", async () => {
    const { sent, vars } = capture();
    const bad: [unknown, RegExp][] = [
      [{ kind: "missing", id: ID, text: "x".repeat(501) }, /text must be 1–500 characters/],
      [{ kind: "missing", id: ID, text: "😀".repeat(501) }, /text must be 1–500 characters/],
      [{ kind: "missing", id: ID, text: "   \n " }, /text must be 1–500 characters/],
      [{ kind: "missing", id: ID, text: "" }, /text must be 1–500 characters/],
      [{ kind: "missing", id: ID }, /text must be 1–500 characters/],
      [{ kind: "missing", id: ID, text: ["a list"] }, /text must be 1–500 characters/],
      [{ kind: "missing", text: "no article" }, /id must be an article id/],
      [{ kind: "missing", id: 0, text: "x" }, /id must be an article id/],
      [{ kind: "missing", id: "12", text: "x" }, /id must be an article id/],
      [{ kind: "missing", id: 1.5, text: "x" }, /id must be an article id/],
      [{ kind: "missing", id: 2 ** 31, text: "x" }, /id must be an article id/],
      [{ kind: "missing", id: ID, text: "x", lang: "english" }, /lang must look like en_US/],
      // Nothing the worker would store with it: no visitor, no e-mail, no time.
      [{ kind: "missing", id: ID, text: "x", visitor: "v-1" }, /Unknown field "visitor"/],
      [{ kind: "missing", id: ID, text: "x", email: "a@b.co" }, /Unknown field "email"/],
      [{ kind: "missing", id: ID, text: "x", at: 1 }, /Unknown field "at"/],
      [{ kind: "missed", id: ID, text: "x" }, /kind must be .*"missing"/],
    ];
    for (const [body, message] of bad) {
      const { res, settled } = await send(body, vars);
      await settled;
      expect(res.status, JSON.stringify(body)).toBe(400);
      const e = await json(res);
      expect(e.error.code).toBe("bad_request");
      expect(e.error.message).toMatch(message);
    }
    expect(sent).toEqual([]);
  });

  it("413 past 4 KB, 403 from an origin it does not serve, 429 past the events limit: nothing queued", async () => {
    const { sent, vars } = capture();
    expect((await send(JSON.stringify({ kind: "missing", id: ID, text: "x".repeat(4100) }), vars)).res.status).toBe(413);
    // JSON's longest escape for every one of 500 characters still fits.
    const escaped = `{"kind":"missing","id":${ID},"text":"${"\\u0001".repeat(499)}x"}`;
    expect(escaped.length).toBeGreaterThan(3000);
    const ok = await send(escaped, vars);
    await ok.settled;
    expect(ok.res.status).toBe(204);
    expect(sent).toHaveLength(1);
    sent.length = 0;
    expect((await send({ kind: "missing", id: ID, text: "x" }, vars, { Origin: "https://evil.example" })).res.status).toBe(403);
    const limited = { ...vars, EVENTS_LIMITER: limiter(1) } as Overrides;
    const first = await send({ kind: "missing", id: ID, text: "first" }, limited, { "CF-Connecting-IP": "203.0.113.20" });
    await first.settled;
    expect(first.res.status).toBe(204);
    const second = (await send({ kind: "missing", id: ID, text: "second" }, limited, { "CF-Connecting-IP": "203.0.113.20" })).res;
    expect(second.status).toBe(429);
    expect(second.headers.get("Retry-After")).toBe("60");
    expect(JSON.stringify(sent)).not.toContain("second");
  });
});

describe("stored and reported", () => {
  it("through queue() into D1: one row per comment with the day, article, language and text only; listed per article in JSON and CSV", async () => {
    const { sent, vars } = capture();
    const read = await callSettled(`/v1/articles/${ID}`, {}, vars);
    const { title } = (await json(read)).article;
    const comments = [
      "Nothing about exporting to PDF; mail jane.doe@example.com",
      '=HYPERLINK("http://evil") and "quotes", commas',
      "Nothing about exporting to PDF; mail jane.doe@example.com", // the same words again: one row
    ];
    for (const text of comments) {
      const { res, settled } = await send({ kind: "missing", id: ID, text }, vars, { "X-HJ-Visitor": "visitor-xyz-789", "CF-Connecting-IP": "198.51.100.4" });
      await settled;
      expect(res.status).toBe(204);
    }
    await send({ kind: "missing", id: PUBLIC[1].id, text: "<img src=x onerror=alert(1)> steps for Safari" }, vars).then((c) => c.settled);

    const DAY = "2020-03-03";
    for (const m of sent as { at: number }[]) m.at = Date.parse(`${DAY}T15:30:00Z`);
    expect((await deliver(sent)).retryBatch.retry).toBe(false);

    const rows = await stored();
    const mine = [
      { day: DAY, article_id: ID, lang: "en_US", text: '=HYPERLINK("http://evil") and "quotes", commas' },
      { day: DAY, article_id: ID, lang: "en_US", text: "Nothing about exporting to PDF; mail [email]" },
    ];
    const other = { day: DAY, article_id: PUBLIC[1].id, lang: "en_US", text: "<img src=x onerror=alert(1)> steps for Safari" };
    expect(rows).toEqual(ID < other.article_id ? [...mine, other] : [other, ...mine]);
    expect(JSON.stringify(rows)).not.toMatch(/jane|visitor-xyz|198\.51|15:30/);

    const period = `from=${addDays(DAY, -1)}&to=${DAY}`;
    const r = await json(await callSettled(`/v1/insights?${period}`, { headers: AUTH }));
    expect(r.totals.missing).toBe(3);
    expect(r.missing_comments).toHaveLength(3);
    expect(r.missing_comments.find((c: any) => c.id === ID)).toEqual({ day: DAY, id: ID, title, url: expect.stringMatching(/^https?:\/\//), lang: "en_US", text: '=HYPERLINK("http://evil") and "quotes", commas' });
    // An article's comments together, in the order of the stored rows (newest day first).
    expect(r.missing_comments.map((c: any) => c.id)).toEqual(rows.map((x) => x.article_id));
    // No k-rule: one visitor's comment is listed. No one is named with it.
    expect(JSON.stringify(r.missing_comments)).not.toMatch(/visitor|198\.51|jane/);

    const csv = await (await callSettled(`/v1/insights?${period}&format=csv&table=missing_comments`, { headers: AUTH })).text();
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("day,id,title,lang,text");
    // Quoted, and a cell a spreadsheet would run as a formula disarmed.
    expect(lines).toContain(`${DAY},${ID},${csvCell(title)},en_US,"'=HYPERLINK(""http://evil"") and ""quotes"", commas"`);
    expect(lines).toContain(`${DAY},${ID},${csvCell(title)},en_US,Nothing about exporting to PDF; mail [email]`);
    const all = await (await callSettled(`/v1/insights?${period}&format=csv`, { headers: AUTH })).text();
    expect(all).toContain("missing_comments\r\nday,id,title,lang,text\r\n");
    expect(all.split("\r\n")[1]).toMatch(/,missing_comments$/);
    expect(all.split("\r\n")[2]).toMatch(/,3$/);
  });

  it(`keeps at most ${MAX_MISSING_PER_DAY} comments per article a day, across batches; other articles and days are not affected`, async () => {
    const DAY = "2020-04-01";
    const texts = (from: number, n: number) => Array.from({ length: n }, (_, i) => `comment ${String(from + i).padStart(3, "0")}`);
    await deliver([message("cap-message-1", DAY, texts(0, 30))]);
    await deliver([message("cap-message-2", DAY, texts(30, 30)), message("cap-message-3", DAY, texts(60, 10))]);
    await deliver([message("cap-message-4", DAY, ["another article"], PUBLIC[1].id), message("cap-message-5", addDays(DAY, 1), ["the next day"])]);
    const count = async (day: string, id: number) =>
      (await env.HJ_INDEX!.prepare("SELECT COUNT(*) AS n FROM insight_missing WHERE day = ? AND article_id = ?").bind(day, id).first<{ n: number }>())!.n;
    expect(await count(DAY, ID)).toBe(MAX_MISSING_PER_DAY);
    expect(await count(DAY, PUBLIC[1].id)).toBe(1);
    expect(await count(addDays(DAY, 1), ID)).toBe(1);
    // The first ones stay.
    const kept = (await stored()).filter((r) => r.day === DAY && r.article_id === ID).map((r) => r.text);
    expect(kept).toContain("comment 000");
    expect(kept).toContain("comment 029");
    expect(kept).not.toContain("comment 069");
  });

  it("a message delivered twice stores its comment once", async () => {
    const m = message("twice-missing-1", "2020-05-05", ["said once"]);
    await deliver([m]);
    await deliver([m, m]);
    expect((await stored()).map((r) => r.text)).toEqual(["said once"]);
  });

  it("the cron deletes comments older than INSIGHTS_RETENTION_DAYS with the other aggregates", async () => {
    const today = dayOf(Date.now());
    await deliver([message("old-missing-1", addDays(today, -40), ["old comment"]), message("new-missing-1", addDays(today, -10), ["new comment"])]);
    const ctx = createExecutionContext();
    await worker.scheduled!(createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" }), { ...env, INSIGHTS_RETENTION_DAYS: "30" } as Env, ctx);
    await waitOnExecutionContext(ctx);
    expect((await stored()).map((r) => r.text)).toEqual(["new comment"]);
  });
});

describe("INSIGHTS=off", () => {
  it("a comment is answered 204 and neither queued nor stored; one already queued is dropped", async () => {
    const { sent, vars } = capture({ INSIGHTS: "off" });
    const { res, settled } = await send({ kind: "missing", id: ID, text: "while off" }, vars);
    await settled;
    expect(res.status).toBe(204);
    expect(sent).toEqual([]);
    await deliver([message("queued-before-off-missing", "2020-06-06", ["queued before off"])], { INSIGHTS: "off" });
    expect(await stored()).toEqual([]);
  });
});
