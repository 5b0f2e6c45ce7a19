import { describe, expect, it } from "vitest";
import { ACTIVITY_ACTIONS, ARTICLES, createFakeHelpjuice, FAKE_API_KEY, PUBLIC_ARTICLE_IDS, VIEWER_EMAIL, ADMIN_EMAIL, articleById } from "./index";
import { BASE, body, control, get, getAs, postJson } from "./testing";

const list = async (fake: ReturnType<typeof createFakeHelpjuice>, qs = "") => {
  const res = await get(fake, `/api/v3/activities${qs ? `?${qs}` : ""}`);
  expect(res.status, qs).toBe(200);
  return body(res);
};
const seedFake = createFakeHelpjuice({ rateLimit: 10_000 });

describe("GET /api/v3/activities", () => {
  it("answers the reference's shape with the list's meta; the seed has one old create per article", async () => {
    const res = await list(seedFake, "limit=1000");
    expect(Object.keys(res)).toEqual(["meta", "activities"]);
    expect(res.meta).toEqual({ current: 1, limit: 1000, total_pages: 1, total_count: ARTICLES.length });
    const [first] = res.activities;
    expect(Object.keys(first)).toEqual(["id", "trackable_id", "trackable_type", "owner_id", "action", "created_at"]);
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.activities.every((a: any) => a.action === "create" && a.trackable_type === "Question")).toBe(true);
    expect(res.activities.map((a: any) => a.trackable_id).sort((x: number, y: number) => x - y)).toEqual(ARTICLES.map((a) => a.id));
    for (const a of res.activities) {
      const art = articleById(a.trackable_id)!;
      expect(a).toMatchObject({ owner_id: art.author_id, created_at: art.created_at });
    }
  });

  it("is newest first by default and with reverse_chronologically; oldest first with chronologically", async () => {
    const ids = async (qs: string) => (await list(seedFake, `limit=1000&${qs}`)).activities.map((a: any) => a.id);
    const byDefault = await ids("");
    expect(byDefault).toEqual([...byDefault].sort((x, y) => y - x));
    expect(await ids("reverse_chronologically=true")).toEqual(byDefault);
    expect(await ids("chronologically=true")).toEqual([...byDefault].reverse());
    const times = (await list(seedFake, "limit=1000&chronologically=true")).activities.map((a: any) => a.created_at);
    expect(times).toEqual([...times].sort());
  });

  it("pages with limit and page (25 by default, at most 1000)", async () => {
    const res = await list(seedFake);
    expect(res.meta).toEqual({ current: 1, limit: 25, total_pages: Math.ceil(ARTICLES.length / 25), total_count: ARTICLES.length });
    expect(res.activities).toHaveLength(25);
    const page2 = await list(seedFake, "limit=10&page=2");
    expect(page2.meta).toMatchObject({ current: 2, limit: 10 });
    expect(page2.activities.map((a: any) => a.id)).toEqual((await list(seedFake, "limit=20")).activities.slice(10).map((a: any) => a.id));
    expect((await list(seedFake, "limit=5000")).meta.limit).toBe(1000);
  });

  it("filters by trackable_type, trackable_id, action_type, older_than and filter[owner_id]", async () => {
    expect((await list(seedFake, "trackable_type=Question")).meta.total_count).toBe(ARTICLES.length);
    expect((await list(seedFake, "trackable_type=Category")).activities).toEqual([]);
    const of12 = (await list(seedFake, "trackable_type=Question&trackable_id=12")).activities;
    expect(of12.map((a: any) => [a.trackable_id, a.action])).toEqual([[12, "create"]]);
    expect((await list(seedFake, "trackable_type=Question&action_type=destroy")).activities).toEqual([]);
    expect((await list(seedFake, "trackable_type=Question&action_type=create")).meta.total_count).toBe(ARTICLES.length);
    const older = (await list(seedFake, "older_than=10&limit=1000")).activities.map((a: any) => a.id);
    expect(older).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const byAdmin = (await list(seedFake, "filter[owner_id]=2&limit=1000")).activities;
    expect(byAdmin.length).toBe(ARTICLES.filter((a) => a.author_id === 2).length);
    expect(byAdmin.every((a: any) => a.owner_id === 2)).toBe(true);
  });

  it.each(["trackable_id=12", "action_type=update", "older_than=abc", "filter[owner_id]=x", "limit=0", "page=0", "chronologically=maybe"])("answers 422 to %s", async (qs) => {
    const res = await get(seedFake, `/api/v3/activities?${qs}`);
    expect(res.status).toBe(422);
    expect((await body(res)).errors).toHaveLength(1);
  });

  it("needs the key, like every route", async () => {
    expect((await seedFake.fetch(new Request(`${BASE}/api/v3/activities`))).status).toBe(403);
    expect((await seedFake.fetch(new Request(`${BASE}/api/v3/activities/1`))).status).toBe(403);
  });

  it("shows an impersonated non-admin only activities about articles they may see", async () => {
    const viewer = await body(await getAs(seedFake, VIEWER_EMAIL, "/api/v3/activities?limit=1000"));
    expect(viewer.activities.map((a: any) => a.trackable_id).sort((x: number, y: number) => x - y)).toEqual(PUBLIC_ARTICLE_IDS);
    const admin = await body(await getAs(seedFake, ADMIN_EMAIL, "/api/v3/activities?limit=1000"));
    expect(admin.meta.total_count).toBe(ARTICLES.length);
  });
});

