import { describe, expect, it } from "vitest";
import { FAKE_API_KEY } from "../fake-helpjuice/index";
import { callSettled, json, TEST_VARS, upstreamLog, resetAll } from "./support";

describe("GET /v1/health", () => {
  it("reports configuration sanity without any secret and without calling upstream", async () => {
    await resetAll();
    const res = await callSettled("/v1/health");
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.status).toBe("ok");
    expect(body.problems).toEqual([]);
    for (const secret of [FAKE_API_KEY, TEST_VARS.USER_TOKEN_SECRET, TEST_VARS.WEBHOOK_SECRET]) expect(text).not.toContain(secret);
    expect(await upstreamLog()).toEqual([]);
  });

  it("says what is missing when the key and account are not configured", async () => {
    const body = await json(await callSettled("/v1/health", {}, { HELPJUICE_API_KEY: "", HELPJUICE_BASE_URL: "" }));
    expect(body.status).toBe("misconfigured");
    expect(body.problems.join(" ")).toMatch(/HELPJUICE_API_KEY/);
    expect(body.problems.join(" ")).toMatch(/HELPJUICE_ACCOUNT/);
  });
});

describe("GET /v1/openapi.json", () => {
  it("describes the routes from the same schemas that validate them", async () => {
    const doc = await json(await callSettled("/v1/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/search", "/v1/articles/{id}", "/v1/health"]));
    const params = doc.paths["/v1/search"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(["q", "category", "lang", "limit"]));
    const lang = doc.paths["/v1/search"].get.parameters.find((p: { name: string }) => p.name === "lang");
    expect(lang.schema.pattern).toBe("^[a-z]{2}_[A-Z]{2}$");
  });
});
