import { beforeEach, describe, expect, it } from "vitest";
import { APP_ORIGIN, addFault, callSettled, json, resetAll } from "./support";

beforeEach(resetAll);

const JSON_TYPE = "application/json; charset=utf-8";

describe("every JSON answer is application/json; charset=utf-8", () => {
  const cases: Array<[string, string, RequestInit, number]> = [
    ["a search", "/v1/search?q=password", {}, 200],
    ["an article", "/v1/articles/12", {}, 200],
    ["bad input", "/v1/search?q=", {}, 400],
    ["a bad token", "/v1/search?q=password", { headers: { Authorization: "Bearer a.b.c" } }, 401],
    ["an unknown route", "/v1/nothing-here", {}, 404],
    ["a wrong method", "/v1/search?q=password", { method: "DELETE" }, 405],
    ["health", "/v1/health", {}, 200],
    ["the OpenAPI description", "/v1/openapi.json", {}, 200],
    ["a vote from a disallowed origin", "/v1/articles/12/vote", { method: "POST", headers: { Origin: "https://evil.example" } }, 403],
    ["a vote", "/v1/articles/12/vote", { method: "POST", headers: { Origin: APP_ORIGIN, "Content-Type": "application/json", "X-HJ-Visitor": "contract-1" }, body: '{"vote":"up"}' }, 200],
    ["a webhook with a wrong secret", "/v1/webhooks/helpjuice?secret=no", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }, 401],
  ];
  it.each(cases)("%s", async (_, path, init, status) => {
    const res = await callSettled(path, init);
    expect(res.status).toBe(status);
    expect(res.headers.get("Content-Type")).toBe(JSON_TYPE);
    expect(await json(res)).toBeTypeOf("object");
  });
});

describe("every search and article answer carries Cache-Status, failures included", () => {
  it("bad input bypassed the cache", async () => {
    const res = await callSettled("/v1/search?q=");
    expect(res.status).toBe(400);
    expect(res.headers.get("Cache-Status")).toBe("hj-kv; fwd=bypass; detail=refused");
  });

  it("a closed gate with nothing cached missed it", async () => {
    // A cold article read is two calls (the article, and the categories listing its visibility needs).
    const res = await callSettled("/v1/articles/13", {}, { UPSTREAM_RATE_LIMIT: "2" });
    expect(res.status).toBe(200);
    const closed = await callSettled("/v1/search?q=gate-closed-cold", {}, { UPSTREAM_RATE_LIMIT: "2" });
    expect(closed.status).toBe(503);
    expect(closed.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; detail=gate-closed");
  });

  it("garbage upstream with nothing cached missed it", async () => {
    await addFault({ path: "/api/v3/articles", kind: "error", status: 500 });
    const res = await callSettled("/v1/articles/14");
    expect(res.status).toBe(502);
    expect(res.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; detail=bad-upstream");
  });
});

describe("every /v1 answer carries the API's security headers", () => {
  it.each([
    ["a search", "/v1/search?q=password"],
    ["bad input", "/v1/search?q="],
    ["an unknown route", "/v1/nothing-here"],
    ["health", "/v1/health"],
  ])("%s", async (_, path) => {
    // Twice: the second search is answered from the isolate's memory, before the router (hot-answer.ts).
    for (const res of [await callSettled(path), await callSettled(path)]) {
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("X-Frame-Options")).toBe("DENY");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(res.headers.get("Strict-Transport-Security")).toMatch(/^max-age=\d+/);
      expect(res.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    }
  });
});