describe("GET /api/v3/activities/:id", () => {
  it("answers one activity, 404 for unknown ids", async () => {
    const { activity } = await body(await get(seedFake, "/api/v3/activities/1"));
    expect(activity).toEqual((await list(seedFake, "chronologically=true&limit=1")).activities[0]);
    for (const id of ["99999", "abc", "-1"]) expect((await get(seedFake, `/api/v3/activities/${id}`)).status, id).toBe(404);
    const internal = (await list(seedFake, "trackable_type=Question&trackable_id=60")).activities[0];
    expect((await getAs(seedFake, VIEWER_EMAIL, `/api/v3/activities/${internal.id}`)).status).toBe(404);
  });
});

describe("activities recorded by content changes", () => {
  it("records update, unpublish, publish, create and destroy, newest first, at the fake's clock; reset restores the seed", async () => {
    let t = Date.UTC(2031, 4, 6, 12);
    const fake = createFakeHelpjuice({ now: () => t });
    const seedCount = ARTICLES.length;
    expect((await body(await control(fake, "/articles/12", postJson({ name: "Reset your password (new)" })))).activities.map((a: any) => a.action)).toEqual(["update"]);
    t += 1000;
    await control(fake, "/articles/3", postJson({ published: false }));
    t += 1000;
    await control(fake, "/articles/3", postJson({ published: true, body: "<p>Back, rewritten.</p>" }));
    t += 1000;
    const created = await body(await control(fake, "/articles", postJson({ name: "Brand new article", body: "Plain text body." })));
    t += 1000;
    await control(fake, "/articles/14", { method: "DELETE" });
    // A patch that changes nothing leaves no activity.
    await control(fake, "/articles/15", postJson({ published: true }));

    const res = await list(fake, "limit=6");
    expect(res.meta.total_count).toBe(seedCount + 6);
    expect(res.activities.slice(0, 6).map((a: any) => [a.trackable_id, a.action])).toEqual([
      [14, "destroy"],
      [created.article.id, "create"],
      [3, "publish"],
      [3, "update"],
      [3, "unpublish"],
      [12, "update"],
    ]);
    expect(res.activities[0]).toMatchObject({ owner_id: 1, trackable_type: "Question", created_at: new Date(Date.UTC(2031, 4, 6, 12, 0, 4)).toISOString() });
    expect(new Set(res.activities.map((a: any) => a.action))).toEqual(new Set(ACTIVITY_ACTIONS));
    // older_than pages back through them, as a sync would.
    const before = (await list(fake, `older_than=${res.activities[0].id}&limit=2`)).activities.map((a: any) => a.action);
    expect(before).toEqual(["create", "publish"]);
    const destroyed = (await list(fake, "trackable_type=Question&action_type=destroy")).activities;
    expect(destroyed.map((a: any) => a.trackable_id)).toEqual([14]);

    await control(fake, "/reset", { method: "POST" });
    expect((await list(fake)).meta.total_count).toBe(seedCount);
    expect((await list(fake, "trackable_type=Question&action_type=destroy")).activities).toEqual([]);
  });

  it("keeps the owner's activities about a deleted article, out of an impersonated viewer's sight", async () => {
    const fake = createFakeHelpjuice();
    await control(fake, "/articles/12", { method: "DELETE" });
    const owner = (await list(fake, "trackable_type=Question&trackable_id=12")).activities.map((a: any) => a.action);
    expect(owner).toEqual(["destroy", "create"]);
    const viewer = await body(await getAs(fake, VIEWER_EMAIL, "/api/v3/activities?trackable_type=Question&trackable_id=12"));
    expect(viewer.activities).toEqual([]);
    expect((await fake.fetch(new Request(`${BASE}/api/v3/activities?api_key=${FAKE_API_KEY}&trackable_type=Question&trackable_id=12`))).status).toBe(200);
  });
});
