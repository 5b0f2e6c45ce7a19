import { describe, expect, it } from "vitest";
import { ARTICLES, CATEGORIES, createFakeHelpjuice, PUBLIC_ARTICLE_IDS, STAFF_EMAIL, VIEWER_EMAIL } from "./index";
import { BASE, body, control, get, getAs, postJson } from "./testing";

const putJson = (value: unknown): RequestInit => ({ ...postJson(value), method: "PUT" });
const ids = (list: any[]) => list.map((a) => a.id);
const firstAnswer = (a: any) => (Array.isArray(a.answer) ? a.answer[0] : a.answer);

describe("DELETE /__fake/articles/:id", () => {
  it("deletes an article: 404 to GET, gone from lists, search and categories; reset brings it back", async () => {
    const fake = createFakeHelpjuice({ rateLimit: 10_000 });
    const res = await control(fake, "/articles/12", { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ deleted: 12, activity: { trackable_id: 12, action: "destroy" } });
    expect((await get(fake, "/api/v3/articles/12")).status).toBe(404);
    expect(ids((await body(await get(fake, "/api/v3/articles?limit=1000"))).articles)).not.toContain(12);
    expect(ids((await body(await get(fake, "/api/v3/search?query=reset%20password"))).searches)).not.toContain(12);
    const cat = (await body(await get(fake, "/api/v3/categories/3"))).category;
    expect(ids(cat.published_questions)).not.toContain(12);
    expect((await control(fake, "/articles/12", { method: "DELETE" })).status).toBe(404);
    await control(fake, "/reset", { method: "POST" });
    expect((await get(fake, "/api/v3/articles/12")).status).toBe(200);
  });
});

describe("POST /__fake/articles", () => {
  it("creates an article with defaults: next id, accessibility 1, published, first public category, plain text as HTML", async () => {
    const t = Date.UTC(2031, 0, 2, 3, 4, 5);
    const fake = createFakeHelpjuice({ now: () => t });
    const res = await control(fake, "/articles", postJson({ name: "Offline mode", body: "Work without a connection.\n\nChanges sync when p < 0.05 & you reconnect." }));
    expect(res.status).toBe(201);
    const { article, activity } = await body(res);
    const id = Math.max(...ARTICLES.map((a) => a.id)) + 1;
    expect(article).toMatchObject({ id, name: "Offline mode", accessibility: 1, published: true, codename: "offline-mode", created_at: new Date(t).toISOString() });
    expect(activity).toMatchObject({ trackable_id: id, action: "create", owner_id: 1 });
    const got = (await body(await get(fake, `/api/v3/articles/${id}`))).article;
    expect(firstAnswer(got).body).toBe("<p>Work without a connection.</p>\n<p>Changes sync when p &lt; 0.05 &amp; you reconnect.</p>");
    expect(firstAnswer(got).body_txt).toContain("p < 0.05 & you reconnect");
    const first = CATEGORIES.find((c) => c.accessibility === 1)!;
    expect(ids((await body(await get(fake, `/api/v3/categories/${first.id}`))).category.published_questions)).toContain(id);
    // Anonymous-level users see it; search finds it.
    expect((await getAs(fake, VIEWER_EMAIL, `/api/v3/articles/${id}`)).status).toBe(200);
    expect(ids((await body(await get(fake, "/api/v3/search?query=offline"))).searches)).toEqual([id]);
  });

  it("takes every field: id, categories, accessibility, published, tags, translations", async () => {
    const fake = createFakeHelpjuice();
    const res = await control(
      fake,
      "/articles",
      postJson({
        id: 500,
        name: "Internal draft",
        description: "Not yet.",
        body: "<p>Draft body.</p>",
        category_ids: [6, 4],
        accessibility: 0,
        published: false,
        tags: ["draft"],
        translations: { ja_JP: { name: "社内下書き", body: "<p>下書きの本文です。</p>" } },
      }),
    );
    expect(res.status).toBe(201);
    const a = (await body(await get(fake, "/api/v3/articles/500?kb_language=ja_jp"))).article;
    expect(a).toMatchObject({ id: 500, name: "社内下書き", accessibility: 0, published: false, language: "ja_JP", keywords: [{ name: "draft" }] });
    expect((await getAs(fake, STAFF_EMAIL, "/api/v3/articles/500")).status).toBe(404); // a draft
    expect(ids((await body(await get(fake, "/api/v3/categories/4"))).category.draft_questions)).toContain(500);
  });

  it.each([
    [{ body: "no name" }, 400],
    [{ name: "x", category_ids: [99] }, 400],
    [{ name: "x", accessibility: 5 }, 400],
    [{ name: "x", title: "typo" }, 400],
    [{ name: "x", translations: { ja_JP: { name: "x" } } }, 400],
    [{ name: "x", id: 12 }, 409],
  ])("refuses %j with %i", async (input, status) => {
    const fake = createFakeHelpjuice();
    expect((await control(fake, "/articles", postJson(input))).status).toBe(status);
  });
});

