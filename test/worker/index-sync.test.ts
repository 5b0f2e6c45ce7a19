/**
 * Keeping the edge index in step with Helpjuice: webhooks, the cron's recent and full passes, a listing
 * that ignores its filters, a category that is not public, upstream faults, and the budget the sync keeps to.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { sign } from "hono/jwt";
import { beforeEach, describe, expect, it } from "vitest";
import { SEARCH_GENERATION_KEY } from "../../worker/core/cache/key";
import { syncShare } from "../../worker/core/config";
import { PUBLIC_ARTICLE_IDS, PUBLIC_IN_INTERNAL_CATEGORY_IDS } from "../fake-helpjuice/index";
import { STAFF_EMAIL } from "../fake-helpjuice/seed/users";
import {
  addFault,
  buildIndex,
  callSettled,
  configWith,
  drainSync,
  fakeControl,
  indexStatus,
  indexSync,
  json,
  resetAll,
  TEST_VARS,
  upstreamLog,
} from "./support";
import { PUBLIC } from "./seed-facts";

const INDEX = { SEARCH_SOURCE: "index" } as const;

beforeEach(resetAll);

const indexedIds = async () =>
  (await env.HJ_INDEX!.prepare("SELECT DISTINCT article_id AS id FROM docs ORDER BY id").all<{ id: number }>()).results.map((r) => r.id);
const ids = async (q: string, vars: Record<string, string> = INDEX) =>
  ((await json(await callSettled(`/v1/search?q=${encodeURIComponent(q)}`, {}, vars))).results as { id: number }[]).map((r) => r.id);

async function control(path: string, method: string, body?: unknown) {
  const res = await fakeControl(path, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`the fake refused ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

const hook = (id: number, action = "update") =>
  callSettled(
    `/v1/webhooks/helpjuice?secret=${encodeURIComponent(TEST_VARS.WEBHOOK_SECRET)}`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: `question_${action}`, activity_fields: { action, trackable_type: "Question", trackable_id: id } }),
    },
    INDEX,
  );

/** The Cron Trigger, as Cloudflare fires it, then the sync's work run to the end. */
async function cron(vars: Record<string, string> = INDEX) {
  await indexSync().tick(configWith(vars));
  expect(await drainSync()).toBe(true);
}

/** Make the next cron tick a full pass (as if the last one were six hours ago). */
async function fullPassDue() {
  await runInDurableObject(indexSync(), async (instance) => {
    const s = (instance as unknown as { s: { lastFullAt: number | null } }).s;
    s.lastFullAt = 0;
  });
}

const target = PUBLIC.find((a) => a.name.includes("password"))!;

describe("webhooks", () => {
  beforeEach(() => buildIndex());

  it("an edit reaches search after the webhook: one article fetch, then cached searches are retired", async () => {
    await control(`/articles/${target.id}`, "POST", { name: "Rotate your zanzibar credentials" });
    expect(await ids("zanzibar")).toEqual([]);
    const genBefore = Number(await env.HJ_CACHE.get(SEARCH_GENERATION_KEY));
    await fakeControl("/log", { method: "DELETE" });
    expect((await hook(target.id)).status).toBe(200);
    expect(await drainSync()).toBe(true);
    expect(await ids("zanzibar")).toEqual([target.id]);
    const calls = await upstreamLog("/api/v3/");
    expect(calls.map((c) => c.path)).toEqual([`/api/v3/articles/${target.id}`]);
    expect(Number(await env.HJ_CACHE.get(SEARCH_GENERATION_KEY))).toBeGreaterThan(genBefore);
  });

  it("unpublishing removes it from search", async () => {
    expect(await ids(target.name)).toContain(target.id);
    await control(`/articles/${target.id}`, "POST", { published: false });
    await hook(target.id, "unpublish");
    await drainSync();
    expect(await ids(target.name)).not.toContain(target.id);
    expect(await indexedIds()).not.toContain(target.id);
  });

  it("a deleted article (404 upstream) leaves the index", async () => {
    await control(`/articles/${target.id}`, "DELETE");
    await hook(target.id, "destroy");
    await drainSync();
    expect(await indexedIds()).not.toContain(target.id);
  });

  it("making an article internal removes it", async () => {
    await control(`/articles/${target.id}`, "POST", { accessibility: 0 });
    await hook(target.id);
    await drainSync();
    expect(await indexedIds()).not.toContain(target.id);
  });
});

