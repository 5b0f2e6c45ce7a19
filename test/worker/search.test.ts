import { beforeEach, describe, expect, it } from "vitest";
import { FAKE_API_KEY } from "../fake-helpjuice/index";
import { addFault, call, callSettled, FAKE_ORIGIN, json, resetAll, upstreamLog } from "./support";

beforeEach(resetAll);

/** What Helpjuice says to the account owner, who sees everything: the ground truth for visibility. */
async function ownerView(query: string) {
  const res = await fetch(`${FAKE_ORIGIN}/api/v3/search?query=${encodeURIComponent(query)}`, {
    headers: { Authorization: FAKE_API_KEY },
  });
  const body = (await res.json()) as { searches: Array<Record<string, any>> };
  return body.searches;
}

const searches = async () => (await upstreamLog("/api/v3/search")).filter((e) => e.path === "/api/v3/search");

describe("GET /v1/search", () => {
  it("answers the contract's small JSON for a query", async () => {
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    const body = await json(res);
    expect(body.query).toBe("password");
    expect(body.results.length).toBeGreaterThan(0);
    for (const r of body.results) {
      expect(Object.keys(r).sort()).toEqual(["category", "id", "snippet", "title", "url"]);
      expect(typeof r.id).toBe("number");
      expect(r.snippet).not.toMatch(/[<>]/);
      expect(r.category === null || (typeof r.category.id === "number" && typeof r.category.name === "string")).toBe(true);
    }
  });

  it.each(["password", "reset password", "invoice", "sso", "api key", "export"])(
    "never shows an anonymous visitor an internal, private or unpublished article (%s)",
    async (q) => {
      const owner = await ownerView(q);
      const hidden = new Set(owner.filter((h) => !h.is_published || h.is_internal || h.is_private).map((h) => h.id));
      const visible = owner.filter((h) => !hidden.has(h.id)).map((h) => h.id);
      const body = await json(await callSettled(`/v1/search?q=${encodeURIComponent(q)}&limit=50`));
      const ids = body.results.map((r: any) => r.id);
      expect(ids.filter((id: number) => hidden.has(id))).toEqual([]);
      expect(ids).toEqual(visible.slice(0, 50));
    },
  );

  it("has hidden articles to leak in the first place (so the test above can fail)", async () => {
    const owner = await ownerView("password");
    expect(owner.some((h) => h.is_internal || h.is_private || !h.is_published)).toBe(true);
  });

  it("sends the normalised query and category upstream with the key in a header, never in the URL", async () => {
    await callSettled("/v1/search?q=%20%20Reset%20%20PASSWORD%20&category=2");
    const [entry] = await searches();
    expect(entry.query).toMatchObject({ query: "reset password", category_id: "2" });
    expect(entry.query.api_key).toBeUndefined();
    expect(entry.keyVia).toBe("header");
    expect(entry.user).toBeNull();
  });

  it("caches: a miss is stored, the same query again (any case or spacing) is a hit with no upstream call", async () => {
    const first = await callSettled("/v1/search?q=invoice");
    expect(first.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    const second = await callSettled("/v1/search?q=%20INVOICE%20");
    expect(second.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=\d+$/);
    expect((await json(second)).results).toEqual((await json(first)).results);
    expect(await searches()).toHaveLength(1);
  });

  it("serves every limit from one cached entry, 10 by default", async () => {
    const all = await json(await callSettled("/v1/search?q=account&limit=50"));
    expect(all.results.length).toBeGreaterThan(3);
    const three = await json(await callSettled("/v1/search?q=account&limit=3"));
    expect(three.results).toEqual(all.results.slice(0, 3));
    const dflt = await json(await callSettled("/v1/search?q=account"));
    expect(dflt.results).toEqual(all.results.slice(0, 10));
    expect(await searches()).toHaveLength(1);
  });

  it("makes one upstream call for 30 concurrent requests on one cold key", async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, () => call("/v1/search?q=billing")));
    await Promise.all(responses.map((r) => r.settled));
    expect(responses.every((r) => r.res.status === 200)).toBe(true);
    expect(await searches()).toHaveLength(1);
    const statuses = responses.map((r) => r.res.headers.get("Cache-Status"));
    expect(statuses.filter((s) => s === "hj-kv; fwd=miss; stored")).toHaveLength(1);
    expect(statuses.filter((s) => s?.includes("collapsed")).length).toBeGreaterThan(0);
  });

  it("after the TTL serves stale at once and refreshes once in the background", async () => {
    const vars = { SEARCH_TTL: "1" };
    await callSettled("/v1/search?q=sso", {}, vars);
    await new Promise((r) => setTimeout(r, 1_100));
    const stale = await call("/v1/search?q=sso", {}, vars);
    expect(stale.res.status).toBe(200);
    expect(stale.res.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=-\d+$/);
    await stale.settled;
    expect(await searches()).toHaveLength(2);
    const fresh = await callSettled("/v1/search?q=sso", {}, vars);
    expect(fresh.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=\d+$/);
  });

  it("keeps serving the stale answer when upstream fails after the TTL", async () => {
    const vars = { SEARCH_TTL: "1" };
    const before = await json(await callSettled("/v1/search?q=export", {}, vars));
    await new Promise((r) => setTimeout(r, 1_100));
    await addFault({ path: "/api/v3/search", kind: "error", status: 500 });
    for (let i = 0; i < 3; i++) {
      const res = await callSettled("/v1/search?q=export", {}, vars);
      expect(res.status).toBe(200);
      expect(res.headers.get("Cache-Status")).toMatch(/ttl=-\d+/);
      expect(await json(res)).toEqual(before);
    }
  });

  it("answers 304 to a matching If-None-Match, keeping the cache headers", async () => {
    const first = await callSettled("/v1/search?q=password");
    const tag = first.headers.get("ETag");
    expect(tag).toBeTruthy();
    expect(first.headers.get("Cache-Control")).toMatch(/public, max-age=\d+/);
    const again = await callSettled("/v1/search?q=password", { headers: { "If-None-Match": tag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get("Cache-Status")).toMatch(/^hj-kv; hit/);
  });
});

