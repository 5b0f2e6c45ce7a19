/**
 * The hot path (hot-answer.ts): a remembered anonymous answer is served before the router and its
 * middleware. It must be the same answer the app gives, header for header; it must never take a request the
 * app would treat differently; purges must cross it; and what it serves is still counted for insights.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sign } from "hono/jwt";
import { createApp } from "../../worker/app";
import type { Env } from "../../worker/env";
import { hotAnswer } from "../../worker/hot-answer";
import { APP_ORIGIN, buildIndex, callSettled, fakeControl, json, resetAll, resetIndex, TEST_VARS } from "./support";
import { PUBLIC } from "./seed-facts";
import { indexAnswers } from "../../worker/platform/index/answers";
import { heldReplica } from "../../worker/platform/index/replica";

beforeEach(resetAll);

const URL_BASE = "https://hj.example.com";
const INDEX = { SEARCH_SOURCE: "index" } as const;
type Vars = Partial<Record<keyof Env, string>>;

/** The hot path's answer, or null when it lets the request through to the app. */
function hot(path: string, init: RequestInit = {}, vars: Vars = {}) {
  const ctx = createExecutionContext();
  return { res: hotAnswer(new Request(URL_BASE + path, init), { ...env, ...vars } as Env, ctx), settled: waitOnExecutionContext(ctx) };
}

/** The app's own answer (router and middleware), with the hot path out of the way. */
async function viaApp(path: string, init: RequestInit = {}, vars: Vars = {}) {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(new Request(URL_BASE + path, init), { ...env, ...vars } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** Every header but Date, with a KV entry's remaining seconds blurred (the two answers are read moments apart). */
function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (k !== "date") out[k] = k === "cache-status" ? v.replace(/ttl=\d+/, "ttl=N") : v;
  });
  return out;
}

/** `beforeApp`: what to undo between the two answers (the hot path's own memory, so the app works it out too). */
async function expectSameAnswer(path: string, init: RequestInit = {}, vars: Vars = {}, beforeApp = () => {}) {
  const h = hot(path, init, vars);
  expect(h.res, `the hot path should answer ${path}`).not.toBeNull();
  const res = await h.res;
  expect(res, `the hot path should answer ${path}`).not.toBeNull();
  await h.settled;
  beforeApp();
  const app = await viaApp(path, init, vars);
  expect(app.status).toBe(200);
  expect(headersOf(res!)).toEqual(headersOf(app));
  const body = await res!.text();
  expect(body).toBe(await app.text());
  return { headers: res!.headers, text: body };
}

const article = PUBLIC[0];
const withOrigin = { headers: { Origin: APP_ORIGIN } };

