/**
 * Edges of the read path, checked against docs/design.md and the API reference rather than against our fake's
 * habits: what goes upstream, what odd upstream answers become, cache headers, KV limits and corruption,
 * stale-while-revalidate under a slow or closed upstream, purges racing refreshes, and secrets.
 */
import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sign } from "hono/jwt";
import { articleKey, articlePrefix, normaliseQuery } from "../../worker/core/cache/key";
import { forgetFlights } from "../../worker/platform/cache/single-flight";
import { FAKE_API_KEY } from "../fake-helpjuice/index";
import { STAFF_EMAIL } from "../fake-helpjuice/seed/users";
import { addFault, call, callSettled, FAKE_ORIGIN, fakeControl, json, limiter, resetAll, TEST_VARS, upstreamLog } from "./support";
import { INTERNAL, PUBLIC, TRANSLATED } from "./seed-facts";

beforeEach(resetAll);
afterEach(() => vi.restoreAllMocks());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const searches = async () => (await upstreamLog("/api/v3/search")).filter((e) => e.path === "/api/v3/search");
const articleCalls = async (id?: number) =>
  (await upstreamLog("/api/v3/articles/")).filter((e) => (id === undefined ? true : e.path === `/api/v3/articles/${id}`));
const pub = PUBLIC[0];
const userToken = async (sub = STAFF_EMAIL) =>
  sign({ sub, aud: "hj-search", exp: Math.floor(Date.now() / 1000) + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256");

/** A 200 JSON answer with exactly this body, for one path (the fake's "error" fault with status 200). */
const answerWith = (path: string, body: unknown, extra: Record<string, unknown> = {}) =>
  addFault({ path, kind: "error", status: 200, format: "json", body: typeof body === "string" ? body : JSON.stringify(body), ...extra });

const hit = (id: number | string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Hit ${id}`,
  slug: `${id}-hit`,
  tag_names: [],
  answer_sample: "Short answer",
  long_answer_sample: "Longer answer",
  categories: { current: { id: 3, name: "Account", url: "https://acme.helpjuice.com/en_US/categories/account" } },
  last_published_date: "July 30th, 2020",
  last_published_user_name: "John Doe",
  is_published: true,
  is_internal: false,
  is_private: false,
  url: `https://acme.helpjuice.com/en_US/${id}-hit`,
  ...extra,
});

const rawArticle = (id: number, extra: Record<string, unknown> = {}) => ({
  article: {
    id,
    name: "Edge article",
    views: 1,
    accessibility: 1,
    description: "d",
    codename: "edge",
    created_at: "2020-07-29T09:37:03.529Z",
    updated_at: "2020-07-29T09:37:03.529Z",
    published: true,
    answer: [{ body: "<p>raw</p>", processed_body: "<p>processed</p>", format: "html", updated_at: "2020-07-29T09:37:03.529Z" }],
    url: `https://acme.helpjuice.com/en_US/${id}-edge`,
    ...extra,
  },
});

/** Nothing of the key, the upstream host, or a stack, anywhere in a response. */
async function expectNoSecrets(res: Response) {
  const text = (await res.clone().text()) + JSON.stringify([...res.headers]);
  expect(text).not.toContain(FAKE_API_KEY);
  expect(text).not.toContain(new URL(FAKE_ORIGIN).host);
  expect(text).not.toMatch(/at \w+ \(|\.ts:\d+|api_key/);
}

describe("what goes upstream", () => {
  it("search sends query (and category_id) only: no lang, no limit, the key as the Authorization header", async () => {
    await callSettled("/v1/search?q=password&lang=es_ES&limit=3");
    const [entry] = await searches();
    expect(Object.keys(entry.query).sort()).toEqual(["query"]);
    expect(entry).toMatchObject({ keyVia: "header", user: null });
  });

  it("an article sends processed=true, and kb_language only when a language is asked for", async () => {
    await callSettled(`/v1/articles/${pub.id}`);
    await callSettled(`/v1/articles/${pub.id}?lang=es_ES`);
    const calls = await articleCalls(pub.id);
    expect(calls.map((c) => c.query)).toEqual([{ processed: "true" }, { processed: "true", kb_language: "es_ES" }]);
    expect(calls.every((c) => c.keyVia === "header")).toBe(true);
  });
});

describe("odd upstream answers", () => {
  it.each([
    ["an HTML 404 (wrong base URL, or a page in front of the API)", { kind: "error", status: 404 }],
    ["a JSON 404", { kind: "error", status: 404, format: "json" }],
  ])("a search answered with %s is a 502, not 'No such article', and is not cached", async (_, fault) => {
    await addFault({ path: "^/api/v3/search$", ...fault });
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(502);
    await expectNoSecrets(res);
    expect((await json(res)).error.code).toBe("upstream_error");
    expect((await env.HJ_CACHE.list({ prefix: "s:" })).keys).toEqual([]);
  });

  it.each([
    ["422 (the reference's error object)", { kind: "error", status: 422, format: "json", body: '{"errors":[{"query":"can\'t be blank"}]}' }],
    ["400", { kind: "error", status: 400, format: "json" }],
    ["a redirect", { kind: "error", status: 302, body: "" }],
  ])("%s is a 502 and is not retried (it would only say the same again)", async (_, fault) => {
    await addFault({ path: "^/api/v3/search$", ...fault });
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(502);
    await expectNoSecrets(res);
    expect(await searches()).toHaveLength(1);
  });

  it("a 403 (key refused) is a 502 that names neither the key nor the upstream", async () => {
    await addFault({ path: "^/api/v3/search$", kind: "error", status: 403, format: "json", body: '{"error":"bad key hj-fake-key"}' });
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(502);
    await expectNoSecrets(res);
    expect(await res.text()).not.toContain("bad key");
  });

  it("an HTML page with a 200 is a 502 that passes none of the page on, after one retry", async () => {
    await addFault({ path: "^/api/v3/search$", kind: "non-json" });
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(text).not.toMatch(/maintenance|Help Center|<html/i);
    expect(await searches()).toHaveLength(2);
  });

  it.each([
    ["searches not an array", { searches: "none" }],
    ["null", null],
    ["a bare array", [hit(1)]],
    ["a JSON string", "just text"],
  ])("JSON of the wrong shape (%s) is a 502", async (_, body) => {
    await answerWith("^/api/v3/search$", JSON.stringify(body));
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(502);
    expect((await json(res)).error.code).toBe("upstream_error");
  });

  it("reads ids given as strings, and results missing fields, without inventing or leaking anything", async () => {
    const { categories: _c, url: _u, answer_sample: _a, ...bare } = hit(4);
    await answerWith("^/api/v3/search$", {
      searches: [
        hit("12"),
        hit(13, { categories: { current: { id: "7", name: "Billing" } } }),
        bare,
        hit(5, { is_internal: undefined }), // flag missing: not known to be public
        hit(6, { is_private: "false" }), // flag of the wrong type: not known to be public
        hit(7, { is_published: "true" }),
        hit("x8"),
        hit(-9),
        hit(10, { url: "javascript:alert(document.cookie)" }),
        hit(11, { categories: { current: null } }),
        "not a hit",
        null,
      ],
    });
    const res = await callSettled("/v1/search?q=password&limit=50");
    expect(res.status).toBe(200);
    const { results } = await json(res);
    expect(results.map((r: any) => r.id)).toEqual([12, 13, 4, 10, 11]);
    expect(results[1].category).toEqual({ id: 7, name: "Billing" });
    expect(results[2]).toEqual({ id: 4, title: "Hit 4", snippet: "Longer answer", url: "", category: null });
    expect(results[3].url).toBe("");
    expect(results[4].category).toBeNull();
  });

  it("reads a huge answer as garbage (502) instead of running out of memory", async () => {
    const filler = "x".repeat(9 * 1024 * 1024);
    await answerWith("^/api/v3/search$", `{"searches":[],"pad":"${filler}"}`);
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(502);
  });

  it("an answer slower than UPSTREAM_TIMEOUT_MS is a 504 within the budget", async () => {
    await addFault({ path: "^/api/v3/search$", kind: "timeout", ms: 5_000 });
    const started = Date.now();
    const res = await callSettled("/v1/search?q=password", {}, { UPSTREAM_TIMEOUT_MS: "300" });
    expect(res.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2_000);
    // That the fetch itself is aborted is checked in worker/platform/upstream/helpjuice.test.ts: miniflare's
    // outboundService does not pass the abort on to the fake, so it cannot be seen from here.
  });
});

describe("odd articles", () => {
  it.each([
    ["accessibility true (Number(true) is 1)", { accessibility: true }],
    ["accessibility [1]", { accessibility: [1] }],
    ["accessibility missing", { accessibility: undefined }],
    ["accessibility 4 (URL only)", { accessibility: 4 }],
    ['published "true"', { published: "true" }],
    ["published missing", { published: undefined }],
  ])("an article with %s is a 404 to an anonymous visitor", async (_, extra) => {
    await answerWith(`^/api/v3/articles/${pub.id}$`, rawArticle(pub.id, extra));
    const res = await callSettled(`/v1/articles/${pub.id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Edge article");
  });

  it('accepts accessibility "1" and an id as a string', async () => {
    await answerWith(`^/api/v3/articles/${pub.id}$`, rawArticle(pub.id, { accessibility: "1", id: String(pub.id) }));
    const res = await callSettled(`/v1/articles/${pub.id}`);
    expect(res.status).toBe(200);
    expect((await json(res)).article).toMatchObject({ id: pub.id, title: "Edge article", html: "<p>processed</p>" });
  });

  it("reads answer as one object, and takes the language from the URL when the answer has no language field", async () => {
    const { answer } = rawArticle(pub.id).article;
    await answerWith(`^/api/v3/articles/${pub.id}$`, rawArticle(pub.id, { answer: answer[0], url: `https://acme.helpjuice.com/es_ES/${pub.id}-edge` }));
    const { article } = await json(await callSettled(`/v1/articles/${pub.id}`));
    expect(article).toMatchObject({ html: "<p>processed</p>", language: "es_ES" });
  });

  it("does not claim a translation Helpjuice fell back from (the reference's article has no language field)", async () => {
    await answerWith(`^/api/v3/articles/${pub.id}$`, rawArticle(pub.id));
    const { article } = await json(await callSettled(`/v1/articles/${pub.id}?lang=pt_PT`));
    expect(article.language).toBe("en_US");
  });

  it("drops a javascript: article URL", async () => {
    await answerWith(`^/api/v3/articles/${pub.id}$`, rawArticle(pub.id, { url: "javascript:alert(1)" }));
    const { article } = await json(await callSettled(`/v1/articles/${pub.id}`));
    expect(article.url).toBe("");
  });

  it("a 403 for an article is a 502, not a cached 404", async () => {
    await addFault({ path: `^/api/v3/articles/${pub.id}$`, kind: "error", status: 403, format: "json", times: 1 });
    expect((await callSettled(`/v1/articles/${pub.id}`)).status).toBe(502);
    expect((await callSettled(`/v1/articles/${pub.id}`)).status).toBe(200);
  });

  // Helpjuice expands inserted blocks as the owner; the worker must not pass an internal one on.
  it("does not show an anonymous visitor an internal article inserted into a public one", async () => {
    const marker = (await (await fetch(`${FAKE_ORIGIN}/api/v3/articles/${INTERNAL.id}`, { headers: { Authorization: FAKE_API_KEY } })).json()) as any;
    const internalText = String((Array.isArray(marker.article.answer) ? marker.article.answer[0] : marker.article.answer).body_txt).slice(0, 40);
    const placeholder = `<div class="helpjuice-inserted-article" data-inserted-article-id="${INTERNAL.id}" contenteditable="false"></div>`;
    const edit = await fakeControl(`/articles/${pub.id}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ body: `<p>Public intro.</p>${placeholder}` }),
    });
    expect(edit.ok).toBe(true);
    const { article } = await json(await callSettled(`/v1/articles/${pub.id}`));
    expect(article.html).toContain("Public intro.");
    expect(article.html).not.toContain(internalText);
  });
});

describe("response headers", () => {
  /** RFC 9211: a list of cache names, each with `;`-separated parameters (RFC 8941 tokens/integers). */
  const CACHE_STATUS = /^hj-kv(; (hit|fwd=(miss|bypass|stale|uri-miss|vary-miss|request|method)|stored|collapsed|ttl=-?\d+|fwd-status=\d{3}))*$/;

  it("search: JSON with charset, Cache-Status per RFC 9211, public Cache-Control, ETag, Vary on Authorization and Origin", async () => {
    const res = await callSettled("/v1/search?q=password", { headers: { Origin: "https://app.example.com" } });
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Cache-Status")).toMatch(CACHE_STATUS);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(res.headers.get("ETag")).toMatch(/^(W\/)?"[^"]+"$/);
    const vary = (res.headers.get("Vary") ?? "").toLowerCase();
    expect(vary).toContain("authorization");
    expect(vary).toContain("origin");
    expect(res.headers.get("Access-Control-Expose-Headers")?.toLowerCase()).toContain("cache-status");
  });

  it("an article answers 304 to its ETag, and 200 with another ETag for other content (its translation)", async () => {
    const first = await callSettled(`/v1/articles/${TRANSLATED.id}`);
    const tag = first.headers.get("ETag")!;
    const again = await callSettled(`/v1/articles/${TRANSLATED.id}`, { headers: { "If-None-Match": tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("Cache-Control")).toBe("public, max-age=60");
    // From this isolate's memory, in front of KV (docs/design.md, "Hot path"), with the same ETag.
    expect(again.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=\d+, hj-mem; hit$/);
    const other = await callSettled(`/v1/articles/${TRANSLATED.id}?lang=es_ES`, { headers: { "If-None-Match": tag } });
    expect(other.status).toBe(200);
    expect(other.headers.get("ETag")).not.toBe(tag);
  });

  it("a stale answer reads ttl=-N (never ttl=0), and a 404 carries the same cache headers", async () => {
    await callSettled("/v1/search?q=sso", {}, { SEARCH_TTL: "1" });
    await sleep(1_050);
    const stale = await callSettled("/v1/search?q=sso", {}, { SEARCH_TTL: "1" });
    expect(stale.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=-[1-9]\d*$/);
    const missing = await callSettled("/v1/articles/999999");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Cache-Status")).toMatch(CACHE_STATUS);
    expect(missing.headers.get("Content-Type")).toMatch(/^application\/json/);
  });

  it("errors are no-store, with Retry-After on 503", async () => {
    await addFault({ path: "^/api/v3/search$", kind: "429" });
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(503);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
  });
});

describe("KV: limits and trouble", () => {
  it.each([
    ["200 CJK characters", "検".repeat(200)],
    ["a query NFKC expands eighteenfold", "\uFDFA".repeat(20)],
  ])("caches %s under a key KV accepts (≤ 512 bytes)", async (_, q) => {
    const first = await callSettled(`/v1/search?q=${encodeURIComponent(q)}`);
    expect(first.status).toBe(200);
    const keys = (await env.HJ_CACHE.list({ prefix: "s:" })).keys.map((k) => k.name);
    expect(keys).toHaveLength(1);
    expect(new TextEncoder().encode(keys[0]).length).toBeLessThanOrEqual(512);
    const second = await callSettled(`/v1/search?q=${encodeURIComponent(q)}`);
    expect(second.headers.get("Cache-Status")).toMatch(/^hj-kv; hit/);
    expect(await searches()).toHaveLength(1);
  });

  it("keeps metadata tiny (KV allows 1024 bytes)", async () => {
    await callSettled(`/v1/articles/${pub.id}`);
    const { keys } = await env.HJ_CACHE.list({ prefix: articlePrefix(pub.id) });
    expect(JSON.stringify(keys[0].metadata).length).toBeLessThan(100);
  });

  it.each([
    ["a value that is not JSON", "<html>", { t: Date.now(), ttl: 300 }],
    ["no metadata", JSON.stringify({ status: 200, body: [] }), null],
    ["metadata of another shape", JSON.stringify({ status: 200, body: [] }), { storedAt: "yesterday" }],
    ["a value of another shape", JSON.stringify({ results: [] }), { t: Date.now(), ttl: 300 }],
    ["a 200 with a null body", JSON.stringify({ status: 200, body: null }), { t: Date.now(), ttl: 300 }],
  ])("treats an entry with %s as a miss and replaces it", async (_, value, metadata) => {
    await callSettled("/v1/search?q=password");
    const [{ name: key }] = (await env.HJ_CACHE.list({ prefix: "s:" })).keys;
    expect(key.endsWith(`:-:${encodeURIComponent(normaliseQuery("password"))}`)).toBe(true);
    await env.HJ_CACHE.put(key, value, metadata ? { metadata } : {});
    forgetFlights(); // as a fresh isolate would: no memo of the first answer
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    expect((await json(res)).results.length).toBeGreaterThan(0);
    const again = await callSettled("/v1/search?q=password");
    expect(again.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=\d+, hj-mem; hit$/);
  });

  it("answers from upstream when KV reads fail, and still answers when KV writes fail", async () => {
    vi.spyOn(env.HJ_CACHE, "getWithMetadata").mockRejectedValue(new Error("KV GET failed: 503"));
    vi.spyOn(env.HJ_CACHE, "put").mockRejectedValue(new Error("KV PUT failed: 429 Too Many Requests"));
    vi.spyOn(env.HJ_CACHE, "get").mockRejectedValue(new Error("KV GET failed: 503"));
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(200);
    expect((await json(res)).results.length).toBeGreaterThan(0);
    const art = await callSettled(`/v1/articles/${pub.id}`);
    expect(art.status).toBe(200);
  });
});

describe("stale-while-revalidate under a slow, failing or closed upstream", () => {
  it("a visitor arriving while a slow background refresh runs gets the stale answer at once, not a wait", async () => {
    const vars = { SEARCH_TTL: "1" };
    const before = await json(await callSettled("/v1/search?q=invoice", {}, vars));
    await sleep(1_050);
    await addFault({ path: "^/api/v3/search$", kind: "latency", ms: 1_500 });
    const first = await call("/v1/search?q=invoice", {}, vars); // serves stale, starts the refresh
    expect(first.res.headers.get("Cache-Status")).toMatch(/ttl=-\d+/);
    const started = Date.now();
    const second = await call("/v1/search?q=invoice", {}, vars);
    expect(Date.now() - started).toBeLessThan(700);
    expect(second.res.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=-\d+$/);
    expect(await json(second.res)).toEqual(before);
    await Promise.all([first.settled, second.settled]);
    expect(await searches()).toHaveLength(2); // the fill, and one refresh
  });

  it("a visitor arriving while a refresh times out still gets the stale answer, not a 504", async () => {
    const vars = { SEARCH_TTL: "1", UPSTREAM_TIMEOUT_MS: "400" };
    await callSettled("/v1/search?q=export", {}, vars);
    await sleep(1_050);
    await addFault({ path: "^/api/v3/search$", kind: "timeout", ms: 5_000 });
    const first = await call("/v1/search?q=export", {}, vars);
    const second = await call("/v1/search?q=export", {}, vars);
    expect(first.res.status).toBe(200);
    expect(second.res.status).toBe(200);
    await Promise.all([first.settled, second.settled]);
  });

  it("while the gate is closed, serves stale, makes no upstream call, and answers a cold key 503", async () => {
    const vars = { SEARCH_TTL: "1" };
    await callSettled("/v1/search?q=billing", {}, vars);
    await sleep(1_050);
    await addFault({ path: "^/api/v3/search$", kind: "429", times: 1 });
    // A cold key meets Helpjuice's 429 and closes the gate for a minute.
    expect((await callSettled("/v1/search?q=audit", {}, vars)).status).toBe(503);
    const before = (await searches()).length;
    for (let i = 0; i < 3; i++) {
      const res = await callSettled("/v1/search?q=billing", {}, vars);
      expect(res.status).toBe(200);
      expect(res.headers.get("Cache-Status")).toMatch(/ttl=-\d+/);
    }
    const cold = await callSettled("/v1/search?q=plan", {}, vars);
    expect(cold.status).toBe(503);
    expect(Number(cold.headers.get("Retry-After"))).toBeGreaterThan(1);
    expect(await searches()).toHaveLength(before);
  });
});

describe("collapsed requests", () => {
  it("a visitor who joins another's call is not refused for the other's per-client limit", async () => {
    const vars = { CLIENT_LIMITER: limiter(1) };
    const from = (ip: string) => ({ headers: { "CF-Connecting-IP": ip } });
    expect((await callSettled("/v1/search?q=invoice", from("198.51.100.1"), vars)).status).toBe(200);
    // 198.51.100.1 has used its share; 198.51.100.2 asks for the same cold key at the same moment.
    const [a, b] = await Promise.all([call("/v1/search?q=billing", from("198.51.100.1"), vars), call("/v1/search?q=billing", from("198.51.100.2"), vars)]);
    await Promise.all([a.settled, b.settled]);
    expect(b.res.status).toBe(200);
    expect([200, 429]).toContain(a.res.status);
  });
});

describe("purges and in-flight refreshes", () => {
  const hook = (id: number) =>
    callSettled(`/v1/webhooks/helpjuice?secret=${encodeURIComponent(TEST_VARS.WEBHOOK_SECRET)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: id } }),
    });

  it("a refresh under way when the webhook purges does not write its (pre-purge) answer back", async () => {
    const vars = { ARTICLE_TTL: "1" };
    await callSettled(`/v1/articles/${pub.id}`, {}, vars);
    await sleep(1_050);
    await addFault({ path: `^/api/v3/articles/${pub.id}$`, kind: "latency", ms: 600, times: 1 });
    const stale = await call(`/v1/articles/${pub.id}`, {}, vars); // refresh starts, slowly
    await sleep(100);
    expect((await hook(pub.id)).status).toBe(200);
    await stale.settled; // the refresh comes back after the purge
    expect(await env.HJ_CACHE.get(articleKey(pub.id, undefined))).toBeNull();
    const next = await callSettled(`/v1/articles/${pub.id}`, {}, vars);
    expect(next.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
  });

  it("a cold read under way when the webhook purges is not joined by readers who come after it", async () => {
    await addFault({ path: `^/api/v3/articles/${TRANSLATED.id}$`, kind: "latency", ms: 600, times: 1 });
    const early = call(`/v1/articles/${TRANSLATED.id}`);
    await sleep(100);
    await fakeControl(`/articles/${TRANSLATED.id}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Renamed during the read" }),
    });
    await hook(TRANSLATED.id);
    const late = await callSettled(`/v1/articles/${TRANSLATED.id}`);
    expect((await json(late)).article.title).toBe("Renamed during the read");
    expect(late.headers.get("Cache-Status")).not.toContain("collapsed");
    await (await early).settled;
  });
});

describe("secrets", () => {
  it("no log line and no response carries the key, even for impersonated calls (key in the query) that fail", async () => {
    const logged: string[] = [];
    for (const m of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
        logged.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "));
      });
    const token = await userToken();
    const faults: Array<Record<string, unknown>> = [
      { kind: "error", status: 500 },
      { kind: "error", status: 403, format: "json" },
      { kind: "non-json" },
      { kind: "timeout", ms: 5_000 },
      { kind: "429" },
    ];
    for (const fault of faults) {
      await resetAll();
      await addFault({ path: "^/api/v3/", ...fault });
      for (const path of ["/v1/search?q=password", `/v1/articles/${INTERNAL.id}`]) {
        const res = await callSettled(path, { headers: { Authorization: `Bearer ${token}` } }, { UPSTREAM_TIMEOUT_MS: "300" });
        expect(res.status).toBeGreaterThanOrEqual(500);
        await expectNoSecrets(res);
      }
    }
    expect(logged.join("\n")).not.toContain(FAKE_API_KEY);
    expect(logged.join("\n")).not.toContain("api_key");
  });

  it("an email outside ASCII is a 401, not a 500 from btoa, and makes no upstream call", async () => {
    const res = await callSettled("/v1/search?q=password", { headers: { Authorization: `Bearer ${await userToken("zoë@acme.test")}` } });
    expect(res.status).toBe(401);
    await expectNoSecrets(res);
    expect(await searches()).toEqual([]);
  });

  it("a base URL that is not a URL is reported by health and answered 502, not a 500", async () => {
    const vars = { HELPJUICE_BASE_URL: "not a url" };
    const health = await json(await callSettled("/v1/health", {}, vars));
    expect(health.status).toBe("misconfigured");
    const res = await callSettled("/v1/search?q=password", {}, vars);
    expect(res.status).toBe(502);
    await expectNoSecrets(res);
  });
});
