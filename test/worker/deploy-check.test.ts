// What `npm run deploy` refuses (scripts/check-deploy-config.mjs): the rules, on wrangler's parsed config.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without declarations, shared with the Node script
import { deployProblems } from "../../scripts/deploy-check-rules.mjs";

const shipped = {
  vars: { HELPJUICE_ACCOUNT: "", HELPJUICE_BASE_URL: "", ALLOWED_ORIGINS: "http://localhost:8787" },
  kv_namespaces: [{ binding: "HJ_CACHE", id: "00000000000000000000000000000000" }],
  d1_databases: [{ binding: "HJ_INDEX", database_name: "hj-index", database_id: "00000000-0000-0000-0000-000000000000" }],
};
const ready = {
  vars: { HELPJUICE_ACCOUNT: "acme", HELPJUICE_BASE_URL: "", ALLOWED_ORIGINS: "https://www.acme.com,https://app.acme.com" },
  kv_namespaces: [{ binding: "HJ_CACHE", id: "0123456789abcdef0123456789abcdef" }],
  d1_databases: [{ binding: "HJ_INDEX", database_name: "hj-index", database_id: "4b9f1e0c-1a2b-4c3d-8e9f-0a1b2c3d4e5f" }],
};
const problems = (config: object): string[] => deployProblems(config);

describe("the pre-deploy check", () => {
  it("refuses wrangler.toml as shipped, naming each placeholder and the command that fixes it", () => {
    const p = problems(shipped);
    expect(p).toHaveLength(4);
    expect(p[0]).toMatch(/^KV HJ_CACHE has a placeholder id \(npx wrangler kv namespace create/);
    expect(p[1]).toMatch(/^D1 HJ_INDEX has a placeholder database_id \(npx wrangler d1 create hj-index/);
    expect(p[2]).toMatch(/^HELPJUICE_ACCOUNT is empty/);
    expect(p[3]).toMatch(/^ALLOWED_ORIGINS holds no site but local ones \(http:\/\/localhost:8787\)/);
  });

  it("lets a configured account through", () => {
    expect(problems(ready)).toEqual([]);
    expect(problems({ ...ready, vars: { ...ready.vars, ALLOWED_ORIGINS: "*" } })).toEqual([]);
    expect(problems({ ...ready, vars: { ...ready.vars, ALLOWED_ORIGINS: "http://localhost:8787,https://www.acme.com" } })).toEqual([]);
  });

  it.each([
    ["an all-zero KV id", { kv_namespaces: [{ binding: "HJ_CACHE", id: "0".repeat(32) }] }, /KV HJ_CACHE/],
    ["an empty KV id", { kv_namespaces: [{ binding: "HJ_CACHE", id: "" }] }, /KV HJ_CACHE/],
    ["an all-zero D1 id", { d1_databases: [{ binding: "HJ_INDEX", database_name: "hj-index", database_id: "00000000-0000-0000-0000-000000000000" }] }, /D1 HJ_INDEX/],
    ["a D1 database without an id", { d1_databases: [{ binding: "HJ_INDEX", database_name: "hj-index" }] }, /D1 HJ_INDEX/],
    ["an empty account", { vars: { ...ready.vars, HELPJUICE_ACCOUNT: " " } }, /HELPJUICE_ACCOUNT is empty/],
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
