/**
 * GET /v1/articles/:id/related: 3–5 public articles from the edge index, the same category first, never the
 * article itself nor a non-public one (one made internal by a webhook disappears), bad input refused first.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { sign } from "hono/jwt";
import { ARTICLES, INTERNAL_ARTICLE_IDS, PUBLIC_ARTICLE_IDS, PUBLIC_IN_INTERNAL_CATEGORY_IDS } from "../fake-helpjuice/index";
import { STAFF_EMAIL } from "../fake-helpjuice/seed/users";
import { buildIndex, callSettled, drainSync, fakeControl, json, resetAll, resetIndex, TEST_VARS, upstreamLog, articleWebhook } from "./support";
import { PUBLISHED_INTERNAL } from "./seed-facts";

const INDEX = { SEARCH_SOURCE: "index" } as const;

interface Hit {
  id: number;
  title: string;
  category: { id: number; name: string } | null;
}

const related = async (id: number | string, qs = "", init: RequestInit = {}) => {
  const res = await callSettled(`/v1/articles/${id}/related${qs}`, init, INDEX);
  return { res, hits: res.status === 200 ? ((await json(res)).results as Hit[]) : [] };
};

const hook = (id: number) => articleWebhook(id, INDEX);

/** Patches a seed article in the fake (as an author would in Helpjuice) and sends its webhook. */
async function edit(id: number, patch: Record<string, unknown>) {
  const res = await fakeControl(`/articles/${id}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(patch) });
  expect(res.ok).toBe(true);
  await hook(id);
  await drainSync();
}

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

  it("never names the article itself, whichever public article is asked", async () => {
    const ids = PUBLIC_ARTICLE_IDS.filter((id) => !PUBLIC_IN_INTERNAL_CATEGORY_IDS.includes(id));
    for (const id of ids) {
      const { res, hits } = await related(id);
      expect(res.status, String(id)).toBe(200);
      expect(hits.map((h) => h.id), String(id)).not.toContain(id);
      expect(hits.length, String(id)).toBeGreaterThanOrEqual(3);
      expect(new Set(hits.map((h) => h.id)).size, `${id}: each once`).toBe(hits.length);
    }
  });

  it("drops an article made internal by a webhook", async () => {
    const { hits } = await related(16);
    const gone = hits[0].id;
    await edit(gone, { accessibility: 0 });
    const after = await related(16);
    expect(after.hits.map((h) => h.id)).not.toContain(gone);
    expect(after.hits.length).toBeGreaterThanOrEqual(3);
    // And the article itself, now internal, has none: the same 404 as an unknown one.
    expect((await related(gone)).res.status).toBe(404);
  });

  it("drops an article unpublished by a webhook", async () => {
    const { hits } = await related(16);
    const gone = hits[1].id;
    await edit(gone, { published: false });
    const after = await related(16);
    expect(after.hits.map((h) => h.id)).not.toContain(gone);
    expect(after.hits.length).toBeGreaterThanOrEqual(3);
  });

  it("is cacheable by anyone for a minute, with an ETag a webhook's change moves on", async () => {
    const first = await related(16);
    expect(first.res.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(first.res.headers.get("Vary") ?? "").not.toMatch(/authorization/i);
    const tag = first.res.headers.get("ETag");
    expect(tag).toBeTruthy();
    const again = await related(16, "", { headers: { "If-None-Match": tag! } });
    expect(again.res.status).toBe(304);
    expect(await again.res.text()).toBe("");
    // The list changes with the index: the old tag no longer matches, so a browser's revalidation gets the new list.
    await edit(first.hits[0].id, { accessibility: 0 });
    const changed = await related(16, "", { headers: { "If-None-Match": tag! } });
    expect(changed.res.status).toBe(200);
    expect(changed.hits.map((h) => h.id)).not.toContain(first.hits[0].id);
  });

  it("before the index's first build answers an empty list no one keeps", async () => {
    await resetIndex();
    const res = await callSettled("/v1/articles/16/related", {}, { SEARCH_SOURCE: "helpjuice" });
    expect(res.status).toBe(200);
    expect((await json(res)).results).toEqual([]);
    expect(res.headers.get("Cache-Status")).toBe("hj-index; miss");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("answers a signed user from the public index too: the same list, nothing internal, and 404 for an internal article", async () => {
    const token = await sign({ sub: STAFF_EMAIL, aud: "hj-search", exp: Math.floor(Date.now() / 1000) + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256");
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const before = (await upstreamLog("/api/v3/")).length;
    const anon = await related(16);
    const staff = await related(16, "", auth);
    expect(staff.res.status).toBe(200);
    expect(staff.hits).toEqual(anon.hits);
    for (const h of staff.hits) expect(INTERNAL_ARTICLE_IDS).not.toContain(h.id);
    // Staff may read this article, but it is not in the public index: no related list for it.
    expect((await related(PUBLISHED_INTERNAL, "", auth)).res.status).toBe(404);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
    // The token is still checked: a bad one is refused, never taken as anonymous.
    expect((await related(16, "", { headers: { Authorization: "Bearer a.b.c" } })).res.status).toBe(401);
  });

  it("is a 404 for an article that is not public, and refuses bad input before reading anything", async () => {
    expect((await related(INTERNAL_ARTICLE_IDS[0])).res.status).toBe(404);
    expect((await related(PUBLIC_IN_INTERNAL_CATEGORY_IDS[0])).res.status).toBe(404);
    expect((await related(999_999)).res.status).toBe(404);
    const before = (await upstreamLog("/api/v3/")).length;
    for (const bad of ["0", "abc", "-1", "2147483648", "1.5"]) {
      const { res } = await related(bad);
      expect(res.status, bad).toBe(400);
      expect((await json(res)).error.code, bad).toBe("bad_request");
      expect(res.headers.get("Cache-Control"), bad).toBe("no-store");
    }
    expect((await related(16, "?lang=xx")).res.status).toBe(400);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
  });
});
