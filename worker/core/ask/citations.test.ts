import { describe, expect, it } from "vitest";
import { CitationFilter } from "./citations";

const run = (valid: number[], chunks: string[]) => {
  const f = new CitationFilter(new Set(valid));
  const shown = chunks.map((c) => f.push(c));
  return { shown, end: f.end() };
};

describe("CitationFilter", () => {
  it("holds text back until the first valid citation, then streams", () => {
    const { shown, end } = run([1, 2], ["Open Settings", " and click Billing [1]", ". Then ", "download it [2]."]);
    expect(shown).toEqual(["", "Open Settings and click Billing [1]", ". Then ", "download it [2]."]);
    expect(end).toEqual({ text: "", answered: true, citations: [1, 2] });
  });

  it("removes citations that were not sent, also inside a list and across chunks", () => {
    const { shown, end } = run([1], ["A fact [3", "]. Another [1, 7]. More [1][9]."]);
    expect(shown.join("") + end.text).toBe("A fact. Another [1]. More [1].");
    expect(end.citations).toEqual([1]);
  });

  it("never shows an answer without a valid citation", () => {
    const { shown, end } = run([1, 2], ["The admin console can do it [5]", " trust me."]);
    expect(shown.every((s) => s === "")).toBe(true);
    expect(end).toEqual({ text: "", answered: false, citations: [] });
  });

  it("leaves brackets that are not citations alone", () => {
    const { shown, end } = run([1], ["Use the [Export] button [1]."]);
    expect(shown.join("") + end.text).toBe("Use the [Export] button [1].");
  });
});