describe("PUT /__fake/corpus", () => {
  const scifactLike = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: String(4983 + i * 7),
      name: `Study ${i}: effects of compound ${i % 97} on cell growth`,
      body: `Alterations of the architecture of tissue ${i} can affect development (p < 0.05). `.repeat(18),
    }));

  it("loads 5,183 plain-text documents quickly, with defaults, and pages them 1000 at a time", async () => {
    const fake = createFakeHelpjuice({ rateLimit: 10_000 });
    const docs = scifactLike(5183);
    const started = Date.now();
    const res = await control(fake, "/corpus", putJson({ articles: docs }));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ articles: 5183, categories: CATEGORIES.length });
    expect(Date.now() - started).toBeLessThan(3000);

    const page1 = await body(await get(fake, "/api/v3/articles?filter[accessibility]=1&filter[is_published]=true&limit=1000"));
    expect(page1.meta).toEqual({ current: 1, limit: 1000, total_pages: 6, total_count: 5183 });
    expect(page1.articles).toHaveLength(1000);
    const page6 = await body(await get(fake, "/api/v3/articles?filter[accessibility]=1&filter[is_published]=true&limit=1000&page=6"));
    expect(page6.articles).toHaveLength(183);
    expect(page6.meta.current).toBe(6);
    const one = (await body(await get(fake, "/api/v3/articles/4983"))).article;
    expect(one).toMatchObject({ id: 4983, accessibility: 1, published: true });
    expect(firstAnswer(one).body_txt).toContain("(p < 0.05)");
    expect((await get(fake, "/api/v3/articles/12")).status).toBe(404); // the seed is gone
    const first = CATEGORIES.find((c) => c.accessibility === 1)!;
    expect((await body(await get(fake, `/api/v3/categories/${first.id}`))).category.published_questions).toHaveLength(5183);
    expect((await body(await get(fake, "/api/v3/activities"))).meta.total_count).toBe(5183);
    expect((await body(await get(fake, "/api/v3/search?query=compound%2042"))).searches.length).toBeGreaterThan(0);

    await control(fake, "/reset", { method: "POST" });
    expect((await body(await get(fake, "/api/v3/articles"))).meta.total_count).toBe(ARTICLES.length);
    expect((await get(fake, "/api/v3/articles/4983")).status).toBe(404);
  });

  it("replaces the categories when given, and refuses bad input without changing anything", async () => {
    const fake = createFakeHelpjuice();
    const res = await control(
      fake,
      "/corpus",
      putJson({
        categories: [{ id: 10, name: "Abstracts" }, { id: 11, name: "Staff notes", accessibility: 0 }],
        articles: [{ id: 1, name: "A", body: "<p>a</p>" }, { id: 2, name: "B", body: "b", category_ids: [11] }, { name: "C", body: "c" }],
      }),
    );
    expect(res.status).toBe(200);
    const { categories } = await body(await get(fake, "/api/v3/categories"));
    expect(categories.map((c: any) => [c.id, c.codename, c.accessibility, ids(c.published_questions)])).toEqual([
      [10, "10-abstracts", 1, [1, 3]],
      [11, "11-staff-notes", 0, [2]],
    ]);
    // Article 2 is public by its flag but in an internal category: a viewer does not see it.
    expect(ids((await body(await getAs(fake, VIEWER_EMAIL, "/api/v3/articles"))).articles)).toEqual([1, 3]);

    for (const bad of [{}, { articles: [{ id: 1 }] }, { articles: [{ id: 1, name: "x" }, { id: 1, name: "y" }] }, { articles: [{ name: "x", category_ids: [3] }] }, { articles: [], extra: 1 }]) {
      expect((await control(fake, "/corpus", putJson(bad))).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await body(await get(fake, "/api/v3/articles"))).meta.total_count).toBe(3);
  });
});

describe("/__fake/quirks", () => {
  it("listIgnoresFilters makes the list ignore filter[accessibility] and filter[is_published] only; reset clears it", async () => {
    const fake = createFakeHelpjuice({ rateLimit: 10_000 });
    const pub = "/api/v3/articles?filter[accessibility]=1&filter[is_published]=true&limit=1000";
    expect(await body(await control(fake, "/quirks"))).toEqual({ quirks: { listIgnoresFilters: false, smallCategoryPages: false } });
    const on = await control(fake, "/quirks", postJson({ listIgnoresFilters: true }));
    expect(await body(on)).toEqual({ quirks: { listIgnoresFilters: true, smallCategoryPages: false } });
    const leaky = (await body(await get(fake, pub))).articles as any[];
    expect(leaky).toHaveLength(ARTICLES.length);
    expect(leaky.some((a) => a.accessibility === 0)).toBe(true);
    expect(leaky.some((a) => a.accessibility === 2)).toBe(true);
    expect(leaky.some((a) => !a.published)).toBe(true);
    // Other filters still apply, and so does who is asking.
    expect((await body(await get(fake, `${pub}&category_id=6`))).articles.every((a: any) => a.id >= 60)).toBe(true);
    expect(ids((await body(await getAs(fake, VIEWER_EMAIL, pub))).articles)).toEqual(PUBLIC_ARTICLE_IDS);
    // Search and single articles are not affected.
    expect((await getAs(fake, VIEWER_EMAIL, "/api/v3/articles/60")).status).toBe(404);

    expect((await control(fake, "/quirks", postJson({ nope: true }))).status).toBe(400);
    expect((await control(fake, "/quirks", postJson({ listIgnoresFilters: "yes" }))).status).toBe(400);
    await control(fake, "/reset", { method: "POST" });
    expect(fake.state.quirks.listIgnoresFilters).toBe(false);
    expect((await body(await get(fake, pub))).articles.every((a: any) => a.accessibility === 1 && a.published)).toBe(true);
  });

  it("answers CORS preflights for PUT and DELETE", async () => {
    const fake = createFakeHelpjuice();
    const pre = await fake.fetch(
      new Request(`${BASE}/__fake/corpus`, { method: "OPTIONS", headers: { Origin: "http://localhost:8000", "Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type" } }),
    );
    expect(pre.headers.get("Access-Control-Allow-Methods")).toContain("PUT");
    expect(pre.headers.get("Access-Control-Allow-Methods")).toContain("DELETE");
  });
});
