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

  it("answers 503 and says what is missing when the key and account are not configured", async () => {
    const res = await callSettled("/v1/health", {}, { HELPJUICE_API_KEY: "", HELPJUICE_BASE_URL: "" });
    expect(res.status).toBe(503);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await json(res);
    expect(body.status).toBe("misconfigured");
    expect(body.problems.join(" ")).toMatch(/HELPJUICE_API_KEY/);
    expect(body.problems.join(" ")).toMatch(/HELPJUICE_ACCOUNT/);
  });

  it("with only an account set (wrangler.toml's defaults), names the origins and the secrets it lacks", async () => {
    const res = await callSettled("/v1/health", {}, {
      HELPJUICE_ACCOUNT: "acme",
      HELPJUICE_BASE_URL: "",
      ALLOWED_ORIGINS: "http://localhost:8787",
      HELPJUICE_API_KEY: "",
      WEBHOOK_SECRET: "",
      USER_TOKEN_SECRET: "",
    });
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.upstream.host).toBe("acme.helpjuice.com");
    const text = body.problems.join("\n");
    expect(text).toMatch(/HELPJUICE_API_KEY/);
    expect(body.notices.join("\n")).toMatch(/WEBHOOK_SECRET/);
    expect(text).toMatch(/ALLOWED_ORIGINS holds only local origins \(http:\/\/localhost:8787\)/);
    expect(text).not.toMatch(/HELPJUICE_ACCOUNT/);
    expect(await upstreamLog()).toEqual([]);
  });

  it("is 200 for a real account once origins and secrets are set", async () => {
    const res = await callSettled("/v1/health", {}, { HELPJUICE_ACCOUNT: "acme", HELPJUICE_BASE_URL: "", ALLOWED_ORIGINS: "https://www.acme.com" });
    expect(res.status).toBe(200);
    expect((await json(res)).problems).toEqual([]);
  });

  it.each([
    ["a missing KV binding", { HJ_CACHE: undefined }, /HJ_CACHE/],
    ["a missing D1 binding", { HJ_INDEX: undefined }, /HJ_INDEX/],
    ["a missing Durable Object binding", { VOTES: undefined }, /VOTES/],
    ["dev token minting without USER_TOKEN_SECRET", { DEV_TOKEN_MINTING: "true", USER_TOKEN_SECRET: "" }, /USER_TOKEN_SECRET/],
    ["only local origins for a real base URL", { HELPJUICE_BASE_URL: "https://kb.acme.com", ALLOWED_ORIGINS: "http://127.0.0.1:8787" }, /ALLOWED_ORIGINS/],
  ])("answers 503 for %s", async (_, vars, problem) => {
    const res = await callSettled("/v1/health", {}, vars as Record<string, string>);
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.status).toBe("misconfigured");
    expect(body.problems.join("\n")).toMatch(problem);
  });
});

describe("GET /v1/health notices", () => {
  it("is still 200 without WEBHOOK_SECRET (webhooks are optional), and says what that costs", async () => {
    const res = await callSettled("/v1/health", {}, { WEBHOOK_SECRET: "" });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.problems).toEqual([]);
    expect(body.notices.join("\n")).toMatch(/WEBHOOK_SECRET is not set/);
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

  it("is served with this worker's own origin as its server (the built document has none)", async () => {
    const doc = await json(await callSettled("https://docs.example.net/v1/openapi.json"));
    expect(doc.servers).toEqual([{ url: "https://docs.example.net", description: "This worker" }]);
  });
});
