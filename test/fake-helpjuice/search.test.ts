import { describe, expect, it } from "vitest";
import { createFakeHelpjuice, PUBLIC_ARTICLE_IDS, articleById } from "./index";
import { body, get } from "./testing";

const fake = createFakeHelpjuice({ rateLimit: 10_000 });
const search = async (qs: string) => {
  const res = await get(fake, `/api/v3/search?${qs}`);
  return { status: res.status, body: await body(res) };
};
const hits = async (query: string) => (await search(`query=${encodeURIComponent(query)}`)).body.searches as any[];

describe("GET /api/v3/search", () => {
  it("answers the reference's fields, exactly", async () => {
    const [hit] = await hits("reset password");
    expect(Object.keys(hit)).toEqual([
      "id",
      "name",
      "slug",
      "tag_names",
      "answer_sample",
      "long_answer_sample",
      "categories",
      "last_published_date",
      "last_published_user_name",
      "is_published",
      "is_internal",
      "is_private",
      "url",
    ]);
    expect(hit).toMatchObject({ id: 12, name: "Reset your password", slug: "12-reset-your-password", is_published: true, is_internal: false, is_private: false });
    expect(Object.keys(hit.categories.current)).toEqual(["id", "name", "url"]);
    expect(hit.categories.current).toMatchObject({ id: 3, name: "Account & billing" });
    expect(hit.last_published_date).toMatch(/^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(st|nd|rd|th), \d{4}$/);
    expect(typeof hit.last_published_user_name).toBe("string");
    expect(hit.tag_names).toContain("password");
    expect(hit.answer_sample).not.toMatch(/</);
  });

  it.each(["password", "reset password", "invoice", "sso", "api key", "export"])("finds several public articles for %j", async (q) => {
    const pub = (await hits(q)).filter((h) => h.is_published && !h.is_internal && !h.is_private);
    expect(pub.length).toBeGreaterThanOrEqual(3);
  });

  it("includes internal, private and unpublished hits for the owner (so a leak would show)", async () => {
    const found = await hits("password");
    expect(found.some((h) => h.is_internal)).toBe(true);
    expect(found.some((h) => h.is_private)).toBe(true);
    expect(found.some((h) => !h.is_published)).toBe(true);
    expect(found.filter((h) => !h.is_published).every((h) => h.last_published_date === null)).toBe(true);
  });

  it("is case-insensitive and ranks name matches first", async () => {
    const lower = await hits("password");
    expect((await hits("PassWord")).map((h) => h.id)).toEqual(lower.map((h) => h.id));
    const nameMatch = lower.map((h) => /password/i.test(h.name));
    expect(nameMatch.indexOf(false)).toBeGreaterThan(0);
    expect(nameMatch.slice(nameMatch.indexOf(false))).not.toContain(true);
  });

  it("requires every word, matching word prefixes", async () => {
    const both = (await hits("reset password")).map((h) => h.id);
    const password = (await hits("password")).map((h) => h.id);
    expect(both.every((id) => password.includes(id))).toBe(true);
    expect(both.length).toBeLessThan(password.length);
    expect((await hits("passw")).map((h) => h.id)).toEqual(expect.arrayContaining(password));
    expect(await hits("zzyzx")).toEqual([]);
  });

  it("filters by category_id", async () => {
    const all = await hits("password");
    const inSecurity = (await search("query=password&category_id=5")).body.searches as any[];
    expect(inSecurity.length).toBeGreaterThan(0);
    expect(inSecurity.length).toBeLessThan(all.length);
    for (const h of inSecurity) expect(articleById(h.id)!.category_ids).toContain(5);
    expect((await search("query=password&category_id=999")).body.searches).toEqual([]);
    // An "also in" category counts: Reset your password (12) is in Account & billing and Troubleshooting.
    expect(((await search("query=reset&category_id=4")).body.searches as any[]).map((h) => h.id)).toContain(12);
  });

  it.each([
    ["query=", [{ query: "can't be blank" }]],
    ["query=%20%20", [{ query: "can't be blank" }]],
    ["", [{ query: "can't be blank" }]],
    ["query=password&category_id=abc", [{ category_id: "is not valid." }]],
    ["query=password&category_id=1.5", [{ category_id: "is not valid." }]],
    ["query=&category_id=x", [{ query: "can't be blank" }, { category_id: "is not valid." }]],
  ])("answers 422 to %j", async (qs, errors) => {
    const res = await search(qs);
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors });
  });

  it("ignores a blank category_id", async () => {
    expect((await search("query=invoice&category_id=")).status).toBe(200);
  });

  it("never searches translations (they are not the default language)", async () => {
    expect(await hits("contraseña")).toEqual([]);
  });

  it("answers only public ids among public hits, all known", async () => {
    for (const h of await hits("account")) {
      if (h.is_published && !h.is_internal && !h.is_private) expect(PUBLIC_ARTICLE_IDS).toContain(h.id);
    }
  });
});
