import { describe, expect, it } from "vitest";
import { htmlToText } from "./text/plain";
import { snippet, SNIPPET_MAX } from "./snippet";

describe("snippet", () => {
  it("shows a table row and a list from the indexed text with their separators", () => {
    const text = htmlToText(
      "<p>Intro</p><table><tr><th>Rule</th><th>Default</th><th>Range</th></tr><tr><td>Minimum length</td><td>12</td><td>8–64</td></tr></table>" +
        "<ol><li>Your password</li><li>Passwords are checked.</li></ol>",
    );
    const s = snippet([text], ["minimum"]);
    expect(s).toContain("Rule · Default · Range. Minimum length · 12 · 8–64");
    expect(snippet([text], ["password"])).toContain("Your password. Passwords are checked.");
  });

  it("adds no ellipsis after a cut that ends a sentence (\"Range.\", not \"Range.…\")", () => {
    // The cut falls on the space after "Range.": a table row's end, as htmlToText writes it.
    const text = `${"word ".repeat(34)}Rule · Default · Range. Minimum length · 12 · 8–64 and ${"more ".repeat(30)}`;
    const s = snippet([text], ["nothing-matches"]);
    expect(s.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(s).not.toMatch(/[.!?。]…$/u);
    expect(s).toMatch(/Range\.$/);
    const end = snippet([`${"a ".repeat(96)}Done. bbbbbbbbbb ${"b ".repeat(40)}`], ["zz"]);
    expect(end).toMatch(/Done\.$/);
    // Mid-sentence cuts keep theirs.
    expect(snippet(["word ".repeat(80)], ["zz"])).toMatch(/word…$/);
  });

  it("neither opens nor ends on a cell separator", () => {
    const cells = Array.from({ length: 60 }, (_, i) => `<td>cell${i}</td>`).join("");
    const text = htmlToText(`<table><tr>${cells}</tr></table>`);
    for (const needle of ["cell20", "cell21", "cell33"]) {
      const s = snippet([text], [needle]);
      expect(s.length).toBeLessThanOrEqual(SNIPPET_MAX);
      expect(s).toContain(needle);
      expect(s).not.toMatch(/^…?\s*·|·\s*…?$/);
    }
  });
});

describe("white space in a snippet", () => {
  it("collapses every run of white space to one space, and leaves single spaces as they are", () => {
    const chars = [" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "a", "b", "."];
    let seed = 3;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2_000; n++) {
      let text = "";
      for (let i = Math.floor(next() * 30); i > 0; i--) text += chars[Math.floor(next() * chars.length)];
      expect(snippet([text], []), JSON.stringify(text)).toBe(snippet([text.replace(/\s+/g, " ")], []));
      expect(snippet([text], [])).not.toMatch(/\s\s|[^\S ]/);
    }
  });
});