describe("the hot path gives the app's answer", () => {
  it("for a remembered article, with and without an allowed Origin", async () => {
    await callSettled(`/v1/articles/${article.id}`);
    await callSettled(`/v1/articles/${article.id}`); // now in memory
    const res = await expectSameAnswer(`/v1/articles/${article.id}`, withOrigin);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(APP_ORIGIN);
    expect(res.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=\d+, hj-mem; hit$/);
    await expectSameAnswer(`/v1/articles/${article.id}`);
    // A page of an origin not allowed gets the answer but no CORS grant, as from the app.
    const other = await expectSameAnswer(`/v1/articles/${article.id}`, { headers: { Origin: "https://evil.example.net" } });
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("for a remembered search from the KV tier (SEARCH_SOURCE=helpjuice)", async () => {
    await callSettled("/v1/search?q=password&limit=5");
    await callSettled("/v1/search?q=password&limit=5");
    const res = await expectSameAnswer("/v1/search?q=password&limit=5", withOrigin);
    expect(JSON.parse(res.text).results.length).toBeGreaterThan(0);
  });

  it("for a remembered search from the edge index (SEARCH_SOURCE=index)", async () => {
    await resetIndex();
    await buildIndex(INDEX);
    await callSettled("/v1/search?q=password", {}, INDEX);
    await callSettled("/v1/search?q=password", {}, INDEX);
    const res = await expectSameAnswer("/v1/search?q=password", withOrigin, INDEX);
    expect(res.headers.get("Cache-Status")).toBe("hj-index; hit, hj-mem; hit");
    expect(res.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
  });

  it("for a search the isolate's copy of the index answers, not yet remembered, and for a query typed in capitals", async () => {
    await resetIndex();
    await buildIndex(INDEX);
    // An app search loads the copy (in its waitUntil); from then on the hot path works searches out itself.
    await callSettled("/v1/search?q=password", {}, INDEX);
    expect(heldReplica("en_US")).not.toBeNull();
    const fresh = await expectSameAnswer("/v1/search?q=invoice&limit=5", withOrigin, INDEX, () => indexAnswers.clear());
    expect(fresh.headers.get("Cache-Status")).toBe("hj-index; hit");
    expect(JSON.parse(fresh.text).results.length).toBeGreaterThan(0);
    // Typed in capitals: the answer echoes the query as typed, and its ETag is that body's (hono/etag's hash).
    const typed = await expectSameAnswer("/v1/search?q=Reset%20Password", withOrigin, INDEX, () => indexAnswers.clear());
    expect(JSON.parse(typed.text).query).toBe("Reset Password");
    expect(typed.headers.get("ETag")).toMatch(/^"[0-9a-f]{40}"$/);
    // Remembered now: the memory answers it again, with the same ETag as the app's.
    const again = await expectSameAnswer("/v1/search?q=Reset%20Password", withOrigin, INDEX);
    expect(again.headers.get("Cache-Status")).toBe("hj-index; hit, hj-mem; hit");
    // With the copy out of the way (INDEX_REPLICA=off), a search nobody remembers goes to the app.
    indexAnswers.clear();
    expect(hot("/v1/search?q=webhook", {}, { ...INDEX, INDEX_REPLICA: "off" }).res).toBeNull();
  });
});

describe("the hot path logs as the app does", () => {
  it("writes the same request line (route, status, Cache-Status, viewer, upstream, gate) for the same request", async () => {
    const ON = { REQUEST_LOG: "on" };
    await callSettled(`/v1/articles/${article.id}`);
    await callSettled(`/v1/articles/${article.id}`);
    const lines: Record<string, unknown>[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((s: unknown) => void lines.push(JSON.parse(String(s))));
    try {
      const h = hot(`/v1/articles/${article.id}`, withOrigin, ON);
      expect(h.res).not.toBeNull();
      await h.settled;
      await viaApp(`/v1/articles/${article.id}`, withOrigin, ON);
    } finally {
      spy.mockRestore();
    }
    // Read moments apart: the KV entry's remaining seconds may differ by one, as in headersOf.
    const requests = lines
      .filter((l) => l.msg === "request")
      .map(({ ms, ...rest }) => (expect(typeof ms).toBe("number"), { ...rest, cache_status: String(rest.cache_status).replace(/ttl=\d+/, "ttl=N") }));
    expect(requests).toHaveLength(2);
    expect(requests[0]).toEqual(requests[1]);
    expect(requests[0]).toMatchObject({ route: "/v1/articles/:id", status: 200, viewer: "anonymous", upstream: [], gate: "not_asked" });
  });
});

describe("the hot path leaves to the app", () => {
  beforeEach(async () => {
    await callSettled(`/v1/articles/${article.id}`);
    await callSettled(`/v1/articles/${article.id}`);
    expect(hot(`/v1/articles/${article.id}`).res).not.toBeNull();
  });

  it("a signed user (never served from the shared tier), a conditional GET, HEAD and POST", async () => {
    const token = await sign({ sub: "staff@example.com", aud: "hj-search", exp: Math.floor(Date.now() / 1000) + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256");
    expect(hot(`/v1/articles/${article.id}`, { headers: { Authorization: `Bearer ${token}` } }).res).toBeNull();
    expect(hot(`/v1/articles/${article.id}`, { headers: { Authorization: "Bearer garbage" } }).res).toBeNull();
    expect(hot(`/v1/articles/${article.id}`, { headers: { "If-None-Match": '"x"' } }).res).toBeNull();
    expect(hot(`/v1/articles/${article.id}`, { method: "HEAD" }).res).toBeNull();
    expect(hot(`/v1/articles/${article.id}/vote`, { method: "POST", body: '{"vote":"up"}' }).res).toBeNull();
  });

  it("a malformed escape, which it reads as the app does (not as U+FFFD, which another query may be)", async () => {
    await callSettled("/v1/search?q=%EF%BF%BD");
    await callSettled("/v1/search?q=%EF%BF%BD");
    expect(hot("/v1/search?q=%EF%BF%BD").res).not.toBeNull();
    const h = hot("/v1/search?q=%FF");
    if (h.res) {
      await h.settled;
      expect(await (await h.res)!.text()).toBe(await (await viaApp("/v1/search?q=%FF")).text());
    }
  });

  it("bad or unusual input, which the app answers (a 400 with its message) or decides", async () => {
    expect(hot(`/v1/articles/${article.id}?lang=xx`).res).toBeNull();
    expect(hot(`/v1/articles/${article.id}?lang=en_US&lang=es_ES`).res).toBeNull();
    expect(hot("/v1/articles/0").res).toBeNull();
    expect(hot("/v1/search?q=").res).toBeNull();
    expect(hot("/v1/search").res).toBeNull();
    expect((await callSettled("/v1/search?q=")).status).toBe(400);
  });

  it("what it does not remember, and what a purge has taken out", async () => {
    expect(hot(`/v1/articles/${PUBLIC[1].id}`).res).toBeNull();
    const edited = await fakeControl(`/articles/${article.id}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Renamed behind the hot path" }),
    });
    expect(edited.ok).toBe(true);
    const hook = await callSettled(`/v1/webhooks/helpjuice?secret=${encodeURIComponent(TEST_VARS.WEBHOOK_SECRET)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: article.id } }),
    });
    expect(hook.status).toBe(200);
    expect(hot(`/v1/articles/${article.id}`).res).toBeNull();
    expect((await json(await callSettled(`/v1/articles/${article.id}`))).article.title).toBe("Renamed behind the hot path");
  });
});

describe("what the hot path serves is recorded", () => {
  it("counts a remembered search and a remembered read for insights", async () => {
    const sent: unknown[] = [];
    const queue = {
      send: async (body: unknown) => void sent.push(structuredClone(body)),
      sendBatch: async (msgs: Iterable<{ body: unknown }>) => {
        for (const m of msgs) sent.push(structuredClone(m.body));
      },
    };
    const vars = { HJ_EVENTS: queue } as unknown as Vars;
    await callSettled("/v1/search?q=password", {}, vars);
    await callSettled(`/v1/articles/${article.id}`, {}, vars);
    const before = sent.length;
    const s = hot("/v1/search?q=password", {}, vars);
    const a = hot(`/v1/articles/${article.id}`, {}, vars);
    expect(s.res).not.toBeNull();
    expect(a.res).not.toBeNull();
    await s.settled;
    await a.settled;
    const events = (sent.slice(before) as { events: { k: string; src?: string; id?: number }[] }[]).flatMap((m) => m.events);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ k: "search", q: "password", src: "cache" }),
        expect.objectContaining({ k: "read", id: article.id }),
      ]),
    );
  });
});
