import { describe, expect, it } from "vitest";
import {
  ARTICLES,
  createFakeHelpjuice,
  INSERTING_ARTICLE_IDS,
  OBJECT_ANSWER_ARTICLE_IDS,
  PARTNER_EMAIL,
  PUBLIC_ARTICLE_IDS,
  PUBLIC_IN_INTERNAL_CATEGORY_IDS,
  TRANSLATED_ARTICLES,
  VIEWER_EMAIL,
  STAFF_EMAIL,
  articleById,
} from "./index";
import { body, control, get, getAs, postJson } from "./testing";

const fake = createFakeHelpjuice({ rateLimit: 10_000 });
const article = async (path: string) => {
  const res = await get(fake, path);
  return { status: res.status, article: res.status === 200 ? (await body(res)).article : null, res };
};
const firstAnswer = (a: any) => (Array.isArray(a.answer) ? a.answer[0] : a.answer);

describe("GET /api/v3/articles/:id", () => {
  it("answers the reference's shape, plus the language returned", async () => {
    const { article: a } = await article("/api/v3/articles/1");
    expect(Object.keys(a)).toEqual([
      "id",
      "name",
      "views",
      "accessibility",
      "description",
      "codename",
      "created_at",
      "updated_at",
      "published",
      "answer",
      "keywords",
      "url",
      "language",
    ]);
    expect(a).toMatchObject({ id: 1, accessibility: 1, published: true, language: "en_US" });
    expect(a.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Array.isArray(a.answer)).toBe(true);
    expect(Object.keys(a.answer[0])).toEqual(["body", "body_txt", "format", "updated_at"]);
    expect(a.answer[0].format).toBe("html");
    expect(a.answer[0].body_txt).not.toMatch(/<\w/);
    expect(a.keywords[0]).toEqual({ id: expect.any(Number), name: expect.any(String) });
  });

  it("adds processed_body only with processed=true, expanding inserted articles", async () => {
    for (const id of INSERTING_ARTICLE_IDS) {
      const raw = firstAnswer((await article(`/api/v3/articles/${id}`)).article);
      expect(raw.processed_body).toBeUndefined();
      expect(raw.body).toContain('class="helpjuice-inserted-article"');
      const processed = firstAnswer((await article(`/api/v3/articles/${id}?processed=true`)).article);
      expect(processed.processed_body).toContain('<div class="helpjuice-inserted-article notranslate">');
      expect(processed.processed_body).toContain('<div class="helpjuice-inserted-article-body">');
      expect(processed.processed_body).not.toContain("data-inserted-article-id");
    }
    // "I can't sign in" (34) inserts "Reset your password" (12).
    const p34 = firstAnswer((await article("/api/v3/articles/34?processed=true")).article).processed_body;
    expect(p34).toContain("If you have forgotten your password, you can reset it yourself");
  });

  it("leaves out inserted articles the impersonated user may not see", async () => {
    const own = createFakeHelpjuice();
    const placeholder = '<div class="helpjuice-inserted-article" data-inserted-article-id="60" contenteditable="false"></div>';
    const patched = await control(own, "/articles/1", postJson({ body: `<p>Intro.</p>${placeholder}` }));
    expect(patched.status).toBe(200);
    const asOwner = firstAnswer((await body(await get(own, "/api/v3/articles/1?processed=true"))).article).processed_body;
    expect(asOwner).toContain("helpjuice-inserted-article-body");
    const asViewer = firstAnswer((await body(await getAs(own, VIEWER_EMAIL, "/api/v3/articles/1?processed=true"))).article).processed_body;
    expect(asViewer).toBe("<p>Intro.</p>");
    // The internal playbook 60 inserts the internal playbook 64; staff sees both, so the block expands.
    const staff = await body(await getAs(fake, STAFF_EMAIL, "/api/v3/articles/60?processed=true"));
    expect(firstAnswer(staff.article).processed_body).toContain("privacy register");
  });

  it("has both answer shapes among public articles", async () => {
    const shapes = new Set<string>();
    for (const id of PUBLIC_ARTICLE_IDS) shapes.add(Array.isArray((await article(`/api/v3/articles/${id}`)).article.answer) ? "array" : "object");
    expect([...shapes].sort()).toEqual(["array", "object"]);
    for (const id of OBJECT_ANSWER_ARTICLE_IDS) {
      const a = (await article(`/api/v3/articles/${id}?processed=true`)).article;
      expect(Array.isArray(a.answer), `article ${id}`).toBe(false);
      expect(a.answer.processed_body.length).toBeGreaterThan(0);
    }
  });

  it("returns the translation kb_language asks for, in es_ES and de_DE", async () => {
    const es = (await article("/api/v3/articles/12?kb_language=es_ES&processed=true")).article;
    expect(es).toMatchObject({ id: 12, name: "Restablecer la contraseña", language: "es_ES" });
    expect(firstAnswer(es).body).toContain("restablecerla");
    expect(es.url).toContain("/es_ES/");
    const de = (await article("/api/v3/articles/12?kb_language=de_DE")).article;
    expect(de).toMatchObject({ name: "Passwort zurücksetzen", language: "de_DE" });
    expect(Object.keys(TRANSLATED_ARTICLES).length).toBeGreaterThanOrEqual(10);
  });

  it("falls back to the default language when there is no translation", async () => {
    for (const path of ["/api/v3/articles/12?kb_language=pt_PT", "/api/v3/articles/4?kb_language=es_ES", "/api/v3/articles/46?kb_language=es_ES"]) {
      const a = (await article(path)).article;
      expect(a.language, path).toBe("en_US");
      expect(a.name).toBe(articleById(a.id)!.name);
    }
  });

  it("expands inserted articles in the requested language when they are translated", async () => {
    const es = firstAnswer((await article("/api/v3/articles/34?kb_language=es_ES&processed=true")).article).processed_body;
    expect(es).toContain("Si ha olvidado su contraseña");
  });

  it.each(["999999", "abc", "12abc", "-1", "1.5"])("answers 404 JSON for id %j", async (id) => {
    const { status, res } = await article(`/api/v3/articles/${id}`);
    expect(status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  });

  it("answers 404 for an article the impersonated user may not see", async () => {
    expect((await getAs(fake, VIEWER_EMAIL, "/api/v3/articles/60")).status).toBe(404);
    expect((await getAs(fake, PARTNER_EMAIL, "/api/v3/articles/65")).status).toBe(200);
  });
});

describe("GET /api/v3/articles", () => {
  it("lists 25 by default, with the pagination meta", async () => {
    const res = await body(await get(fake, "/api/v3/articles"));
    expect(res.meta).toEqual({ current: 1, limit: 25, total_pages: Math.ceil(ARTICLES.length / 25), total_count: ARTICLES.length });
    expect(res.articles).toHaveLength(25);
  });

  it("pages with limit and page, up to 1000", async () => {
    const page2 = await body(await get(fake, "/api/v3/articles?limit=10&page=2"));
    expect(page2.meta).toMatchObject({ current: 2, limit: 10 });
    expect(page2.articles.map((a: any) => a.id)).toEqual(ARTICLES.slice(10, 20).map((a) => a.id));
    const all = await body(await get(fake, "/api/v3/articles?limit=5000"));
    expect(all.meta.limit).toBe(1000);
    expect(all.articles).toHaveLength(ARTICLES.length);
  });

  it("filters by category, accessibility and published", async () => {
    const list = async (qs: string) => (await body(await get(fake, `/api/v3/articles?limit=1000&${qs}`))).articles as any[];
    // Category 6 is internal; its articles are too, except the one whose own flag says public (77).
    expect((await list("category_id=6")).filter((a) => a.accessibility !== 0).map((a) => a.id)).toEqual(PUBLIC_IN_INTERNAL_CATEGORY_IDS);
    expect((await list("filter[accessibility]=2")).map((a) => a.id)).toEqual(ARTICLES.filter((a) => a.accessibility === 2).map((a) => a.id));
    expect((await list("filter[is_published]=false")).every((a) => a.published === false)).toBe(true);
    const pub = await list("filter[accessibility]=1&filter[is_published]=True");
    // The filters look at the article's own flags only: the owner also gets 77, public in an internal category.
    expect(pub.map((a) => a.id)).toEqual([...PUBLIC_ARTICLE_IDS, ...PUBLIC_IN_INTERNAL_CATEGORY_IDS].sort((x, y) => x - y));
    expect((await list("filter[language]=es_es")).every((a) => a.language === "es_ES")).toBe(true);
  });

  it("lists only what an impersonated user may see", async () => {
    const res = await body(await getAs(fake, VIEWER_EMAIL, "/api/v3/articles?limit=1000"));
    expect(res.articles.map((a: any) => a.id)).toEqual(PUBLIC_ARTICLE_IDS);
  });

  it.each(["limit=0", "limit=x", "page=0", "category_id=abc", "filter[accessibility]=5", "filter[is_published]=maybe", "updated_since=2021-09-20"])(
    "answers 422 to %s",
    async (qs) => {
      const res = await get(fake, `/api/v3/articles?${qs}`);
      expect(res.status).toBe(422);
      expect((await body(res)).errors).toHaveLength(1);
    },
  );
});

describe("categories", () => {
  it("lists categories with published and draft questions", async () => {
    const { categories } = await body(await get(fake, "/api/v3/categories"));
    expect(categories.length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(categories[0])).toEqual(["id", "name", "codename", "accessibility", "description", "published_questions", "draft_questions", "url"]);
    expect(categories.map((c: any) => c.accessibility).sort()).toEqual([0, 1, 1, 1, 1, 1, 2]);
    const security = categories.find((c: any) => c.id === 5);
    expect(security.draft_questions.map((q: any) => q.id)).toContain(69);
    expect(Object.keys(security.published_questions[0])).toEqual(["id", "name", "url"]);
  });

  it("hides internal and private categories, and drafts, from a viewer", async () => {
    const { categories } = await body(await getAs(fake, VIEWER_EMAIL, "/api/v3/categories"));
    expect(categories.map((c: any) => c.id)).toEqual([1, 2, 3, 4, 5]);
    expect(categories.flatMap((c: any) => c.draft_questions)).toEqual([]);
    expect((await getAs(fake, VIEWER_EMAIL, "/api/v3/categories/6")).status).toBe(404);
    expect((await getAs(fake, PARTNER_EMAIL, "/api/v3/categories/7")).status).toBe(200);
  });

  it("shows one category, 404 for unknown ids", async () => {
    const { category } = await body(await get(fake, "/api/v3/categories/3"));
    expect(category).toMatchObject({ id: 3, name: "Account & billing", codename: "3-account-billing" });
    expect((await get(fake, "/api/v3/categories/99")).status).toBe(404);
    expect((await get(fake, "/api/v3/categories/abc")).status).toBe(404);
  });
});

describe("routing", () => {
  it.each([
    ["GET", "/api/v3/nope"],
    ["POST", "/api/v3/search?query=x"],
    ["DELETE", "/api/v3/articles/12"],
    ["GET", "/api/v3/articles/12/upvote"],
    ["POST", "/api/v3/articles/12/upvote"],
  ])("%s %s is Rails' HTML 404 (no route), whatever the key", async (method, path) => {
    for (const headers of [{}, { Authorization: "x" }] as Record<string, string>[]) {
      const res = await fake.fetch(new Request(`https://acme.helpjuice.com${path}`, { method, headers }));
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    }
  });
});
