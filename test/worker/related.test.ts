/**
 * GET /v1/articles/:id/related: 3–5 public articles from the edge index, the same category first, never the
 * article itself nor a non-public one (one made internal by a webhook disappears), bad input refused first.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { ARTICLES, INTERNAL_ARTICLE_IDS, PUBLIC_ARTICLE_IDS, PUBLIC_IN_INTERNAL_CATEGORY_IDS } from "../fake-helpjuice/index";
import { buildIndex, callSettled, drainSync, fakeControl, json, resetAll, TEST_VARS, upstreamLog, articleWebhook } from "./support";

const INDEX = { SEARCH_SOURCE: "index" } as const;

interface Hit {
  id: number;
  title: string;
  category: { id: number; name: string } | null;
}

const related = async (id: number | string, qs = "") => {
  const res = await callSettled(`/v1/articles/${id}/related${qs}`, {}, INDEX);
  return { res, hits: res.status === 200 ? ((await json(res)).results as Hit[]) : [] };
};

const hook = (id: number) => articleWebhook(id, INDEX);

beforeEach(async () => {
  await resetAll();
  await buildIndex();
});

describe("GET /v1/articles/:id/related", () => {
  it("answers 3–5 public articles, the same category first, never the article itself, with no upstream call", async () => {
    const invoice = 16;
    const cat = ARTICLES.find((a) => a.id === invoice)!.category_ids[0];
    const before = (await upstreamLog("/api/v3/")).length;
    const { res, hits } = await related(invoice);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("hj-index; hit");
    expect(res.headers.get("Cache-Control")).toMatch(/public, max-age=\d+/);
    expect(hits.length).toBeGreaterThanOrEqual(3);
    expect(hits.length).toBeLessThanOrEqual(5);
    expect(hits.map((h) => h.id)).not.toContain(invoice);
    for (const h of hits) expect(PUBLIC_ARTICLE_IDS).toContain(h.id);
    // The same category's first: no article of another category before one of this category.
    const cats = hits.map((h) => h.category!.id === cat);
    expect(cats.indexOf(false) === -1 || cats.lastIndexOf(true) < cats.indexOf(false)).toBe(true);
    expect(cats[0]).toBe(true);
    expect(hits.slice(0, 3).some((h) => /invoice|billing|receipt|tax/i.test(h.title))).toBe(true);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
  });

  it("drops an article made internal by a webhook", async () => {
    const { hits } = await related(16);
    const gone = hits[0].id;
    const res = await fakeControl(`/articles/${gone}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ accessibility: 0 }) });
    expect(res.ok).toBe(true);
    await hook(gone);
    await drainSync();
    const after = await related(16);
    expect(after.hits.map((h) => h.id)).not.toContain(gone);
    expect(after.hits.length).toBeGreaterThanOrEqual(3);
    // And the article itself, now internal, has none: the same 404 as an unknown one.
    expect((await related(gone)).res.status).toBe(404);
  });

  it("is a 404 for an article that is not public, and refuses bad input before reading anything", async () => {
    expect((await related(INTERNAL_ARTICLE_IDS[0])).res.status).toBe(404);
    expect((await related(PUBLIC_IN_INTERNAL_CATEGORY_IDS[0])).res.status).toBe(404);
    expect((await related(999_999)).res.status).toBe(404);
    const before = (await upstreamLog("/api/v3/")).length;
    for (const bad of ["0", "abc", "-1", "2147483648", "1.5"]) expect((await related(bad)).res.status, bad).toBe(400);
    expect((await related(16, "?lang=xx")).res.status).toBe(400);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
  });
});
