// What `npm run deploy` refuses (scripts/check-deploy-config.mjs): the rules, on wrangler's parsed config.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without declarations, shared with the Node script
import { deployProblems, parseSecretsFile, secretsProblems } from "../../scripts/deploy-check-rules.mjs";

// As wrangler.toml ships: no ids (wrangler creates the resources), no account, local origins.
const shipped = {
  vars: { HELPJUICE_ACCOUNT: "", HELPJUICE_BASE_URL: "", ALLOWED_ORIGINS: "http://localhost:8787" },
  kv_namespaces: [{ binding: "HJ_CACHE" }],
  d1_databases: [{ binding: "HJ_INDEX", database_name: "hj-index" }],
};
const ready = {
  vars: { HELPJUICE_ACCOUNT: "acme", HELPJUICE_BASE_URL: "", ALLOWED_ORIGINS: "https://www.acme.com,https://app.acme.com" },
  kv_namespaces: [{ binding: "HJ_CACHE", id: "0123456789abcdef0123456789abcdef" }],
  d1_databases: [{ binding: "HJ_INDEX", database_name: "hj-index", database_id: "4b9f1e0c-1a2b-4c3d-8e9f-0a1b2c3d4e5f" }],
};
const problems = (config: object): string[] => deployProblems(config);

describe("the pre-deploy check", () => {
  it("refuses wrangler.toml as shipped for its account and origins only: the missing ids are wrangler's to fill", () => {
    const p = problems(shipped);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^HELPJUICE_ACCOUNT is empty/);
    expect(p[1]).toMatch(/^ALLOWED_ORIGINS holds no site but local ones \(http:\/\/localhost:8787\)/);
    expect(problems({ ...shipped, vars: { ...ready.vars } })).toEqual([]);
  });

  it("lets a configured account through", () => {
    expect(problems(ready)).toEqual([]);
    expect(problems({ ...ready, vars: { ...ready.vars, ALLOWED_ORIGINS: "*" } })).toEqual([]);
    expect(problems({ ...ready, vars: { ...ready.vars, ALLOWED_ORIGINS: "http://localhost:8787,https://www.acme.com" } })).toEqual([]);
  });

  it.each([
    ["an all-zero KV id left from an older wrangler.toml", { kv_namespaces: [{ binding: "HJ_CACHE", id: "0".repeat(32) }] }, /KV HJ_CACHE has a placeholder id \(remove the id line/],
    ["an all-zero D1 id", { d1_databases: [{ binding: "HJ_INDEX", database_name: "hj-index", database_id: "00000000-0000-0000-0000-000000000000" }] }, /D1 HJ_INDEX/],
    ["an empty account", { vars: { ...ready.vars, HELPJUICE_ACCOUNT: " " } }, /HELPJUICE_ACCOUNT is empty/],
    ["the example's placeholder account", { vars: { ...ready.vars, HELPJUICE_ACCOUNT: "your-account" } }, /placeholder "your-account"/],
    ["an account that is a URL", { vars: { ...ready.vars, HELPJUICE_ACCOUNT: "https://acme.helpjuice.com" } }, /not a subdomain/],
    ["a development base URL", { vars: { ...ready.vars, HELPJUICE_BASE_URL: "http://127.0.0.1:8788" } }, /HELPJUICE_BASE_URL is set/],
    ["only local origins", { vars: { ...ready.vars, ALLOWED_ORIGINS: "http://localhost:8787, http://127.0.0.1:8787" } }, /ALLOWED_ORIGINS/],
    ["no origins", { vars: { ...ready.vars, ALLOWED_ORIGINS: "" } }, /ALLOWED_ORIGINS holds no site but local ones \(none\)/],
  ])("refuses %s", (_, change, message) => {
    const p = problems({ ...ready, ...change });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(message);
  });
});

describe("the pre-deploy check of the API key (wrangler's secrets.required would hide the optional secrets from wrangler dev)", () => {
  it("reads a secrets file as wrangler does: NAME=value lines or JSON", () => {
    expect(parseSecretsFile("# c\nHELPJUICE_API_KEY=abc\nWEBHOOK_SECRET=\"x y\"\nEMPTY=\n")).toEqual({ HELPJUICE_API_KEY: "abc", WEBHOOK_SECRET: "x y", EMPTY: "" });
    expect(parseSecretsFile('{"HELPJUICE_API_KEY":"abc"}')).toEqual({ HELPJUICE_API_KEY: "abc" });
  });

  it("refuses a deploy that would leave the worker without HELPJUICE_API_KEY, and says how to give it", () => {
    expect(secretsProblems({ fileSecrets: { HELPJUICE_API_KEY: "abc" } })).toEqual([]);
    expect(secretsProblems({ fileSecrets: { HELPJUICE_API_KEY: " " } })[0]).toMatch(/secrets file has no HELPJUICE_API_KEY/);
    expect(secretsProblems({ deployedNames: ["HELPJUICE_API_KEY", "WEBHOOK_SECRET"] })).toEqual([]);
    expect(secretsProblems({ deployedNames: ["WEBHOOK_SECRET"] })[0]).toMatch(/wrangler secret put HELPJUICE_API_KEY/);
    expect(secretsProblems({ deployedNames: null })[0]).toMatch(/--secrets-file/);
  });
});
