import { describe, expect, it } from "vitest";
import { firstAnswer, insertedArticleIds, plainSnippet, safeUrl, shapeArticle, shapeSearch } from "./shape";
import { ANONYMOUS, articleVisible } from "./visibility";

const hit = (id: number, flags: Partial<Record<"is_published" | "is_internal" | "is_private", boolean>> = {}) => ({
  id,
  name: `Article ${id}`,
  answer_sample: "Short <b>answer</b>",
  categories: { current: { id: 3, name: "Account", url: "https://x/3" } },
  last_published_date: "July 30th, 2020",
  last_published_user_name: "Jane Author",
  is_published: true,
  is_internal: false,
  is_private: false,
  url: `https://acme.helpjuice.com/${id}`,
  ...flags,
});

describe("shapeSearch", () => {
  it("keeps only the contract's fields", () => {
    const [r] = shapeSearch({ searches: [hit(1)] }, ANONYMOUS);
    expect(r).toEqual({
      id: 1,
      title: "Article 1",
      snippet: "Short answer",
      url: "https://acme.helpjuice.com/1",
      category: { id: 3, name: "Account" },
    });
  });
  it("drops internal, private and unpublished hits for anonymous visitors, and only drafts for users", () => {
    const raw = {
      searches: [hit(1), hit(2, { is_internal: true }), hit(3, { is_private: true }), hit(4, { is_published: false })],
    };
    expect(shapeSearch(raw, ANONYMOUS).map((r) => r.id)).toEqual([1]);
    expect(shapeSearch(raw, { kind: "user", email: "s@acme.test" }).map((r) => r.id)).toEqual([1, 2, 3]);
  });
  it("treats a hit with missing flags as not public", () => {
    const { is_internal: _, ...noFlag } = hit(5);
    expect(shapeSearch({ searches: [noFlag] }, ANONYMOUS)).toEqual([]);
  });
  it("rejects an answer that is not a search answer", () => {
    expect(() => shapeSearch({ message: "oops" }, ANONYMOUS)).toThrow();
  });
});

describe("articles", () => {
  const base = { id: 7, name: "Reset", description: "d", url: "https://k/7", updated_at: "2020-07-29T09:37:03.529Z" };
  it("reads answer as an array or a single object", () => {
    const one = { processed_body: "<p>x</p>", body: "<p>raw</p>" };
    expect(firstAnswer([one])).toBe(one);
    expect(firstAnswer(one)).toBe(one);
    expect(firstAnswer(null)).toBeNull();
    expect(shapeArticle({ ...base, answer: one }, undefined).rawHtml).toBe("<p>x</p>");
    expect(shapeArticle({ ...base, answer: [one] }, undefined).rawHtml).toBe("<p>x</p>");
  });
  it("takes updated_at from the article, and from its answer only when the article has none", () => {
    const answer = [{ body: "<p>x</p>", updated_at: "2024-01-02T00:00:00.000Z" }];
    expect(shapeArticle({ ...base, answer }, undefined).updated_at).toBe(base.updated_at);
    expect(shapeArticle({ ...base, updated_at: undefined, answer }, undefined).updated_at).toBe("2024-01-02T00:00:00.000Z");
  });
  it("falls back to body when there is no processed body, and to the requested language", () => {
    const a = shapeArticle({ ...base, answer: [{ body: "<p>raw</p>" }] }, "es_ES");
    expect(a).toMatchObject({ rawHtml: "<p>raw</p>", language: "es_ES", title: "Reset" });
  });
});

describe("plainSnippet", () => {
  it("adds no ellipsis after a cut that ends a sentence", () => {
    expect(plainSnippet(`${"a ".repeat(116)}Range. bbbbbbbbbbbb ${"b ".repeat(30)}`)).toMatch(/Range\.$/);
    expect(plainSnippet("word ".repeat(100))).toMatch(/word…$/);
  });

  it("strips markup and cuts long text at a word", () => {
    const s = plainSnippet(`<p>${"word ".repeat(100)}</p>`);
    expect(s.length).toBeLessThanOrEqual(241);
    expect(s.endsWith("word…")).toBe(true);
    expect(s).not.toContain("<");
  });
});

describe("safeUrl", () => {
  it("keeps http(s) and knowledge-base paths as they are, and drops anything a browser would run", () => {
    expect(safeUrl("https://acme.helpjuice.com/en_US/12-reset")).toBe("https://acme.helpjuice.com/en_US/12-reset");
    expect(safeUrl("/en_US/12-reset")).toBe("/en_US/12-reset");
    for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//evil.example/x", "/\\evil.example", "vbscript:x", 12, null, "Url to your article"])
      expect(safeUrl(bad), String(bad)).toBe("");
  });
});

describe("article language", () => {
  const base = { id: 7, name: "Reset", url: "https://acme.helpjuice.com/en_US/7-reset", answer: [{ body: "<p>x</p>" }] };
  it("prefers what the answer says, then its URL, and only then the language asked for", () => {
    expect(shapeArticle({ ...base, language: "de_DE" }, "es_ES").language).toBe("de_DE");
    expect(shapeArticle(base, "pt_PT").language).toBe("en_US");
    expect(shapeArticle({ ...base, url: "https://acme.helpjuice.com/es_ES/7-reset" }, undefined).language).toBe("es_ES");
    expect(shapeArticle({ ...base, url: "https://kb.acme.test/7-reset" }, "es_ES").language).toBe("es_ES");
    expect(shapeArticle({ ...base, url: "", language: "<script>" }, undefined).language).toBe("en_US");
  });
});

describe("articleVisible", () => {
  it("shows anonymous visitors accessibility 1 (number or string) and published true only", () => {
    expect(articleVisible({ published: true, accessibility: 1 }, ANONYMOUS)).toBe(true);
    expect(articleVisible({ published: true, accessibility: "1" }, ANONYMOUS)).toBe(true);
    for (const accessibility of [0, 2, 4, true, [1], " 1", "1.0", null, undefined])
      expect(articleVisible({ published: true, accessibility }, ANONYMOUS), String(accessibility)).toBe(false);
    for (const published of ["true", 1, null, undefined])
      expect(articleVisible({ published, accessibility: 1 }, ANONYMOUS), String(published)).toBe(false);
  });
});

describe("insertedArticleIds", () => {
  it("lists the articles a body inserts, from the raw body's placeholders", () => {
    const body = '<p>a</p><div class="helpjuice-inserted-article" data-inserted-article-id="60" contenteditable="false"></div><div data-inserted-article-id=12></div><div data-inserted-article-id="60"></div>';
    expect(insertedArticleIds({ answer: [{ body, processed_body: "<p>a</p>" }] })).toEqual([60, 12]);
    expect(insertedArticleIds({ answer: { body: "<p>none</p>" } })).toEqual([]);
    expect(insertedArticleIds({})).toEqual([]);
  });
});
