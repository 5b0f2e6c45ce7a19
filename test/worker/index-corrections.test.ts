/**
 * Typo corrections remembered per copy (platform/index/search.ts, IndexEngine.corrected): a word this
 * search found in that memory is still corrected when the memory fills up and starts again during it,
 * and two searches sharing the memory cannot take each other's words away.
 */
import { describe, expect, it } from "vitest";
import { corrections, type IndexEngine } from "../../worker/platform/index/search";
import type { QueryWord } from "../../worker/core/index/search-plan";

const VOCABULARY = [
  { term: "password", doc: 5 },
  { term: "reset", doc: 3 },
];

function engine(memo: Map<string, string | null>, asked: string[][] = []): IndexEngine {
  return {
    kind: "replica",
    corrected: memo,
    run: async () => ({ rows: [], known: [] }),
    candidates: async (words) => {
      asked.push(words.map((w) => w.raw));
      return words.map((w) => VOCABULARY.filter((v) => v.term[0] === w.raw[0]));
    },
  };
}

const word = (raw: string, last = false): QueryWord => ({ raw, term: raw, prefix: last ? raw : null });

describe("remembered corrections", () => {
  it("are worked out once per word, and still apply when the memory starts again mid-search", async () => {
    const memo = new Map<string, string | null>();
    for (let i = 0; i < 2_047; i++) memo.set(`filler${i}`, null);
    const asked: string[][] = [];
    const e = engine(memo, asked);
    expect(await corrections(e, [word("pasword")])).toEqual(new Map([["pasword", "password"]]));
    // "pasword" is remembered; "resxt" is new and fills the memory, which starts again.
    expect(await corrections(e, [word("pasword"), word("resxt")])).toEqual(new Map([["pasword", "password"], ["resxt", "reset"]]));
    expect(asked).toEqual([["pasword"], ["resxt"]]);
  });

  it("of two searches at once are each their own", async () => {
    const memo = new Map<string, string | null>();
    for (let i = 0; i < 2_046; i++) memo.set(`filler${i}`, null);
    const e = engine(memo);
    await corrections(e, [word("pasword")]);
    const [a, b] = await Promise.all([corrections(e, [word("pasword"), word("resxt")]), corrections(e, [word("pasword"), word("rezet")])]);
    expect(a.get("pasword")).toBe("password");
    expect(b.get("pasword")).toBe("password");
    expect(a.get("resxt")).toBe("reset");
    expect(b.get("rezet")).toBe("reset");
  });
});
