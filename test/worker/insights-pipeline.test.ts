/**
 * Insights end to end inside the worker: requests record events (caught here on their way to the queue),
 * the worker's own queue() writes them to D1, and GET /v1/insights reports them. Also: a message counted
 * twice, INSIGHTS=off, retention by the cron, the token, and the beacon's checks and limits.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { addDays, dayOf } from "../../worker/core/insights/events";
import type { Env } from "../../worker/env";
import { APP_ORIGIN, call, callSettled, json, limiter, resetAll, TEST_VARS, type Overrides } from "./support";
import { capture, deliver } from "./insights-support";
import { PUBLIC } from "./seed-facts";

const TOKEN = TEST_VARS.INSIGHTS_TOKEN;
const AUTH = { Authorization: `Bearer ${TOKEN}` };

async function report(qs = "", headers: Record<string, string> = AUTH, vars: Partial<Record<keyof Env, string>> = {}) {
  return callSettled(`/v1/insights${qs}`, { headers }, vars);
}

function beacon(body: unknown, init: { origin?: string | null; type?: string; ip?: string } = {}, vars: Overrides = {}) {
  const headers: Record<string, string> = { "Content-Type": init.type ?? "text/plain;charset=UTF-8" };
  if (init.origin !== null) headers.Origin = init.origin ?? APP_ORIGIN;
  if (init.ip) headers["CF-Connecting-IP"] = init.ip;
  return call("/v1/events", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }, vars);
}

beforeEach(resetAll);

describe("a mixed run, through queue() into D1 and out of GET /v1/insights", () => {
  it("counts searches, zero results, opens, contacts, reads and votes, with the e-mail replaced", async () => {
    const { sent, vars } = capture();
    let zero = 0;
    const search = async (q: string) => {
      const res = await callSettled(`/v1/search?q=${encodeURIComponent(q)}`, {}, vars);
      expect(res.status).toBe(200);
      if ((await json(res)).results.length === 0) zero++;
    };
    await search("password"); // Helpjuice
    await search("Password"); // the same query, now from the cache
    await search("  PASSWORD ");
    await search("xyzzy nothing here");
    await search("xyzzy nothing here");
    await search("help jane.doe@example.com");
    await search("help Jane.Doe@example.com");
    await search("only once");
    const ok = async (body: unknown) => {
      const { res, settled } = await beacon(body, {}, vars);
      await settled;
      expect(res.status).toBe(204);
    };
    await ok({ kind: "open", q: "password", position: 2, id: PUBLIC[0].id });
    await ok({ kind: "open", q: "Password", position: 1, id: PUBLIC[0].id });
    await ok({ kind: "contact", q: "xyzzy nothing here" });
    await ok({ kind: "abandon", q: "xyzzy nothing here" });
    const read = await callSettled(`/v1/articles/${PUBLIC[0].id}`, {}, vars);
    expect(read.status).toBe(200);
    const { title, url } = (await json(read)).article;
    const vote = await callSettled(
      `/v1/articles/${PUBLIC[0].id}/vote`,
      { method: "POST", headers: { Origin: APP_ORIGIN, "Content-Type": "application/json", "X-HJ-Visitor": "v-1" }, body: '{"vote":"down"}' },
      vars,
    );
    expect(await json(vote)).toMatchObject({ counted: true });
    // A repeat vote is not counted again.
    await callSettled(
      `/v1/articles/${PUBLIC[0].id}/vote`,
      { method: "POST", headers: { Origin: APP_ORIGIN, "Content-Type": "application/json", "X-HJ-Visitor": "v-1" }, body: '{"vote":"down"}' },
      vars,
    );

    // Nothing personal is even on its way to the queue.
    const wire = JSON.stringify(sent);
    expect(wire).not.toMatch(/jane|doe@|v-1|127\.0\.0\.1/i);
    expect(sent).toHaveLength(8 + 4 + 1 + 1);

    // Counted on a day of their own: other test files' searches reach the real queue in the background and
    // are counted today, so a fixed day keeps this run's figures to itself.
    const DAY = "2020-01-15";
    for (const m of sent as { at: number }[]) m.at = Date.parse(`${DAY}T10:00:00Z`);
    const result = await deliver(sent);
    expect(result.explicitAcks.length + (result.ackAll ? sent.length : 0)).toBeGreaterThan(0);
    expect(result.retryBatch.retry).toBe(false);

    const period = `?from=${addDays(DAY, -6)}&to=${DAY}`;
    const res = await report(period);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const r = await json(res);
    expect(r.daily).toHaveLength(7);
    expect(r.daily[6]).toMatchObject({ day: DAY, searches: 8 });
    expect(zero).toBeGreaterThanOrEqual(2);
    expect(r.totals).toMatchObject({ searches: 8, zero_results: zero, opens: 2, contacts: 1, abandons: 1, reads: 1, votes: { up: 0, down: 1 } });
    expect(r.totals.sources.cache).toBeGreaterThan(0);
    expect(r.totals.sources.helpjuice).toBeGreaterThan(0);
    const top = Object.fromEntries(r.top_queries.map((q: any) => [q.query, q]));
    expect(top.password).toMatchObject({ searches: 3, opens: 2, open_rate: 0.6667, mean_position: 1.5 });
    expect(top["help [email]"]).toMatchObject({ searches: 2 });
    expect(r.zero_result_queries.map((q: any) => q.query)).toContain("xyzzy nothing here");
    expect(r.zero_result_queries.find((q: any) => q.query === "xyzzy nothing here")).toMatchObject({ zero_results: 2, contacts: 1, abandons: 1 });
    // Seen once: counted, never named.
    expect(JSON.stringify(r)).not.toContain("only once");
    expect(r.hidden_queries).toEqual({ queries: 1, searches: 1 });
    expect(r.articles_by_reads[0]).toMatchObject({ id: PUBLIC[0].id, title, url, reads: 1, opens: 2, down: 1 });
    expect(r.articles_by_down_share[0]).toMatchObject({ id: PUBLIC[0].id, down_share: 1 });

    // Stored: only aggregates, nothing personal.
    const dump = JSON.stringify(
      await Promise.all(
        ["insight_days", "insight_queries", "insight_articles", "insight_titles"].map(async (t) => (await env.HJ_INDEX!.prepare(`SELECT * FROM ${t}`).all()).results),
      ),
    );
    expect(dump).not.toMatch(/jane|@example|v-1/i);

    // CSV, for spreadsheets.
    const csv = await report(`${period}&format=csv&table=top_queries`);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toMatch(/attachment; filename="insights-.*-top_queries\.csv"/);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("query,lang,searches,zero_results,opens,open_rate,mean_position,contacts,abandons");
    expect(lines).toContain("password,en_US,3,0,2,0.6667,1.5,0,0");
    const all = await (await report(`${period}&format=csv`)).text();
    expect(all).toMatch(/^totals\r\n/);
    expect(all).toContain("zero_result_queries\r\n");
  });

  it("a message delivered twice is counted once (its id)", async () => {
    const body = { v: 1, id: "fixed-message-id-1", at: Date.now(), events: [{ k: "search", q: "twice", n: 1, src: "index", lang: "en_US" }] };
    await deliver([body]);
    await deliver([body, body]);
    const { results } = await env.HJ_INDEX!.prepare("SELECT searches FROM insight_queries WHERE query = 'twice'").all<{ searches: number }>();
    expect(results).toEqual([{ searches: 1 }]);
  });

  it("a batch D1 cannot take is retried, not acked", async () => {
    const body = { v: 1, id: "fixed-message-id-2", at: Date.now(), events: [{ k: "search", q: "later", n: 1, src: "index", lang: "en_US" }] };
    const broken = { prepare: () => ({ bind: () => ({ all: async () => ({ results: [] }) }) }), batch: async () => Promise.reject(new Error("D1 down")) };
    const result = await deliver([body], { HJ_INDEX: broken } as unknown as Partial<Record<keyof Env, string>>);
    expect(result.retryBatch.retry).toBe(true);
    expect(result.ackAll).toBe(false);
  });
});

describe("INSIGHTS=off", () => {
  it("sends nothing, stores nothing, and hides the report and the dashboard", async () => {
    const { sent, vars } = capture();
    const off = { ...vars, INSIGHTS: "off" };
    await callSettled("/v1/search?q=password", {}, off);
    await callSettled(`/v1/articles/${PUBLIC[0].id}`, {}, off);
    const { res, settled } = await beacon({ kind: "contact", q: "password" }, {}, off);
    await settled;
    expect(res.status).toBe(204);
    expect(sent).toEqual([]);
    // Messages already on the queue when it was turned off are dropped.
    await deliver([{ v: 1, id: "queued-before-off-2", at: Date.now(), events: [{ k: "search", q: "queued before off", n: 1, src: "index", lang: "en_US" }] }], { INSIGHTS: "off" });
    expect(await env.HJ_INDEX!.prepare("SELECT * FROM insight_queries WHERE query = 'queued before off'").all().then((r) => r.results)).toEqual([]);
    expect(await env.HJ_INDEX!.prepare("SELECT * FROM insight_batches WHERE id LIKE 'queued-before-off%'").all().then((r) => r.results)).toEqual([]);
    expect((await report("", AUTH, { INSIGHTS: "off" })).status).toBe(404);
    expect((await callSettled("/insights", {}, { INSIGHTS: "off" })).status).toBe(404);
  });
});

describe("retention", () => {
  it("the cron deletes aggregates older than INSIGHTS_RETENTION_DAYS and keeps the rest", async () => {
    const today = dayOf(Date.now());
    const at = (days: number) => Date.parse(`${addDays(today, -days)}T12:00:00Z`);
    const ev = (q: string) => [{ k: "search", q, n: 0, src: "index", lang: "en_US" }, { k: "read", id: 5, lang: "en_US", title: "T", url: "https://kb/5" }];
    await deliver([
      { v: 1, id: "old-message-1", at: at(40), events: ev("old query") },
      { v: 1, id: "new-message-1", at: at(10), events: ev("new query") },
    ]);
    const ctl = createScheduledController({ scheduledTime: Date.now(), cron: "*/5 * * * *" });
    const ctx = createExecutionContext();
    await worker.scheduled!(ctl, { ...env, INSIGHTS_RETENTION_DAYS: "30" } as Env, ctx);
    await waitOnExecutionContext(ctx);
    // (Today's row may hold other test files' searches, arriving through the real queue.)
    const days = await env.HJ_INDEX!.prepare("SELECT day FROM insight_days WHERE day < ?").bind(today).all<{ day: string }>();
    expect(days.results.map((d) => d.day)).toEqual([addDays(today, -10)]);
    const queries = await env.HJ_INDEX!.prepare("SELECT query FROM insight_queries WHERE day < ?").bind(today).all<{ query: string }>();
    expect(queries.results.map((q) => q.query)).toEqual(["new query"]);
    expect((await env.HJ_INDEX!.prepare("SELECT COUNT(*) AS n FROM insight_articles WHERE day < ?").bind(today).first<{ n: number }>())!.n).toBe(1);
  });
});

