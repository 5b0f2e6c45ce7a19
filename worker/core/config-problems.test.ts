import { describe, expect, it } from "vitest";
import { accountProblems, configNotices, configProblems, isLocalHost, isRealUpstream } from "./config-problems";
import { parseConfig } from "./config";
import type { Env } from "../env";

const cfgOf = (vars: Partial<Record<keyof Env, string>>) => parseConfig(vars as unknown as Env);
const SECRETS = { HELPJUICE_API_KEY: "k", WEBHOOK_SECRET: "w" };

describe("isLocalHost / isRealUpstream", () => {
  it.each(["localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1", "0.0.0.0"])("%s is local", (h) => {
    expect(isLocalHost(h)).toBe(true);
  });
  it.each(["acme.helpjuice.com", "localhost.example.com", "128.0.0.1", "10.0.0.1", "example.com"])("%s is not", (h) => {
    expect(isLocalHost(h)).toBe(false);
  });
  it("an account or a remote base URL is real; a local stand-in or nothing is not", () => {
    expect(isRealUpstream(cfgOf({ HELPJUICE_ACCOUNT: "acme" }).baseUrl)).toBe(true);
    expect(isRealUpstream(cfgOf({ HELPJUICE_BASE_URL: "https://kb.acme.com" }).baseUrl)).toBe(true);
    expect(isRealUpstream(cfgOf({ HELPJUICE_ACCOUNT: "acme", HELPJUICE_BASE_URL: "http://127.0.0.1:8788" }).baseUrl)).toBe(false);
    expect(isRealUpstream(cfgOf({}).baseUrl)).toBe(false);
  });
});

describe("configProblems", () => {
  it("finds nothing wrong with a real account, real origins and the secrets the features need", () => {
    const cfg = cfgOf({ HELPJUICE_ACCOUNT: "acme", ALLOWED_ORIGINS: "https://www.acme.com,https://app.acme.com" });
    expect(configProblems(SECRETS, cfg, true)).toEqual([]);
  });

  it("flags origins that only this machine has while the account is real", () => {
    const cfg = cfgOf({ HELPJUICE_ACCOUNT: "acme", ALLOWED_ORIGINS: "http://localhost:8787, http://127.0.0.1:8787" });
    const [p, ...rest] = configProblems(SECRETS, cfg, true);
    expect(rest).toEqual([]);
    expect(p).toMatch(/^ALLOWED_ORIGINS holds only local origins \(http:\/\/localhost:8787, http:\/\/127\.0\.0\.1:8787\)/);
  });

  it("flags an empty origin list with a real account, but not one local origin among real ones, nor *", () => {
    expect(configProblems(SECRETS, cfgOf({ HELPJUICE_ACCOUNT: "acme", ALLOWED_ORIGINS: "" }), true)[0]).toMatch(/ALLOWED_ORIGINS is empty/);
    expect(configProblems(SECRETS, cfgOf({ HELPJUICE_ACCOUNT: "acme", ALLOWED_ORIGINS: "http://localhost:8787,https://acme.com" }), true)).toEqual([]);
    expect(configProblems(SECRETS, cfgOf({ HELPJUICE_ACCOUNT: "acme", ALLOWED_ORIGINS: "*" }), true)).toEqual([]);
  });

  it("leaves local origins alone while the worker talks to a local stand-in (npm start, the tests)", () => {
    const cfg = cfgOf({ HELPJUICE_BASE_URL: "http://127.0.0.1:8788", ALLOWED_ORIGINS: "http://localhost:8787" });
    expect(configProblems(SECRETS, cfg, true)).toEqual([]);
  });

  it("notes a missing WEBHOOK_SECRET while the edge index is on, without calling it a problem", () => {
    const cfg = cfgOf({ HELPJUICE_ACCOUNT: "acme", ALLOWED_ORIGINS: "https://acme.com" });
    expect(configProblems({ HELPJUICE_API_KEY: "k" }, cfg, true)).toEqual([]);
    expect(configNotices({ HELPJUICE_API_KEY: "k" }, true)).toEqual([expect.stringMatching(/^WEBHOOK_SECRET is not set/)]);
    expect(configNotices({ HELPJUICE_API_KEY: "k" }, false)).toEqual([]);
    expect(configNotices(SECRETS, true)).toEqual([]);
  });

  it("wants USER_TOKEN_SECRET when dev token minting is on", () => {
    const cfg = cfgOf({ HELPJUICE_BASE_URL: "http://127.0.0.1:8788" });
    expect(configProblems({ ...SECRETS, DEV_TOKEN_MINTING: "true" }, cfg, true)).toEqual([expect.stringMatching(/USER_TOKEN_SECRET/)]);
    expect(configProblems({ ...SECRETS, DEV_TOKEN_MINTING: "true", USER_TOKEN_SECRET: "s" }, cfg, true)).toEqual([]);
  });

  it("names the origins a fresh account-only setup lacks", () => {
    const cfg = cfgOf({ HELPJUICE_ACCOUNT: "acme", ALLOWED_ORIGINS: "http://localhost:8787" });
    expect(configProblems({}, cfg, true).join("\n")).toMatch(/ALLOWED_ORIGINS/);
  });
});

describe("accountProblems", () => {
  it("names the example's placeholder account, and a missing key as missing, with advice for where it runs", () => {
    expect(accountProblems({ HELPJUICE_ACCOUNT: "your-account", HELPJUICE_API_KEY: "k" }, "https://your-account.helpjuice.com", "local")).toEqual([
      expect.stringMatching(/placeholder "your-account"/),
    ]);
    expect(accountProblems({ HELPJUICE_ACCOUNT: "acme" }, "https://acme.helpjuice.com", "local")).toEqual([
      "HELPJUICE_API_KEY is not set (add HELPJUICE_API_KEY=… to .dev.vars and restart)",
    ]);
    expect(accountProblems({ HELPJUICE_ACCOUNT: "acme" }, "https://acme.helpjuice.com", "deployed")).toEqual([
      "HELPJUICE_API_KEY is not set (npx wrangler secret put HELPJUICE_API_KEY)",
    ]);
    expect(accountProblems({ HELPJUICE_API_KEY: "k" }, null, "deployed")).toEqual([expect.stringMatching(/HELPJUICE_ACCOUNT or HELPJUICE_BASE_URL is not set/)]);
  });
});

describe("configNotices for insights", () => {
  it("says when insights are recorded but nobody can read them", () => {
    const vars = { HELPJUICE_API_KEY: "k", WEBHOOK_SECRET: "w" };
    expect(configNotices(vars, true, "local", true)).toEqual([expect.stringMatching(/^INSIGHTS_TOKEN is not set \(add INSIGHTS_TOKEN=… to \.dev\.vars/)]);
    expect(configNotices(vars, true, "deployed", false)).toEqual([]);
    expect(configNotices({ ...vars, INSIGHTS_TOKEN: "t" }, true, "deployed", true)).toEqual([]);
  });
});
