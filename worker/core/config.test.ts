import { describe, expect, it } from "vitest";
import { baseUrlOf, originAllowed, parseConfig } from "./config";
import type { Env } from "../env";

const env = (vars: Partial<Env>) => vars as Env;

describe("parseConfig", () => {
  it("uses docs/design.md's defaults when vars are missing or garbage", () => {
    const cfg = parseConfig(env({ SEARCH_TTL: "soon" }));
    expect(cfg).toMatchObject({ searchTtl: 300, articleTtl: 3600, timeoutMs: 5000, rateLimit: 100 });
  });
  it("reads string vars as wrangler --var passes them", () => {
    expect(parseConfig(env({ UPSTREAM_RATE_LIMIT: "6", SEARCH_TTL: "5" }))).toMatchObject({ rateLimit: 6, searchTtl: 5 });
  });
  it("splits ALLOWED_ORIGINS and accepts a trailing slash", () => {
    const cfg = parseConfig(env({ ALLOWED_ORIGINS: "https://a.example, https://b.example/" }));
    expect(originAllowed(cfg, "https://b.example")).toBe(true);
    expect(originAllowed(cfg, "https://evil.example")).toBe(false);
    expect(originAllowed(cfg, undefined)).toBe(false);
    expect(originAllowed(parseConfig(env({ ALLOWED_ORIGINS: "*" })), "https://any.example")).toBe(true);
  });
});

describe("baseUrlOf", () => {
  it("builds the account URL, prefers an explicit base URL, and refuses a host smuggled in the account", () => {
    expect(baseUrlOf({ HELPJUICE_ACCOUNT: "acme" })).toBe("https://acme.helpjuice.com");
    expect(baseUrlOf({ HELPJUICE_ACCOUNT: "acme", HELPJUICE_BASE_URL: "http://127.0.0.1:8788/" })).toBe("http://127.0.0.1:8788");
    expect(baseUrlOf({ HELPJUICE_ACCOUNT: "evil.example/x?" })).toBeNull();
    expect(baseUrlOf({})).toBeNull();
  });
  it("refuses an explicit base URL that is not a plain http(s) URL, rather than failing later", () => {
    expect(baseUrlOf({ HELPJUICE_BASE_URL: "https://acme.helpjuice.com/" })).toBe("https://acme.helpjuice.com");
    expect(baseUrlOf({ HELPJUICE_BASE_URL: "https://proxy.example/helpjuice/" })).toBe("https://proxy.example/helpjuice");
    for (const bad of ["acme.helpjuice.com", "ftp://acme.example", "https://u:p@acme.example", "https://acme.example/?api_key=x", "javascript:alert(1)"])
      expect(baseUrlOf({ HELPJUICE_BASE_URL: bad }), bad).toBeNull();
  });
});