describe("the token", () => {
  it("401 without it, with a wrong one, or with another scheme; 200 with it", async () => {
    for (const headers of [{} as Record<string, string>, { Authorization: "Bearer wrong" }, { Authorization: `Basic ${TOKEN}` }, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: "Bearer " }]) {
      const res = await report("", headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
      expect(JSON.stringify(await json(res))).not.toContain(TOKEN);
    }
    expect((await report("", { Authorization: `bearer ${TOKEN}` })).status).toBe(200);
  });

  it("a worker with no INSIGHTS_TOKEN set accepts no token at all", async () => {
    expect((await report("", { Authorization: "Bearer " }, { INSIGHTS_TOKEN: "" })).status).toBe(401);
    expect((await report("", AUTH, { INSIGHTS_TOKEN: "" })).status).toBe(401);
  });

  it("the token is checked before the parameters", async () => {
    expect((await report("?from=nonsense", {})).status).toBe(401);
    expect((await report("?from=nonsense")).status).toBe(400);
    expect((await report("?from=2026-02-30")).status).toBe(400);
    expect((await report("?from=2026-03-05&to=2026-03-01")).status).toBe(400);
    expect((await report("?format=xml")).status).toBe(400);
    const r = await json(await report("?from=2026-03-01&to=2026-03-03"));
    expect(r.daily.map((d: any) => d.day)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
  });
});

describe("the beacon: POST /v1/events", () => {
  it("answers 204, never cached, with no upstream call; takes text/plain (sendBeacon) and JSON", async () => {
    const { sent, vars } = capture();
    for (const type of ["text/plain;charset=UTF-8", "application/json"]) {
      const { res, settled } = await beacon({ kind: "open", q: "password", position: 1, id: 3 }, { type }, vars);
      await settled;
      expect(res.status).toBe(204);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe(APP_ORIGIN);
    }
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({ v: 1, events: [{ k: "open", q: "password", pos: 1, id: 3, lang: "en_US" }] });
  });

  it("403 from an origin it does not serve, or none", async () => {
    expect((await beacon({ kind: "contact", q: "x" }, { origin: "https://evil.example" })).res.status).toBe(403);
    expect((await beacon({ kind: "contact", q: "x" }, { origin: null })).res.status).toBe(403);
  });

  it("400 for unknown kinds or fields, bad JSON or another content type; 413 past 4 KB", async () => {
    for (const body of [{ kind: "search", q: "x" }, { kind: "contact", q: "x", visitor: "v" }, { kind: "open", q: "x", position: 1 }, "{nope"]) {
      const { res } = await beacon(body);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe("bad_request");
    }
    expect((await beacon({ kind: "contact", q: "x" }, { type: "application/x-www-form-urlencoded" })).res.status).toBe(400);
    expect((await beacon(JSON.stringify({ kind: "contact", q: "x".repeat(5000) }))).res.status).toBe(413);
    expect((await call("/v1/events", { method: "GET" })).res.status).toBe(405);
  });

  it("429 with Retry-After (the period) past EVENTS_LIMITER's limit from one address; other addresses unaffected", async () => {
    const vars = { EVENTS_LIMITER: limiter(3) };
    for (let i = 0; i < 3; i++) expect((await beacon({ kind: "contact", q: "x" }, { ip: "203.0.113.7" }, vars)).res.status).toBe(204);
    const limited = (await beacon({ kind: "contact", q: "x" }, { ip: "203.0.113.7" }, vars)).res;
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("60");
    expect((await beacon({ kind: "contact", q: "x" }, { ip: "203.0.113.8" }, vars)).res.status).toBe(204);
  });

  it("as wrangler.toml ships it: 60 beacons a minute from one address, then 429 with Retry-After: 60", async () => {
    for (let i = 0; i < 60; i++) expect((await beacon({ kind: "contact", q: "x" }, { ip: "203.0.113.70" })).res.status).toBe(204);
    const limited = (await beacon({ kind: "contact", q: "x" }, { ip: "203.0.113.70" })).res;
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("60");
  });
});

describe("the dashboard page", () => {
  it("is served by the worker at /insights with its script and styles, under a strict CSP", async () => {
    const res = await callSettled("/insights");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("Content-Security-Policy")).toMatch(/script-src 'self'/);
    const html = await res.text();
    expect(html).toMatch(/<label for="token">Token<\/label>/);
    expect((await callSettled("/insights.js")).headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect((await callSettled("/insights.css")).headers.get("Content-Type")).toMatch(/^text\/css/);
  });
});
