import { describe, expect, it } from "vitest";
import { firstAnswer, plainSnippet, shapeArticle, shapeSearch } from "./shape";
import { ANONYMOUS } from "./visibility";

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
  it("falls back to body when there is no processed body, and to the requested language", () => {
    const a = shapeArticle({ ...base, answer: [{ body: "<p>raw</p>" }] }, "es_ES");
    expect(a).toMatchObject({ rawHtml: "<p>raw</p>", language: "es_ES", title: "Reset" });
  });
});

describe("plainSnippet", () => {
  it("strips markup and cuts long text at a word", () => {
    const s = plainSnippet(`<p>${"word ".repeat(100)}</p>`);
    expect(s.length).toBeLessThanOrEqual(241);
    expect(s.endsWith("word…")).toBe(true);
    expect(s).not.toContain("<");
  });
});
