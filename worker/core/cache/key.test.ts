import { describe, expect, it } from "vitest";
import { articleKey, articlePrefix, MAX_KV_KEY_BYTES, normaliseQuery, searchKey } from "./key";

describe("normaliseQuery", () => {
  it("folds case, trims and collapses white space so equivalent queries share one entry", () => {
    expect(normaliseQuery("  Reset   PASSWORD\t\n")).toBe("reset password");
  });
  it("applies NFKC so full-width and compatibility forms match their plain forms", () => {
    expect(normaliseQuery("ＡＰＩ　ｋｅｙ")).toBe("api key");
    expect(normaliseQuery("ﬁle")).toBe("file");
  });
});

describe("searchKey", () => {
  it("separates categories and generations", () => {
    const a = searchKey(1, "sso");
    expect(searchKey(1, "sso", 3)).not.toBe(a);
    expect(searchKey(2, "sso")).not.toBe(a);
  });
  // This used to assert `< 512 * 4`, which a 200-character CJK query passed while KV refused its key.
  it.each([
    ["CJK", "日".repeat(200)],
    ["NFKC expansion", "\uFDFA".repeat(200)],
    ["emoji", "🔑".repeat(100)],
    ["lone surrogate", "a\uD800b"],
  ])("stays within KV's 512-byte key limit for the longest valid query (%s)", (_, raw) => {
    const key = searchKey(Date.now(), normaliseQuery(raw), 2_147_483_647);
    expect(new TextEncoder().encode(key).length).toBeLessThanOrEqual(MAX_KV_KEY_BYTES);
  });
  it("keeps short queries readable and hashes only long ones, without collisions between the two", () => {
    expect(searchKey(3, "reset password")).toBe("s:3:-:reset%20password");
    const long = "日".repeat(100);
    expect(searchKey(3, long)).toMatch(/^s:3:-:#[0-9a-f]{64}$/);
    expect(searchKey(3, long)).not.toBe(searchKey(3, `${long}x`));
    expect(searchKey(3, long, 2)).not.toBe(searchKey(3, long));
  });
  it("cannot be confused by a query that looks like another key's category", () => {
    expect(searchKey(1, "3:x")).not.toBe(searchKey(1, "x", 3));
  });
});

describe("articleKey", () => {
  it("includes the language, and every language shares the article's prefix", () => {
    expect(articleKey(12, "es_ES")).not.toBe(articleKey(12, "de_DE"));
    expect(articleKey(12, undefined)).not.toBe(articleKey(12, "en_US"));
    for (const l of ["es_ES", undefined]) expect(articleKey(12, l).startsWith(articlePrefix(12))).toBe(true);
    expect(articleKey(120, "es_ES").startsWith(articlePrefix(12))).toBe(false);
  });
});