describe("bad input", () => {
  const bad = [
    "/v1/search",
    "/v1/search?q=",
    "/v1/search?q=%20%20%20",
    `/v1/search?q=${"a".repeat(201)}`,
    "/v1/search?q=x&category=0",
    "/v1/search?q=x&category=-1",
    "/v1/search?q=x&category=abc",
    "/v1/search?q=x&category=1.5",
    "/v1/search?q=x&lang=en",
    "/v1/search?q=x&lang=en-US",
    "/v1/search?q=x&lang=EN_us",
    "/v1/search?q=x&limit=0",
    "/v1/search?q=x&limit=51",
    "/v1/search?q=x&limit=ten",
    "/v1/articles/0",
    "/v1/articles/abc",
    "/v1/articles/-3",
    "/v1/articles/1.5",
    "/v1/articles/12?lang=español",
  ];
  it.each(bad)("%s → 400 JSON, no upstream call", async (path) => {
    const res = await callSettled(path);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("bad_request");
    expect(typeof body.error.message).toBe("string");
    expect(await upstreamLog()).toEqual([]);
  });

  it("accepts exactly 200 characters after trimming", async () => {
    const res = await callSettled(`/v1/search?q=%20${"a".repeat(200)}%20`);
    expect(res.status).toBe(200);
  });

  it("counts characters, not UTF-16 units: 200 emoji pass, 201 do not", async () => {
    expect((await callSettled(`/v1/search?q=${encodeURIComponent("🔑".repeat(200))}`)).status).toBe(200);
    expect((await callSettled(`/v1/search?q=${encodeURIComponent("🔑".repeat(201))}`)).status).toBe(400);
  });

  it("says which parameter is wrong", async () => {
    const body = await json(await callSettled(`/v1/search?q=${"a".repeat(201)}`));
    expect(body.error.message).toMatch(/q must be 1–200 characters/);
  });

  it("answers unknown routes with a JSON 404 and wrong methods with 405", async () => {
    const nf = await callSettled("/v1/nope");
    expect(nf.status).toBe(404);
    expect((await json(nf)).error.code).toBe("not_found");
    const m = await callSettled("/v1/search?q=x", { method: "DELETE" });
    expect(m.status).toBe(405);
    expect(m.headers.get("Allow")).toContain("GET");
  });
});

describe("upstream faults on a cold key", () => {
  const cases: Array<[string, Record<string, unknown>, number]> = [
    ["a 5xx", { kind: "error", status: 503 }, 502],
    ["a non-JSON answer", { kind: "non-json" }, 502],
    ["a timeout", { kind: "timeout" }, 504],
    ["a 429", { kind: "429" }, 503],
  ];
  it.each(cases)("%s → %j, answered %i with a JSON error that names neither key nor upstream", async (_, fault, status) => {
    await addFault({ path: "/api/v3/search", ...fault });
    const res = await callSettled("/v1/search?q=password", {}, { UPSTREAM_TIMEOUT_MS: "400" });
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBeTruthy();
    const everything = text + JSON.stringify([...res.headers]);
    expect(everything).not.toContain(FAKE_API_KEY);
    expect(everything).not.toContain("fake.helpjuice.test");
    expect(everything).not.toMatch(/at \w+ \(|\.ts:\d+/); // no stack
    if (status === 503) expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("retries a failed GET once inside the timeout", async () => {
    await addFault({ path: "/api/v3/search", kind: "error", status: 500, times: 1 });
    const res = await callSettled("/v1/search?q=password");
    expect(res.status).toBe(200);
    expect(await searches()).toHaveLength(2);
  });
});

describe("CORS", () => {
  it("allows configured origins, with preflights for the widget's headers cached", async () => {
    const pre = await callSettled("/v1/search?q=x", {
      method: "OPTIONS",
      headers: {
        Origin: "https://app.example.com",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization, x-hj-visitor",
      },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example.com");
    expect(pre.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("x-hj-visitor");
    expect(Number(pre.headers.get("Access-Control-Max-Age"))).toBeGreaterThan(0);
    const get = await callSettled("/v1/search?q=password", { headers: { Origin: "https://app.example.com" } });
    expect(get.headers.get("Access-Control-Allow-Origin")).toBe("https://app.example.com");
  });

  it("gives other origins no CORS grant", async () => {
    const res = await callSettled("/v1/search?q=password", { headers: { Origin: "https://evil.example" } });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
