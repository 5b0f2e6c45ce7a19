import { describe, expect, it } from "vitest";
import {
  ARTICLES,
  CATEGORIES,
  createFakeHelpjuice,
  HOSTILE_ARTICLE_IDS,
  HOSTILE_DESCRIPTION,
  HOSTILE_VECTORS,
  INTERNAL_ARTICLE_IDS,
  PRIVATE_ARTICLE_IDS,
  PUBLIC_ARTICLE_IDS,
  TRANSLATED_ARTICLES,
  UNPUBLISHED_ARTICLE_IDS,
  USERS,
  YOUTUBE_EMBED,
  articleById,
} from "./index";
import { body, get } from "./testing";

describe("the seed", () => {
  it("is a help centre of at least 60 articles in at least 6 categories, public, internal and private", () => {
    expect(ARTICLES.length).toBeGreaterThanOrEqual(60);
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(6);
    expect(CATEGORIES.map((c) => c.accessibility)).toEqual(expect.arrayContaining([0, 1, 2]));
    for (const c of CATEGORIES) expect(ARTICLES.filter((a) => a.category_ids[0] === c.id).length, c.name).toBeGreaterThanOrEqual(4);
    expect(INTERNAL_ARTICLE_IDS.length).toBeGreaterThan(2);
    expect(PRIVATE_ARTICLE_IDS.length).toBeGreaterThan(2);
    expect(UNPUBLISHED_ARTICLE_IDS.length).toBeGreaterThan(2);
    expect(USERS.map((u) => u.email)).toEqual(expect.arrayContaining(["staff@acme.test", "viewer@acme.test", "partner@acme.test"]));
  });

  it("has hidden articles whose titles match password", () => {
    const hidden = ARTICLES.filter((a) => /password/i.test(a.name) && (!a.published || a.accessibility !== 1));
    expect(hidden.some((a) => a.accessibility === 0)).toBe(true);
    expect(hidden.some((a) => a.accessibility === 2)).toBe(true);
    expect(hidden.some((a) => !a.published)).toBe(true);
  });

  it("has es_ES and de_DE translations of at least 10 articles each", () => {
    const langs = Object.values(TRANSLATED_ARTICLES).flat();
    expect(langs.filter((l) => l === "es_ES").length).toBeGreaterThanOrEqual(10);
    expect(langs.filter((l) => l === "de_DE").length).toBeGreaterThanOrEqual(10);
  });

  it("has rich bodies: images, tables, code, headings with ids, links, inserted articles", () => {
    const all = ARTICLES.map((a) => a.body).join("\n");
    for (const re of [/<img src="[^"]+" alt="[^"]+"/, /<table>/, /<pre><code/, /<h2 id="[^"]+"/, /<a href="\/en_US\//, /<a href="https:/, /<a href="mailto:/, /helpjuice-inserted-article/]) {
      expect(all).toMatch(re);
    }
    for (const a of ARTICLES.filter((x) => !HOSTILE_ARTICLE_IDS.includes(x.id))) {
      expect(a.body.match(/<p>/g)?.length ?? 0, `article ${a.id}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("puts every hostile vector, once, in a public article, with unique markers and texts", () => {
    const markers = new Set<string>();
    const texts = new Set<string>();
    for (const v of HOSTILE_VECTORS) {
      expect(HOSTILE_ARTICLE_IDS).toContain(v.articleId);
      expect(PUBLIC_ARTICLE_IDS).toContain(v.articleId);
      const art = articleById(v.articleId)!;
      expect(art.body).toContain(v.html);
      expect(v.html).toContain(v.marker);
      expect(v.text).not.toMatch(/[<>&"]/);
      expect(art.body).toContain(`<p>${v.text}</p>`);
      markers.add(v.marker);
      texts.add(v.text);
      // A marker appears nowhere else in the seed.
      const elsewhere = ARTICLES.filter((a) => a.body.includes(v.marker)).map((a) => a.id);
      expect(elsewhere).toEqual([v.articleId]);
    }
    expect(markers.size).toBe(HOSTILE_VECTORS.length);
    expect(texts.size).toBe(HOSTILE_VECTORS.length);
    const kinds = HOSTILE_VECTORS.map((v) => v.html).join("\n");
    for (const re of [/<script/, /onerror=/i, /href="javascript:/, /&#106;/, /JaVaScRiPt:/, /href="\s+javascript:/, /<iframe src="https:\/\/tracker/, /youtube\.com\/embed/, /<svg><script|<svg [^>]*><script/, /<svg onload/, /<math/, /<style>/, /<form/, /<input/, /<object/, /<embed/, /http-equiv="refresh"/, /<base href/, /srcdoc=/, /data:text\/html/i, /style="background:url\(javascript:/]) {
      expect(kinds).toMatch(re);
    }
    expect(articleById(YOUTUBE_EMBED.articleId)!.body).toContain(YOUTUBE_EMBED.src);
    expect(articleById(HOSTILE_DESCRIPTION.articleId)!.description).toContain(HOSTILE_DESCRIPTION.marker);
  });

  it("keeps hostile markers out of search samples and body_txt (they live in markup, not text)", async () => {
    const fake = createFakeHelpjuice({ rateLimit: 10_000 });
    for (const id of HOSTILE_ARTICLE_IDS) {
      const a = (await body(await get(fake, `/api/v3/articles/${id}`))).article;
      const answer = Array.isArray(a.answer) ? a.answer[0] : a.answer;
      const name = articleById(id)!.name;
      const hit = (await body(await get(fake, `/api/v3/search?query=${encodeURIComponent(name)}`))).searches.find((h: any) => h.id === id);
      for (const v of HOSTILE_VECTORS.filter((x) => x.articleId === id)) {
        expect(answer.body_txt).not.toContain(v.marker);
        expect(hit.long_answer_sample).not.toContain(v.marker);
        expect(answer.body_txt).toContain(v.text);
      }
    }
  });
});
