import { describe, expect, it } from "vitest";
import { createFakeHelpjuice, FAKE_API_KEY } from "./index";
import { BASE, body, control, get, postJson } from "./testing";

const addFault = async (fake: ReturnType<typeof createFakeHelpjuice>, rule: Record<string, unknown>) => {
  const res = await control(fake, "/faults", postJson(rule));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await body(res)).fault;
};

describe("fault injection", () => {
  it("error: the status with an HTML page by default, JSON on request, a given body verbatim", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "^/api/v3/search$", kind: "error", status: 503, times: 1 });
    const r503 = await get(fake, "/api/v3/search?query=password");
    expect(r503.status).toBe(503);
    expect(r503.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(await r503.text()).toContain("503 Service Temporarily Unavailable");

    await addFault(fake, { path: "/articles/", kind: "error", status: 500, format: "json", times: 1 });
    const r500 = await get(fake, "/api/v3/articles/1");
    expect(r500.status).toBe(500);
    expect(await body(r500)).toEqual({ status: 500, error: "Internal Server Error" });

    await addFault(fake, { path: "/articles/", kind: "error", status: 502, body: "upstream says no", times: 1 });
    const r502 = await get(fake, "/api/v3/articles/1");
    expect([r502.status, await r502.text()]).toEqual([502, "upstream says no"]);

    expect((await get(fake, "/api/v3/articles/1")).status).toBe(200); // all rules used up
    expect(fake.state.faults).toHaveLength(0);
  });

  it("is answered before authentication and logged with its kind", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: ".*", kind: "error", status: 500 });
    expect((await get(fake, "/api/v3/articles/1", {})).status).toBe(500);
    expect(fake.state.log[0]).toMatchObject({ status: 500, fault: "error" });
  });

  it("times: a rule expires after that many matches", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "/search", kind: "error", status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(fake, "/api/v3/search?query=sso")).status);
    expect(statuses).toEqual([500, 500, 200]);
  });

  it("matches an optional method and query substring (raw or decoded)", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "/search", query: "query=reset password", kind: "error", status: 500 });
    await addFault(fake, { path: "/upvote$", method: "put", kind: "error", status: 503 });
    expect((await get(fake, "/api/v3/search?query=reset%20password")).status).toBe(500);
    expect((await get(fake, "/api/v3/search?query=reset+password")).status).toBe(500);
    expect((await get(fake, "/api/v3/search?query=invoice")).status).toBe(200);
    const vote = await fake.fetch(new Request(`${BASE}/api/v3/articles/1/upvote`, { method: "PUT", headers: { Authorization: FAKE_API_KEY } }));
    expect(vote.status).toBe(503);
  });

  it("429: Helpjuice's rate-limit answer", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "/search", kind: "429" });
    const res = await get(fake, "/api/v3/search?query=sso");
    expect(res.status).toBe(429);
    expect(await res.text()).toBe('{"message":"You have fired too many requests, please wait one minute."}');
    expect(res.headers.get("Retry-After")).toBeNull();
  });

  it("non-json: a 200 with an HTML page", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "/search", kind: "non-json" });
    const res = await get(fake, "/api/v3/search?query=sso");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    await expect(res.clone().json()).rejects.toThrow();
    expect(await res.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it("latency: delays, then answers normally", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "/articles/", kind: "latency", ms: 150 });
    const t0 = Date.now();
    const res = await get(fake, "/api/v3/articles/12");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect((await body(res)).article.id).toBe(12);
    expect(fake.state.log[0]).toMatchObject({ status: 200, fault: "latency" });
  });

  it("timeout: never answers until the client aborts, and leaves no timer behind", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "/search", kind: "timeout" });
    const ctrl = new AbortController();
    let settled = false;
    const pending = fake.fetch(new Request(`${BASE}/api/v3/search?query=sso`, { headers: { Authorization: FAKE_API_KEY }, signal: ctrl.signal }));
    pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false);
    expect(fake.state.holds.pending).toBe(1);
    expect(fake.state.log[0].status).toBe(0);
    ctrl.abort();
    const res = await pending;
    expect(res.status).toBe(499);
    expect(fake.state.holds.pending).toBe(0);
    expect(fake.state.log[0]).toMatchObject({ status: 499, fault: "timeout" });
  });

  it("timeout: gives up with a 504 after `ms`, or when the fake is reset", async () => {
    const fake = createFakeHelpjuice();
    await addFault(fake, { path: "/search", kind: "timeout", ms: 100 });
    const res = await get(fake, "/api/v3/search?query=sso");
    expect(res.status).toBe(504);
    await addFault(fake, { path: "/articles", kind: "timeout" });
    const held = get(fake, "/api/v3/articles/1");
    await new Promise((r) => setTimeout(r, 50));
    fake.reset();
    expect((await held).status).toBe(504);
    expect(fake.state.holds.pending).toBe(0);
  });

  it("rejects malformed rules with 400", async () => {
    const fake = createFakeHelpjuice();
    for (const rule of [{}, { path: "(", kind: "error" }, { path: "/x", kind: "explode" }, { path: "/x", kind: "error", status: 42 }, { path: "/x", kind: "error", times: 0 }]) {
      const res = await control(fake, "/faults", postJson(rule));
      expect(res.status, JSON.stringify(rule)).toBe(400);
    }
    const res = await control(fake, "/faults", { method: "POST", body: "not json" });
    expect(res.status).toBe(400);
  });

  it("lists, deletes one, deletes all", async () => {
    const fake = createFakeHelpjuice();
    const a = await addFault(fake, { path: "/a", kind: "error" });
    await addFault(fake, { path: "/b", kind: "non-json" });
    expect((await body(await control(fake, "/faults"))).faults.map((f: any) => f.path)).toEqual(["/a", "/b"]);
    expect((await control(fake, `/faults/${a.id}`, { method: "DELETE" })).status).toBe(200);
    expect(fake.state.faults.map((f) => f.path)).toEqual(["/b"]);
    await control(fake, "/faults", { method: "DELETE" });
    expect(fake.state.faults).toHaveLength(0);
  });
});
