/**
 * The categories listing decides what an anonymous visitor may read, so it is read whole: Helpjuice pages
 * collections (25 by default), and a worker that read only the first page would miss a restricted category
 * further on. The fake's smallCategoryPages quirk pages them 2 at a time (its 7 categories: 1–5 public,
 * 6 internal, 7 private), whatever `limit` asks.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { forgetCategoryRefresh } from "../../worker/platform/articles/category-check";
import { callSettled, fakeControl, resetAll, upstreamLog } from "./support";
import { create, INTERNAL_CATEGORY, PUBLIC_CATEGORY } from "./new-article-support";

const PUBLIC_ON_A_LATER_PAGE = 5;

async function quirk(on: boolean) {
  const res = await fakeControl("/quirks", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ smallCategoryPages: on }) });
  expect(res.ok).toBe(true);
}

beforeEach(async () => {
  await resetAll();
  forgetCategoryRefresh();
  await quirk(true);
});

describe("a categories listing in pages", () => {
  it("is read to its last page: an article in a public category and in an internal one further on stays hidden", async () => {
    // In a public category and in the internal one (third page at 2 a page).
    const made = await fakeControl("/articles", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        name: "Public here, internal there",
        body: "<p>Filed twice.</p>",
        category_ids: [PUBLIC_CATEGORY, INTERNAL_CATEGORY],
        accessibility: 1,
        published: true,
      }),
    });
    expect(made.status).toBe(201);
    const both = ((await made.json()) as { article: { id: number } }).article.id;
    expect((await callSettled(`/v1/articles/${both}`)).status).toBe(404);
    const pages = (await upstreamLog("/api/v3/categories")).map((e) => e.query.page);
    expect(pages).toEqual(expect.arrayContaining(["1", "2", "3", "4"]));
  });

  it("finds an article whose public category is on a later page", async () => {
    const later = await create("Only in a category on page three", PUBLIC_ON_A_LATER_PAGE);
    expect((await callSettled(`/v1/articles/${later}`)).status).toBe(200);
  });

  it("refuses to decide on part of it: a page that fails hides what only it could clear", async () => {
    const later = await create("Behind a failing page", PUBLIC_ON_A_LATER_PAGE);
    const fault = await fakeControl("/faults", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path: "^/api/v3/categories$", query: "page=3", kind: "error", status: 500 }),
    });
    if (!fault.ok) throw new Error(`the fake refused the fault: ${fault.status} ${await fault.text()}`);
    expect((await callSettled(`/v1/articles/${later}`)).status).not.toBe(200);
  });
});
