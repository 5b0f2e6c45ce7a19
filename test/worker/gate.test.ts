import { env, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { syncShare } from "../../worker/core/config";
import { addFault, call, callSettled, json, limiter, resetAll, upstreamLog } from "./support";

beforeEach(resetAll);

const searches = async () => (await upstreamLog()).filter((e) => e.path === "/api/v3/search");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Visitors' calls a minute: the limit less the share kept for the edge index's sync (core/config.ts). */
const visitors = (limit: number) => limit - syncShare(limit);
const COLD = ["password", "invoice", "sso", "export", "billing", "api key", "slack", "import", "team", "plan", "audit", "sync"];

describe("the global gate", () => {
  it("with UPSTREAM_RATE_LIMIT=6, a burst of 12 distinct cold searches makes at most 6 less the sync's share upstream calls; the rest are 503 with Retry-After", async () => {
    const vars = { UPSTREAM_RATE_LIMIT: "6" };
    const n = visitors(6);
    expect(n).toBeLessThan(6);
    const burst = await Promise.all(COLD.map((q) => call(`/v1/search?q=${encodeURIComponent(q)}`, {}, vars)));
    await Promise.all(burst.map((b) => b.settled));
    const statuses = burst.map((b) => b.res.status);
    expect(await searches()).toHaveLength(n);
    expect(statuses.filter((s) => s === 200)).toHaveLength(n);
    const refused = burst.filter((b) => b.res.status === 503);
    expect(refused).toHaveLength(12 - n);
    for (const r of refused) {
      const wait = Number(r.res.headers.get("Retry-After"));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect((await json(r.res)).error.code).toBe("upstream_unavailable");
    }
  });

  it("keeps counting across requests: the call past visitors' share of the minute is refused even one at a time", async () => {
    const vars = { UPSTREAM_RATE_LIMIT: "6" };
    const n = visitors(6);
    for (const q of COLD.slice(0, n)) expect((await callSettled(`/v1/search?q=${q}`, {}, vars)).status).toBe(200);
    const next = await callSettled(`/v1/search?q=${COLD[n]}`, {}, vars);
    expect(next.status).toBe(503);
    // What is cached is still served while the gate is full.
    expect((await callSettled(`/v1/search?q=${COLD[0]}`, {}, vars)).status).toBe(200);
    expect(await searches()).toHaveLength(n);
  });

  it("counts every upstream call, article reads and retries included", async () => {
    // 4 a minute, one of them kept for the index sync: 3 for visitors.
    const vars = { UPSTREAM_RATE_LIMIT: "4" };
    expect(visitors(4)).toBe(3);
    await addFault({ path: "/api/v3/search", kind: "error", status: 500, times: 1 });
    expect((await callSettled("/v1/search?q=password", {}, vars)).status).toBe(200); // 2 attempts
    expect((await callSettled("/v1/articles/999999", {}, vars)).status).toBe(404); // 1 call
    expect((await callSettled("/v1/search?q=invoice", {}, vars)).status).toBe(503);
    expect(await upstreamLog()).toHaveLength(3);
  });

  it("remembers its window in storage, so an evicted gate does not forget the minute", async () => {
    const vars = { UPSTREAM_RATE_LIMIT: "2" };
    await callSettled("/v1/search?q=password", {}, vars);
    await callSettled("/v1/search?q=invoice", {}, vars);
    const gate = env.UPSTREAM_GATE.get(env.UPSTREAM_GATE.idFromName("global"));
    await runInDurableObject(gate, (instance) => {
      (instance as unknown as { global: unknown }).global = null;
    });
    expect((await callSettled("/v1/search?q=sso", {}, vars)).status).toBe(503);
  });
});

describe("an upstream 429", () => {
  it("closes the gate: a cold request is 503 with no upstream call, a warm stale key keeps serving", async () => {
    const vars = { SEARCH_TTL: "1" };
    const warm = await json(await callSettled("/v1/search?q=sso", {}, vars));
    await sleep(1_100);
    await addFault({ path: "/api/v3/search", kind: "429", times: 1 });
    const hit429 = await callSettled("/v1/search?q=password", {}, vars);
    expect(hit429.status).toBe(503);
    expect(Number(hit429.headers.get("Retry-After"))).toBeGreaterThanOrEqual(59);
    const callsAfter429 = (await upstreamLog()).length;

    const cold = await callSettled("/v1/search?q=invoice", {}, vars);
    expect(cold.status).toBe(503);
    expect(Number(cold.headers.get("Retry-After"))).toBeGreaterThan(0);

    const stale = await callSettled("/v1/search?q=sso", {}, vars);
    expect(stale.status).toBe(200);
    expect(stale.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=-\d+$/);
    expect(await json(stale)).toEqual(warm);
    // Neither the cold request nor the stale key's background refresh got past the closed gate.
    expect(await upstreamLog()).toHaveLength(callsAfter429);
  });

  it("closes the gate for articles and votes too, not just the key that got the 429", async () => {
    await addFault({ path: "/api/v3/search", kind: "429", times: 1 });
    await callSettled("/v1/search?q=password");
    const before = (await upstreamLog()).length;
    expect((await callSettled("/v1/articles/999999")).status).toBe(503);
    expect(await upstreamLog()).toHaveLength(before);
  });
});

describe("stale-if-error", () => {
  it("after the TTL serves the old body, with a negative ttl, while upstream fails", async () => {
    const vars = { SEARCH_TTL: "1" };
    const before = await json(await callSettled("/v1/search?q=export", {}, vars));
    await sleep(1_100);
    await addFault({ path: "/api/v3/search", kind: "error", status: 500 });
    for (let i = 0; i < 2; i++) {
      const res = await callSettled("/v1/search?q=export", {}, vars);
      expect(res.status).toBe(200);
      const ttl = Number(/ttl=(-?\d+)/.exec(res.headers.get("Cache-Status") ?? "")?.[1]);
      expect(ttl).toBeLessThan(0);
      expect(await json(res)).toEqual(before);
    }
  });

  it("serves stale when upstream times out after the TTL", async () => {
    const vars = { SEARCH_TTL: "1", UPSTREAM_TIMEOUT_MS: "300" };
    const before = await json(await callSettled("/v1/search?q=invoice", {}, vars));
    await sleep(1_100);
    await addFault({ path: "/api/v3/search", kind: "timeout" });
    const res = await callSettled("/v1/search?q=invoice", {}, vars);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(before);
  });
});

describe("the per-client limit (CLIENT_LIMITER, the Rate Limiting binding)", () => {
  it("as wrangler.toml ships it: 30 upstream-bound requests a minute from one client, then 429 with Retry-After: 60", async () => {
    const from = { headers: { "CF-Connecting-IP": "198.51.100.77" } };
    for (let i = 0; i < 30; i++) expect((await callSettled(`/v1/search?q=cold${i}`, from, { UPSTREAM_RATE_LIMIT: "1000" })).status).toBe(200);
    const over = await callSettled("/v1/search?q=cold30", from, { UPSTREAM_RATE_LIMIT: "1000" });
    expect(over.status).toBe(429);
    expect(over.headers.get("Retry-After")).toBe("60");
    expect((await callSettled("/v1/search?q=cold30", { headers: { "CF-Connecting-IP": "198.51.100.78" } })).status).toBe(200);
  });

  it("gives one client its limit of upstream calls a minute, then 429 with Retry-After (the period); others still get through", async () => {
    const vars = { CLIENT_LIMITER: limiter(2) };
    const from = (ip: string) => ({ headers: { "CF-Connecting-IP": ip } });
    expect((await callSettled("/v1/search?q=password", from("198.51.100.1"), vars)).status).toBe(200);
    expect((await callSettled("/v1/search?q=invoice", from("198.51.100.1"), vars)).status).toBe(200);
    const over = await callSettled("/v1/search?q=sso", from("198.51.100.1"), vars);
    expect(over.status).toBe(429);
    expect((await json(over)).error.code).toBe("rate_limited");
    expect(over.headers.get("Retry-After")).toBe("60");
    // Cache hits cost no allowance, and another client is unaffected.
    expect((await callSettled("/v1/search?q=password", from("198.51.100.1"), vars)).status).toBe(200);
    expect((await callSettled("/v1/search?q=sso", from("198.51.100.2"), vars)).status).toBe(200);
    expect(await searches()).toHaveLength(3);
  });

  it.each([
    ["no CF-Connecting-IP (the Workers test runtime)", {}],
    ["a loopback address (wrangler dev fills it in)", { headers: { "CF-Connecting-IP": "127.0.0.1" } }],
    ["the IPv6 loopback", { headers: { "CF-Connecting-IP": "::1" } }],
  ])("does not lump requests from %s into one client: the global gate still holds", async (_, init) => {
    const vars = { CLIENT_LIMITER: limiter(1), UPSTREAM_RATE_LIMIT: "4" };
    const statuses = [];
    for (const q of ["n1", "n2", "n3", "n4"]) statuses.push((await callSettled(`/v1/search?q=${q}`, init, vars)).status);
    expect(statuses).toEqual([200, 200, 200, 503]);
    expect(await searches()).toHaveLength(3);
  });

  it("does not spend the global allowance on a client that is over its own", async () => {
    const vars = { CLIENT_LIMITER: limiter(1), UPSTREAM_RATE_LIMIT: "2" };
    const from = (ip: string) => ({ headers: { "CF-Connecting-IP": ip } });
    await callSettled("/v1/search?q=password", from("198.51.100.1"), vars);
    for (const q of ["a1", "a2", "a3"]) expect((await callSettled(`/v1/search?q=${q}`, from("198.51.100.1"), vars)).status).toBe(429);
    expect((await callSettled("/v1/search?q=sso", from("198.51.100.2"), vars)).status).toBe(200);
  });
});
