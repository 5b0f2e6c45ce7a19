import { describe, expect, it } from "vitest";
import { lexiconOf, rangeOf, termAt } from "./lexicon";
import { findTerm, HASH_START, hashStep, termTable } from "./term-table";

// docs_vocab's order: code points, so a character past the BMP sorts after U+FFFD (UTF-16 would put it before).
const TERMS = ["pass", "passwd", "password", "pay", "zorb", "\uFFFD", "𝐳𝐨𝐫"];
const lx = lexiconOf(TERMS.map((term, i) => ({ term, doc: i + 1 })));

describe("lexicon", () => {
  it("finds a term, or the terms a prefix starts, in code point order", () => {
    expect(rangeOf(lx, "password", false)).toEqual([2, 3]);
    expect(rangeOf(lx, "passw", false)[1] - rangeOf(lx, "passw", false)[0]).toBe(0);
    expect(rangeOf(lx, "pass", true)).toEqual([0, 3]);
    expect(rangeOf(lx, "pa", true)).toEqual([0, 4]);
    expect(rangeOf(lx, "\uFFFD", false)).toEqual([5, 6]);
    expect(rangeOf(lx, "𝐳", true)).toEqual([6, 7]);
    expect(termAt(lx, 6)).toBe("𝐳𝐨𝐫");
  });

  it("finds tokens of analysed text by hash, without slicing them", () => {
    const table = termTable(lx);
    const text = "xx password 𝐳𝐨𝐫 nope";
    const find = (s: number, e: number) => {
      let h = HASH_START;
      for (let i = s; i < e; i++) h = hashStep(h, text.charCodeAt(i));
      return findTerm(table, text, s, e, h);
    };
    expect(find(3, 11)).toBe(2);
    expect(find(12, 12 + "𝐳𝐨𝐫".length)).toBe(6);
    expect(find(0, 2)).toBe(-1);
  });
});

describe("FTS5's folding", async () => {
  const { fts5Fold } = await import("./fts5-fold");
  it("folds as unicode61 does the letters the worker's analysis leaves", () => {
    expect(fts5Fold("µmol")).toBe("μmol");
    expect(fts5Fold("cd3ϵ")).toBe("cd3ε");
    expect(fts5Fold("straße")).toBe("straße");
    expect(fts5Fold("kündigung")).toBe("kündigung");
    expect(fts5Fold("ıi")).toBe("ıi");
    expect(fts5Fold("パスワード")).toBe("パスワード");
  });
});
