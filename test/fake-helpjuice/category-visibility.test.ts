import { describe, expect, it } from "vitest";
import {
  ADMIN_EMAIL,
  ARTICLES,
  createFakeHelpjuice,
  PUBLIC_ARTICLE_IDS,
  PUBLIC_IN_INTERNAL_CATEGORY_IDS,
  PUBLIC_IN_INTERNAL_CATEGORY_WORD,
  STAFF_EMAIL,
  VIEWER_EMAIL,
  articleById,
} from "./index";
import { body, get, getAs } from "./testing";

const fake = createFakeHelpjuice({ rateLimit: 10_000 });
const ids = (list: any[]) => list.map((a) => a.id);

describe("a public article in an internal category", () => {
  it("is in the seed: 77, public and published by its own flags, in category 6 (internal)", () => {
    expect(PUBLIC_IN_INTERNAL_CATEGORY_IDS).toEqual([77]);
    const art = articleById(77)!;
    expect(art).toMatchObject({ accessibility: 1, published: true, category_ids: [6] });
    expect(PUBLIC_ARTICLE_IDS).not.toContain(77);
    const withWord = ARTICLES.filter((a) => `${a.name} ${a.body}`.toLowerCase().includes(PUBLIC_IN_INTERNAL_CATEGORY_WORD)).map((a) => a.id);
    expect(withWord).toEqual([77]);
  });

  it("says accessibility 1 to the owner, so a client trusting that field alone would leak it", async () => {
    const a = (await body(await get(fake, "/api/v3/articles/77"))).article;
    expect(a).toMatchObject({ id: 77, accessibility: 1, published: true });
  });

  it("is hidden from a viewer who may not see the category: article, list, search", async () => {
    expect((await getAs(fake, VIEWER_EMAIL, "/api/v3/articles/77")).status).toBe(404);
    expect(ids((await body(await getAs(fake, VIEWER_EMAIL, "/api/v3/articles?limit=1000"))).articles)).not.toContain(77);
    expect((await body(await getAs(fake, VIEWER_EMAIL, `/api/v3/search?query=${PUBLIC_IN_INTERNAL_CATEGORY_WORD}`))).searches).toEqual([]);
  });

  it("is visible to staff (internal role) and admins, and listed in its category", async () => {
    for (const email of [STAFF_EMAIL, ADMIN_EMAIL]) expect((await getAs(fake, email, "/api/v3/articles/77")).status, email).toBe(200);
    const cat = (await body(await get(fake, "/api/v3/categories/6"))).category;
    expect(ids(cat.published_questions)).toContain(77);
    const staffCat = (await body(await getAs(fake, STAFF_EMAIL, "/api/v3/categories/6"))).category;
    expect(ids(staffCat.published_questions)).toContain(77);
  });

  it("is flagged is_internal in search, like Helpjuice flags it", async () => {
    const [hit] = (await body(await get(fake, "/api/v3/search?query=escalation%20matrix"))).searches;
    expect(hit).toMatchObject({ id: 77, is_published: true, is_internal: true, is_private: false });
    expect(hit.categories.current).toMatchObject({ id: 6, name: "Support playbooks" });
    // Public articles in public categories stay unflagged.
    const [reset] = (await body(await get(fake, "/api/v3/search?query=reset%20password"))).searches;
    expect(reset).toMatchObject({ id: 12, is_internal: false, is_private: false });
  });
});
