import { describe, expect, it } from "vitest";
import { articleKey, articlePrefix, normaliseQuery, searchKey } from "./cache-key";

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
  it("stays under KV's 512-byte key limit for the longest valid query", () => {
    const q = normaliseQuery("日".repeat(200));
    expect(new TextEncoder().encode(searchKey(Date.now(), q, 2_147_483_647)).length).toBeLessThan(512 * 4);
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
