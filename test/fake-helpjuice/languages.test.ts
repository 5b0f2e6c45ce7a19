import { describe, expect, it } from "vitest";
import { ARTICLES, ARTICLES_BY_LANGUAGE, createFakeHelpjuice, LANGUAGES, PUBLIC_ARTICLE_IDS, articleById } from "./index";
import { body, control, get, postJson } from "./testing";

const fake = createFakeHelpjuice({ rateLimit: 10_000 });
const firstAnswer = (a: any) => (Array.isArray(a.answer) ? a.answer[0] : a.answer);
const list = async (qs: string, on = fake) => {
  const res = await get(on, `/api/v3/articles?${qs}`);
  expect(res.status, qs).toBe(200);
  return body(res);
};
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe("languages", () => {
  it("has en_US, es_ES, de_DE and ja_JP", () => {
    expect([...LANGUAGES]).toEqual(["en_US", "es_ES", "de_DE", "ja_JP"]);
  });

  it("has real Japanese for at least 8 public articles, the password reset and invoice ones among them", () => {
    const ja = ARTICLES_BY_LANGUAGE.ja_JP;
    expect(ja.filter((id) => PUBLIC_ARTICLE_IDS.includes(id)).length).toBeGreaterThanOrEqual(8);
    expect(ja).toEqual(expect.arrayContaining([12, 15, 16]));
    for (const id of ja) {
      const t = articleById(id)!.translations.ja_JP;
      for (const text of [t.name, t.description, t.body]) expect(text, `article ${id}`).toMatch(JAPANESE);
    }
    expect(articleById(12)!.translations.ja_JP.name).toBe("パスワードを再設定する");
  });

  it("has a German text with Kündigung and a Spanish one with contraseña", () => {
    const texts = (lang: string) => ARTICLES.flatMap((a) => (a.translations[lang] ? [JSON.stringify(a.translations[lang])] : []));
    expect(texts("de_DE").some((t) => t.includes("Kündigung"))).toBe(true);
    expect(texts("es_ES").some((t) => t.includes("contraseña"))).toBe(true);
    expect(articleById(17)!.translations.de_DE.name).toContain("kündigen");
  });

  it("lists the ja_JP articles in Japanese with filter[language], in any case", async () => {
    for (const code of ["ja_JP", "ja_jp", "JA_JP"]) {
      const res = await list(`filter[language]=${code}&limit=1000`);
      expect(res.articles.map((a: any) => a.id), code).toEqual(ARTICLES_BY_LANGUAGE.ja_JP);
      for (const a of res.articles) {
        expect(a.language).toBe("ja_JP");
        expect(a.name).toMatch(JAPANESE);
        expect(firstAnswer(a).body_txt).toMatch(JAPANESE);
        expect(a.url).toContain("/ja_JP/");
      }
    }
    const de = await list("filter[language]=de_de&limit=1000");
    expect(de.articles.map((a: any) => a.id)).toEqual(ARTICLES_BY_LANGUAGE.de_DE);
    expect(de.articles.find((a: any) => a.id === 17).answer.body).toContain("Kündigung");
    expect((await list("filter[language]=en_us")).meta.total_count).toBe(ARTICLES.length);
  });

  it("expands inserted articles in Japanese", async () => {
    const a = (await body(await get(fake, "/api/v3/articles/34?kb_language=ja_JP&processed=true"))).article;
    expect(firstAnswer(a).processed_body).toContain("パスワードを忘れた場合でも");
  });
});

describe("updated_since, updated_upto and created_since (dd-mm-yyyy)", () => {
  const day = (iso: string) => {
    const d = new Date(iso);
    return `${String(d.getUTCDate()).padStart(2, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${d.getUTCFullYear()}`;
  };

  it("keeps articles updated on or after updated_since, and on or before the day updated_upto", async () => {
    const sorted = [...ARTICLES].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
    const pivot = sorted[Math.floor(sorted.length / 2)];
    const since = (await list(`updated_since=${day(pivot.updated_at)}&limit=1000`)).articles.map((a: any) => a.id);
    const dayStart = Date.parse(pivot.updated_at.slice(0, 10));
    expect(since).toEqual(ARTICLES.filter((a) => Date.parse(a.updated_at) >= dayStart).map((a) => a.id));
    expect(since).toContain(pivot.id);
    const upto = (await list(`updated_upto=${day(pivot.updated_at)}&limit=1000`)).articles.map((a: any) => a.id);
    expect(upto).toEqual(ARTICLES.filter((a) => Date.parse(a.updated_at) < dayStart + 86_400_000).map((a) => a.id));
    expect(upto).toContain(pivot.id); // the day itself is included
    const both = await list(`updated_since=${day(pivot.updated_at)}&updated_upto=${day(pivot.updated_at)}`);
    expect(both.articles.map((a: any) => a.id)).toContain(pivot.id);
    expect(both.articles.every((a: any) => a.updated_at.slice(0, 10) === pivot.updated_at.slice(0, 10))).toBe(true);
    const created = (await list(`created_since=${day(pivot.created_at)}&limit=1000`)).articles.map((a: any) => a.id);
    expect(created).toEqual(ARTICLES.filter((a) => Date.parse(a.created_at) >= Date.parse(pivot.created_at.slice(0, 10))).map((a) => a.id));
  });

  it("sees an edit made through the control routes", async () => {
    const own = createFakeHelpjuice({ now: () => Date.UTC(2031, 6, 15, 10) });
    await control(own, "/articles/12", postJson({ description: "Edited." }));
    expect((await list("updated_since=15-07-2031", own)).articles.map((a: any) => a.id)).toEqual([12]);
    expect((await list("updated_since=16-07-2031", own)).articles).toEqual([]);
  });

  it.each(["updated_since=2021-09-20", "updated_since=31-02-2021", "updated_upto=20/09/2021", "created_since=yesterday"])("answers 422 to %s", async (qs) => {
    const res = await get(fake, `/api/v3/articles?${qs}`);
    expect(res.status).toBe(422);
    expect((await body(res)).errors).toHaveLength(1);
  });
});

describe("limit and meta", () => {
  it("caps limit at 1000 and pages a large knowledge base with meta", async () => {
    const big = createFakeHelpjuice({ rateLimit: 10_000 });
    const articles = Array.from({ length: 2500 }, (_, i) => ({ id: i + 1, name: `Article ${i + 1}`, body: `Body ${i + 1}.` }));
    expect((await control(big, "/corpus", { ...postJson({ articles }), method: "PUT" })).status).toBe(200);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await list(`limit=5000&page=${page}`, big));
    expect(pages.map((p) => p.meta)).toEqual([1, 2, 3].map((current) => ({ current, limit: 1000, total_pages: 3, total_count: 2500 })));
    expect(pages.map((p) => p.articles.length)).toEqual([1000, 1000, 500]);
    expect(pages.flatMap((p) => p.articles.map((a: any) => a.id))).toEqual(articles.map((a) => a.id));
    const past = await list("limit=1000&page=4", big);
    expect(past.articles).toEqual([]);
    expect(past.meta).toEqual({ current: 4, limit: 1000, total_pages: 3, total_count: 2500 });
  });
});
