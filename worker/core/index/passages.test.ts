import { describe, expect, it } from "vitest";
import { HEADING_SEPARATOR, PASSAGE_WORDS, passagesOf } from "./passages";

const words = (n: number, w = "word") => Array.from({ length: n }, (_, i) => `${w}${i}`).join(" ");

describe("passagesOf", () => {
  it("makes a passage per heading's section, carrying the heading path", () => {
    const html =
      "<p>Intro text.</p><h2>Billing</h2><p>Plans and prices.</p><h3>Invoices</h3><p>Download an invoice from Settings.</p>" +
      "<h2>Security</h2><ul><li>Use two factors</li><li>Rotate keys</li></ul>";
    expect(passagesOf(html, "", "en_US")).toEqual([
      { heading: "", text: "Intro text." },
      { heading: "Billing", text: "Plans and prices." },
      { heading: `Billing${HEADING_SEPARATOR}Invoices`, text: "Download an invoice from Settings." },
      { heading: "Security", text: "Use two factors. Rotate keys." },
    ]);
  });

  it("cuts a long section into runs of paragraphs of at most about PASSAGE_WORDS words, never mid-paragraph", () => {
    const paras = [60, 50, 40, 30].map((n, i) => `<p>${words(n, `p${i}w`)}</p>`).join("");
    const ps = passagesOf(`<h2>Long</h2>${paras}`, "", "en_US");
    expect(ps.length).toBe(2);
    for (const p of ps) {
      expect(p.heading).toBe("Long");
      expect(p.text.split(" ").length).toBeLessThanOrEqual(PASSAGE_WORDS);
    }
    expect(ps[0].text.startsWith("p0w0")).toBe(true);
    expect(ps[1].text.startsWith("p2w0")).toBe(true);
  });

  it("cuts a single paragraph longer than the limit between sentences, into runs of about equal length", () => {
    const sentence = (i: number, n = 30) => `S${i} ${words(n - 1, `s${i}w`)}.`;
    const long = `<p>${[0, 1, 2, 3, 4, 5].map((i) => sentence(i)).join(" ")}</p>`;
    const ps = passagesOf(long, "", "en_US");
    expect(ps.length).toBe(2);
    expect(ps[1].text.startsWith("S3 ")).toBe(true);
    // 130 words: not 120 and a stranded last sentence, cut off from what the paragraph is about.
    const tail = passagesOf(`<p>${[0, 1, 2, 3].map((i) => sentence(i)).join(" ")} ${sentence(4, 10)}</p>`, "", "en_US");
    expect(tail.map((p) => p.text.split(" ").length)).toEqual([60, 70]);
  });

  it("reads body_txt by line when the body has no markup", () => {
    expect(passagesOf("", "First line\nSecond line", "en_US")).toEqual([{ heading: "", text: "First line. Second line." }]);
  });

  it("never carries an inserted article's content or a script", () => {
    const html = '<p>Own text.</p><div class="helpjuice-inserted-article">Secret internal text</div><script>alert(1)</script>';
    const text = passagesOf(html, "", "en_US").map((p) => p.text).join(" ");
    expect(text).toContain("Own text.");
    expect(text).not.toMatch(/Secret|alert/);
  });

  it("counts words in unspaced scripts by the segmenter", () => {
    const ja = "<h2>パスワード</h2><p>パスワードを忘れた場合は、ログイン画面のリンクからリセットしてください。</p>";
    const ps = passagesOf(ja, "", "ja_JP");
    expect(ps).toHaveLength(1);
    expect(ps[0].heading).toBe("パスワード");
  });
});
