import { describe, expect, it } from "vitest";
import { words } from "./analyze";

/** The segmenter's words, split at inner separators: what words() gives for text that is not all ASCII. */
function segmented(text: string, lang: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  for (const seg of new Intl.Segmenter(lang.slice(0, 2), { granularity: "word" }).segment(text)) {
    if (!seg.isWordLike) continue;
    let offset = 0;
    for (const part of seg.segment.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u)) {
      const at = seg.segment.toLowerCase().indexOf(part, offset);
      if (part) out.push({ text: part, index: seg.index + at });
      offset = at + part.length;
    }
  }
  return out;
}

/** A seeded generator, so a failure names an input that fails again. */
function random(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe("words of ASCII text, without the segmenter", () => {
  const samples = [
    "How do I reset my password?",
    "e-mail o'clock v1.2.3 3.14 1,000,000 foo_bar __init__ C++ C# .NET it's U.S.A. a:b 10:30am",
    "Error 0x80070005 at https://example.com/a?b=c#d; user@example.com, (555) 123-4567",
    "\t\n\u0001tabs\tand\r\nnew lines  ",
    "",
  ];
  for (const lang of ["en_US", "ja_JP", "de_DE", "sv_SE", "ar_SA"])
    it(`equal the segmenter's in ${lang}`, () => {
      for (const s of samples) expect(words(s, lang), s).toEqual(segmented(s, lang));
    });

  it("equal the segmenter's on random ASCII", () => {
    const next = random(7);
    const alphabet = "aZ09 .,:;'_-\"!?@#/\\()[]{}+*&%$^~`|<>=\t\n\u0000\u007f";
    for (let n = 0; n < 2_000; n++) {
      let s = "";
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) s += next() < 0.5 ? "abcXYZ019"[Math.floor(next() * 9)] : alphabet[Math.floor(next() * alphabet.length)];
      expect(words(s, "en_US"), JSON.stringify(s)).toEqual(segmented(s, "en_US"));
    }
  });

  it("leave text outside ASCII to the segmenter", () => {
    expect(words("Contraseña olvidada", "es_ES").map((w) => w.text)).toEqual(["contrasena", "olvidada"]);
    expect(words("パスワードを変更", "ja_JP").length).toBeGreaterThan(1);
  });
});
