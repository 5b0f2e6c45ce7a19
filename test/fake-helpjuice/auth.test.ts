import { describe, expect, it } from "vitest";
import { createFakeHelpjuice, FAKE_API_KEY, DEACTIVATED_EMAIL, PARTNER_EMAIL, STAFF_EMAIL, VIEWER_EMAIL, ADMIN_EMAIL } from "./index";
import { BASE, basic, body, get, getAs } from "./testing";

describe("authentication", () => {
  it("answers 403 JSON without a key", async () => {
    const res = await get(createFakeHelpjuice(), "/api/v3/articles/1", {});
    expect(res.status).toBe(403);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect((await body(res)).error).toBeTruthy();
  });

  it.each([
    ["header", { Authorization: "hj-wrong-key" }, ""],
    ["Bearer header", { Authorization: "Bearer hj-wrong-key" }, ""],
    ["query", {}, "?api_key=hj-wrong-key"],
    ["empty query", {}, "?api_key="],
  ])("answers 403 to a wrong key in the %s", async (_, headers, qs) => {
    const res = await get(createFakeHelpjuice(), `/api/v3/articles/1${qs}`, headers as Record<string, string>);
    expect(res.status).toBe(403);
  });

  it.each([
    ["a raw Authorization header", { Authorization: FAKE_API_KEY }, "", "header"],
    ["a Bearer Authorization header", { Authorization: `Bearer ${FAKE_API_KEY}` }, "", "header"],
    ["the api_key parameter", {}, `?api_key=${FAKE_API_KEY}`, "query"],
  ])("accepts the key in %s, and logs how it came", async (_, headers, qs, via) => {
    const fake = createFakeHelpjuice();
    const res = await get(fake, `/api/v3/articles/1${qs}`, headers as Record<string, string>);
    expect(res.status).toBe(200);
    expect(fake.state.log[0]).toMatchObject({ method: "GET", path: "/api/v3/articles/1", keyVia: via, user: null, status: 200 });
  });

  it("honours a custom key", async () => {
    const fake = createFakeHelpjuice({ apiKey: "other-key" });
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(403);
    expect((await get(fake, "/api/v3/articles/1", { Authorization: "other-key" })).status).toBe(200);
  });

  it("needs the key in api_key when Basic auth impersonates (the header is taken)", async () => {
    const fake = createFakeHelpjuice();
    const res = await fake.fetch(new Request(`${BASE}/api/v3/articles/1`, { headers: { Authorization: basic(VIEWER_EMAIL) } }));
    expect(res.status).toBe(403);
    const ok = await getAs(fake, VIEWER_EMAIL, "/api/v3/articles/1");
    expect(ok.status).toBe(200);
    expect(fake.state.log[1]).toMatchObject({ user: VIEWER_EMAIL, keyVia: "query", status: 200 });
  });

  it("answers 401 JSON for an unknown or deactivated impersonated user, 403 first if the key is wrong", async () => {
    const fake = createFakeHelpjuice();
    for (const email of ["nobody@acme.test", DEACTIVATED_EMAIL, ""]) {
      const res = await getAs(fake, email, "/api/v3/articles/1");
      expect(res.status, email).toBe(401);
      expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    }
    const wrongKey = await fake.fetch(
      new Request(`${BASE}/api/v3/articles/1?api_key=nope`, { headers: { Authorization: basic("nobody@acme.test") } }),
    );
    expect(wrongKey.status).toBe(403);
  });

  it("matches the impersonated email case-insensitively", async () => {
    expect((await getAs(createFakeHelpjuice(), "Viewer@ACME.test", "/api/v3/articles/1")).status).toBe(200);
  });
});

describe("impersonation changes what Helpjuice shows", () => {
  const fake = createFakeHelpjuice();
  const status = async (who: string | null, id: number) =>
    (who ? await getAs(fake, who, `/api/v3/articles/${id}`) : await get(fake, `/api/v3/articles/${id}`)).status;

  it.each([
    // [who, public 12, internal 60, private 65, draft 69, internal draft 76]
    [null, [200, 200, 200, 200, 200]],
    [ADMIN_EMAIL, [200, 200, 200, 200, 200]],
    [STAFF_EMAIL, [200, 200, 404, 404, 404]],
    [VIEWER_EMAIL, [200, 404, 404, 404, 404]],
    [PARTNER_EMAIL, [200, 404, 200, 404, 404]],
  ])("%s", async (who, expected) => {
    const got = [];
    for (const id of [12, 60, 65, 69, 76]) got.push(await status(who, id));
    expect(got).toEqual(expected);
  });

  it("narrows search results to what the user may see", async () => {
    const ids = async (who: string | null) =>
      (await body(who ? await getAs(fake, who, "/api/v3/search?query=password") : await get(fake, "/api/v3/search?query=password"))).searches.map(
        (h: any) => h.id,
      );
    const owner = await ids(null);
    const viewer = await ids(VIEWER_EMAIL);
    const staff = await ids(STAFF_EMAIL);
    const partner = await ids(PARTNER_EMAIL);
    expect(owner).toEqual(expect.arrayContaining([60, 66, 69, 73]));
    expect(viewer).not.toEqual(expect.arrayContaining([60]));
    for (const hidden of [60, 66, 69, 73, 76]) expect(viewer).not.toContain(hidden);
    expect(staff).toContain(60);
    expect(staff).not.toContain(66);
    expect(staff).not.toContain(69);
    expect(partner).toContain(66);
    expect(partner).not.toContain(60);
  });
});
