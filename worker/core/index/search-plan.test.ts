import { describe, expect, it } from "vitest";
import { allOf, anyOf, corrected, planSearch, prefixOf } from "./search-plan";
import { editDistance, typoBudget } from "./text/edit-distance";
import { analyze } from "./text/analyze";
import { fold } from "./text/fold";

describe("text", () => {
  it("folds case and accents without moving any offset", () => {
    expect(fold("Kündigung ÉTÉ")).toBe("kundigung ete");
    const text = "Straße – Ça va";
    expect(fold(text)).toHaveLength(text.length);
  });

  it("analyses as the index stores it: stopwords out, stems in, per language", () => {
    expect(analyze("The invoices of the team", "en_US")).toBe("invoic team");
    expect(analyze("Kündigung", "de_DE")).toBe(analyze("kundigung", "de_DE"));
    // Japanese is split into words, and its voicing marks are part of the letter, not accents to drop.
    expect(analyze("パスワードを変更する", "ja_JP").split(" ")).toContain("パスワード");
    expect(fold("パ")).not.toBe(fold("ハ"));
  });

  it("counts a transposition as one edit and gives up past the budget", () => {
    expect(editDistance("pasword", "password", 1)).toBe(1);
    expect(editDistance("webhok", "webhook", 1)).toBe(1);
    expect(editDistance("recieve", "receive", 1)).toBe(1);
    expect(editDistance("abc", "xyz", 1)).toBe(2);
    expect([typoBudget(3), typoBudget(4), typoBudget(8)]).toEqual([0, 1, 2]);
  });
});

describe("planSearch", () => {
  it("cuts the word being typed back towards its stem", () => {
    expect(prefixOf("passw", "passw")).toBe("passw");
    expect(prefixOf("configura", "configura")).toBe("configu");
    expect(prefixOf("invoices", "invoic")).toBe("invoic");
  });

  it("needs every word, the last as a prefix, and offers any word as the fallback", () => {
    const plan = planSearch("reset passw", "en_US");
    expect(allOf(plan)).toBe('"reset" AND "passw"*');
    expect(anyOf(plan)).toBe('"reset" OR "passw"*');
    expect(anyOf(planSearch("invoices", "en_US"))).toBeNull();
  });

  it("keeps a query made only of stopwords, and quotes what FTS5 would read as syntax", () => {
    expect(allOf(planSearch("the", "en_US"))).toBe('"the"*');
    expect(allOf(planSearch('say "hi" OR NOT x', "en_US"))).not.toMatch(/(^| )(OR|NOT)( |$)/);
    expect(allOf(planSearch("!!!", "en_US"))).toBeNull();
  });

  it("a corrected word is matched as the vocabulary term, no longer as a prefix", () => {
    const plan = corrected(planSearch("webhok", "en_US"), new Map([["webhok", "webhook"]]));
    expect(allOf(plan)).toBe('"webhook"');
  });
});