describe("snippets from long articles", () => {
  beforeEach(() => buildIndex());

  it("are cut around a match deep in the body, not from its start", async () => {
    const filler = "Acme keeps your boards, reports and files in one place for the whole team. ".repeat(60);
    const { article } = await control("/articles", "POST", {
      name: "Long article about everything",
      body: `<p>${filler}</p><p>The zebrafish export runs nightly and writes a CSV per board.</p><p>${filler}</p>`,
      category_ids: [1],
    });
    await hook(article.id, "create");
    await drainSync();
    const res = await json(await callSettled("/v1/search?q=zebrafish", {}, INDEX));
    expect(res.results.map((r: { id: number }) => r.id)).toEqual([article.id]);
    const snippet: string = res.results[0].snippet;
    expect(snippet).toMatch(/^…/);
    expect(snippet).toContain("zebrafish export runs nightly");
    expect(snippet.length).toBeLessThanOrEqual(200);
  });
});

describe("the cron", () => {
  beforeEach(() => buildIndex());

  it("a recent pass picks up an edit no webhook announced, with a handful of calls", async () => {
    await control(`/articles/${target.id}`, "POST", { name: "Quetzal recovery for lost passwords" });
    await fakeControl("/log", { method: "DELETE" });
    await cron();
    expect(await ids("quetzal")).toEqual([target.id]);
    const calls = await upstreamLog("/api/v3/");
    expect(calls.length).toBeLessThanOrEqual(5);
    const listing = calls.find((c) => c.path === "/api/v3/articles")!;
    expect(listing.query.updated_since).toMatch(/^\d{2}-\d{2}-\d{4}$/);
  });

  it("a deletion with no webhook is caught through activities", async () => {
    await cron(); // places the activity cursor
    await control(`/articles/${target.id}`, "DELETE");
    await cron();
    expect(await indexedIds()).not.toContain(target.id);
    expect((await upstreamLog("/api/v3/activities")).length).toBeGreaterThan(0);
  });

  it("a full pass deletes what is no longer listed", async () => {
    await control(`/articles/${target.id}`, "DELETE");
    await fullPassDue();
    await cron();
    expect(await indexedIds()).not.toContain(target.id);
    expect((await indexStatus()).state).toBe("ready");
  });

  it("the Cron Trigger handler starts a pass", async () => {
    const { createScheduledController, createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
    const worker = (await import("../../worker/index")).default;
    await fakeControl("/log", { method: "DELETE" });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/5 * * * *" }), { ...env, ...INDEX } as never, ctx);
    await waitOnExecutionContext(ctx);
    await drainSync();
    expect((await upstreamLog("/api/v3/categories")).length).toBe(1);
  });
});

describe("what never enters the index", () => {
  it("a listing that ignores its filters leaks nothing: each article is checked", async () => {
    await control("/quirks", "POST", { listIgnoresFilters: true });
    await buildIndex();
    const got = await indexedIds();
    expect(got.length).toBeGreaterThan(0);
    for (const id of got) expect(PUBLIC_ARTICLE_IDS).toContain(id);
  });

  it("a public article in an internal category is absent, and a 404 on the article route", async () => {
    expect(PUBLIC_IN_INTERNAL_CATEGORY_IDS.length).toBeGreaterThan(0);
    const [hidden] = PUBLIC_IN_INTERNAL_CATEGORY_IDS;
    // Before any index exists, the categories listing (cached) decides.
    expect((await callSettled(`/v1/articles/${hidden}`)).status).toBe(404);
    await buildIndex();
    expect(await indexedIds()).not.toContain(hidden);
    expect((await ids("matrix")).includes(hidden)).toBe(false);
    await env.HJ_CACHE.delete(`a:${hidden}:default`);
    expect((await callSettled(`/v1/articles/${hidden}`)).status).toBe(404);
    // ...and votes on it are refused the same way.
    const vote = await callSettled(`/v1/articles/${hidden}/vote`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://app.example.com", "X-HJ-Visitor": "v-123456" },
      body: JSON.stringify({ vote: "up" }),
    });
    expect(vote.status).toBe(404);
  });

  it("the article route's category check makes no extra upstream call once the index has categories", async () => {
    await buildIndex();
    await fakeControl("/log", { method: "DELETE" });
    expect((await callSettled(`/v1/articles/${target.id}`)).status).toBe(200);
    expect((await upstreamLog("/api/v3/")).map((c) => c.path)).toEqual([`/api/v3/articles/${target.id}`]);
  });
});

