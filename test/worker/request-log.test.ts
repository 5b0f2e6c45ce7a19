import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sign } from "hono/jwt";
import { FAKE_API_KEY } from "../fake-helpjuice/index";
import { STAFF_EMAIL } from "../fake-helpjuice/seed/users";
import { INTERNAL } from "./seed-facts";
import { addFault, callSettled, clearFaults, resetAll, TEST_VARS } from "./support";

let lines: string[] = [];

beforeEach(async () => {
  await resetAll();
  lines = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await clearFaults();
});

const requestLines = () => lines.filter((l) => l.startsWith("{") && JSON.parse(l).msg === "request").map((l) => JSON.parse(l));
// REQUEST_LOG is read from the environment as it comes (wrangler.toml does not set it).
const ON: Record<string, string> = { REQUEST_LOG: "on" };
const OFF: Record<string, string> = { REQUEST_LOG: "off" };

describe("one structured log line per request", () => {
  it("names the route, status, Cache-Status, upstream calls with their ms and the gate, never the query", async () => {
    const res = await callSettled("/v1/search?q=write%20to%20someone%40acme.test&limit=3", {}, ON);
    expect(res.status).toBe(200);
    const [line, ...more] = requestLines();
    expect(more).toEqual([]);
    expect(line).toMatchObject({ method: "GET", route: "/v1/search", status: 200, viewer: "anonymous", gate: "open" });
    expect(line.cache_status).toBe(res.headers.get("Cache-Status"));
    expect(line.upstream).toEqual([{ method: "GET", path: "/api/v3/search", status: 200, ms: expect.any(Number) }]);
    expect(line.upstream_ms).toBe(line.upstream[0].ms);
    expect(lines.join("\n")).not.toMatch(/acme\.test|someone|write to/);

    lines = [];
    await callSettled("/v1/search?q=write%20to%20someone%40acme.test&limit=3", {}, ON);
    expect(requestLines()[0]).toMatchObject({ upstream: [], upstream_ms: 0, gate: "not_asked" });
    expect(requestLines()[0].cache_status).toMatch(/hit/);
  });

  it("never carries the key, a user token, the user's e-mail or the webhook secret", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await sign({ sub: STAFF_EMAIL, aud: "hj-search", exp: now + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256");
    // Impersonated calls carry the key in their query: only the path is kept.
    const res = await callSettled(`/v1/articles/${INTERNAL.id}`, { headers: { Authorization: `Bearer ${token}` } }, ON);
    expect(res.status).toBe(200);
    await addFault({ path: "^/api/v3/", kind: "error", status: 403, format: "json" });
    await callSettled("/v1/search?q=password", { headers: { Authorization: `Bearer ${token}` } }, ON);
    await callSettled(`/v1/webhooks/helpjuice?secret=${TEST_VARS.WEBHOOK_SECRET}`, { method: "POST", body: '{"event":"x"}' }, ON);
    const [article, search, webhook] = requestLines();
    expect(article).toMatchObject({ route: "/v1/articles/:id", status: 200, viewer: "user" });
    expect(article.upstream[0].path).toBe(`/api/v3/articles/${INTERNAL.id}`);
    expect(search).toMatchObject({ status: 502, viewer: "user" });
    expect(webhook).toMatchObject({ route: "/v1/webhooks/helpjuice", status: 200 });
    const all = lines.join("\n");
    for (const secret of [FAKE_API_KEY, "api_key", token, token.split(".")[1]!, STAFF_EMAIL, TEST_VARS.WEBHOOK_SECRET]) expect(all).not.toContain(secret);
  });

  it("says when the gate was closed", async () => {
    await addFault({ path: "/api/v3/search", kind: "429", times: 1 });
    await callSettled("/v1/search?q=password", {}, ON);
    await callSettled("/v1/search?q=invoice", {}, ON);
    const [first, second] = requestLines();
    expect(first).toMatchObject({ status: 503, gate: "closed" });
    expect(first.upstream).toEqual([{ method: "GET", path: "/api/v3/search", status: 429, ms: expect.any(Number) }]);
    expect(second).toMatchObject({ status: 503, gate: "closed", upstream: [] });
  });

  it("is on for requests that came through Cloudflare (request.cf), off for in-process calls and with REQUEST_LOG=off", async () => {
    await callSettled("/v1/health");
    expect(requestLines()).toEqual([]);
    await callSettled("/v1/health", { cf: { colo: "LHR" } } as RequestInit);
    expect(requestLines()).toMatchObject([{ route: "/v1/health", colo: "LHR", gate: "not_asked" }]);
    lines = [];
    await callSettled("/v1/health", { cf: { colo: "LHR" } } as RequestInit, OFF);
    await callSettled("/no/such/route", {}, ON);
    expect(requestLines()).toMatchObject([{ route: "(none)", status: 404 }]);
  });
});