describe("when Helpjuice cannot answer", () => {
  beforeEach(() => buildIndex());

  it("anonymous search keeps working from the index with Helpjuice down", async () => {
    await addFault({ path: "^/api/v3/", kind: "error", status: 503 });
    const res = await callSettled("/v1/search?q=invoice", {}, INDEX);
    expect(res.status).toBe(200);
    expect((await json(res)).results.length).toBeGreaterThan(0);
  });

  it("a signed user whose Helpjuice search fails gets the index's public results, marked partial", async () => {
    const token = await sign({ sub: STAFF_EMAIL, aud: "hj-search", exp: Math.floor(Date.now() / 1000) + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256");
    await addFault({ path: "^/api/v3/search$", kind: "429" });
    const res = await callSettled("/v1/search?q=password", { headers: { Authorization: `Bearer ${token}` } }, INDEX);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.partial).toBe(true);
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) expect(PUBLIC_ARTICLE_IDS).toContain(r.id);
    expect(res.headers.get("Cache-Status")).toBe("hj-index; hit");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("with SEARCH_SOURCE=helpjuice, anonymous search goes upstream, and the index stands in on a timeout", async () => {
    const vars = { SEARCH_SOURCE: "helpjuice", UPSTREAM_TIMEOUT_MS: "300" };
    const ok = await callSettled("/v1/search?q=invoice", {}, vars);
    expect(ok.headers.get("Cache-Status")).toMatch(/^hj-kv/);
    await addFault({ path: "^/api/v3/search$", kind: "timeout", ms: 2000 });
    const res = await callSettled("/v1/search?q=webhook", {}, vars);
    expect(res.status).toBe(200);
    expect((await json(res)).partial).toBe(true);
  });

  it("a failed build never replaces a good index, and health says why", async () => {
    const before = await indexedIds();
    await addFault({ path: "^/api/v3/articles$", kind: "non-json" });
    await fullPassDue();
    await indexSync().tick(configWith(INDEX));
    // Retries back off and then give up; the gate also runs out of sync slots: a few seconds is enough.
    await drainSync(3_000);
    expect(await indexedIds()).toEqual(before);
    const health = await json(await callSettled("/v1/health", {}, INDEX));
    expect(health.index.state).toBe("ready");
    expect(health.index.articles).toBe(before.length);
    expect(health.index.last_error).toMatch(/Helpjuice/);
  });
});

describe("a categories listing that would empty the index", () => {
  it("is held back until a second listing agrees", async () => {
    await buildIndex();
    const before = await indexedIds();
    // 200 with no categories: every article would become "in no category", so hidden.
    await addFault({ path: "^/api/v3/categories$", kind: "error", status: 200, format: "json", body: JSON.stringify({ categories: [] }) });
    await cron();
    expect(await indexedIds()).toEqual(before);
    expect((await indexStatus()).last_error).toMatch(/categories listing/);
    // The same answer again is believed: the articles go.
    await cron();
    expect(await indexedIds()).toEqual([]);
  });
  it("a knowledge base emptied on purpose (every listing complete and agreeing, categories read) empties the index in one pass", async () => {
    await buildIndex();
    expect((await indexedIds()).length).toBeGreaterThan(10);
    await addFault({ path: "^/api/v3/categories$", kind: "error", status: 200, format: "json", body: JSON.stringify({ categories: [] }) });
    await addFault({
      path: "^/api/v3/articles$",
      kind: "error",
      status: 200,
      format: "json",
      body: JSON.stringify({ articles: [], meta: { total_count: 0, total_pages: 0, current_page: 1 } }),
    });
    await fullPassDue();
    await cron();
    expect(await indexedIds()).toEqual([]);
    expect((await indexStatus()).last_error).toBeNull();
  });

  it("but a listing that says nothing of its count is not believed at once", async () => {
    await buildIndex();
    const before = await indexedIds();
    await addFault({ path: "^/api/v3/articles$", kind: "error", status: 200, format: "json", body: JSON.stringify({ articles: [] }) });
    await fullPassDue();
    await cron();
    expect(await indexedIds()).toEqual(before);
  });
});

describe("the budget", () => {
  it("the sync's reserved share is its own: visitors who spent theirs leave it whole, and one slot waits for webhooks", async () => {
    const gate = env.UPSTREAM_GATE.get(env.UPSTREAM_GATE.idFromName("global"));
    const limit = 20;
    const share = syncShare(limit);
    expect(share).toBe(2);
    // Visitors have their 18…
    for (let i = 0; i < limit - share; i++) expect((await gate.acquire(limit, share)).ok).toBe(true);
    expect((await gate.acquire(limit, share)).ok).toBe(false);
    // …and the sync its 2: a build all but the one slot kept for webhooks, which a webhook's fetch still gets;
    // nothing is left of the visitors' to borrow.
    expect((await gate.acquireSync(limit, share, false)).ok).toBe(true);
    expect((await gate.acquireSync(limit, share, false)).ok).toBe(false);
    expect((await gate.acquireSync(limit, share, true)).ok).toBe(true);
    expect((await gate.acquireSync(limit, share, true)).ok).toBe(false);
  });

  it("health reports the index", async () => {
    const empty = await json(await callSettled("/v1/health", {}, INDEX));
    expect(empty.index).toMatchObject({ articles: 0 });
    // The first request after a deploy (this one) starts the first build.
    expect(empty.index.state).toMatch(/^(empty|building)$/);
    expect((await indexStatus()).state).toMatch(/^(building|ready)$/);
    await buildIndex();
    const ready = await json(await callSettled("/v1/health", {}, INDEX));
    expect(ready.index).toMatchObject({ state: "ready", languages: ["en_US"], last_error: null });
    expect(ready.index.articles).toBe(PUBLIC_ARTICLE_IDS.length);
    expect(Date.parse(ready.index.synced_at)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("GET /v1/popular before the first build", () => {
  it("answers from a cached listing, each article checked, and starts the build", async () => {
    const res = await callSettled("/v1/popular?limit=50", {}, INDEX);
    expect(res.status).toBe(200);
    const { results } = await json(res);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(PUBLIC_ARTICLE_IDS).toContain(r.id);
    for (const hidden of PUBLIC_IN_INTERNAL_CATEGORY_IDS) expect(results.map((r: { id: number }) => r.id)).not.toContain(hidden);
    // The listing it answered from (the build started beside it lists 1,000 a page), cached: asked once.
    const listings = async () => (await upstreamLog("/api/v3/articles")).filter((e) => e.query.limit !== "1000").length;
    expect(await listings()).toBe(1);
    await callSettled("/v1/popular?limit=50", {}, INDEX);
    expect(await listings()).toBe(1);
    await drainSync();
  });
});

describe("a worker with no API key", () => {
  it("asks Helpjuice nothing and says the key is missing, not refused", async () => {
    await runInDurableObject(indexSync(), async (instance) => {
      const own = instance as unknown as { env: Record<string, unknown> };
      own.env = { ...own.env, HELPJUICE_API_KEY: "" };
    });
    try {
      await fakeControl("/log", { method: "DELETE" });
      await indexSync().ensureBuilt(configWith(INDEX));
      await runDurableObjectAlarm(indexSync());
      const status = await indexStatus();
      expect(status.last_error).toMatch(/^HELPJUICE_API_KEY is not set/);
      expect(status.last_error).not.toMatch(/refused/);
      expect(await upstreamLog()).toEqual([]);
    } finally {
      await runInDurableObject(indexSync(), async (instance) => {
        const own = instance as unknown as { env: Record<string, unknown> };
        own.env = { ...own.env, HELPJUICE_API_KEY: env.HELPJUICE_API_KEY };
      });
    }
  });
});
