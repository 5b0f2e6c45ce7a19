/**
 * An article published after the worker last read the categories listing: it is unknown to that listing,
 * not internal, so an anonymous visitor gets it at once (one more listing read, bounded per isolate),
 * while one in an internal category, or one the worker cannot check, stays a 404.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { forgetCategoryRefresh } from "../../worker/platform/articles/category-check";
import { addFault, APP_ORIGIN, buildIndex, callSettled, clearFaults, json, resetAll } from "./support";
import { PUBLIC } from "./seed-facts";
import { cacheTheListing, categoryCalls, create, INTERNAL_CATEGORY, PUBLIC_CATEGORY } from "./new-article-support";
import { drainVotes, upstreamVotes } from "./votes-support";

beforeEach(async () => {
  await resetAll();
  forgetCategoryRefresh();
});

describe("an article newer than the cached categories listing", () => {
  it("is readable by an anonymous visitor at once, for one more listing read", async () => {
    await cacheTheListing();
    const id = await create("Brand new public article", PUBLIC_CATEGORY);
    const res = await callSettled(`/v1/articles/${id}`);
    expect(res.status).toBe(200);
    expect((await json(res)).article).toMatchObject({ id, title: "Brand new public article" });
    expect(await categoryCalls()).toBe(2);
  });

  it("in an internal category stays a 404", async () => {
    await cacheTheListing();
    const id = await create("Brand new playbook", INTERNAL_CATEGORY);
    const res = await callSettled(`/v1/articles/${id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Brand new playbook");
    expect(await categoryCalls()).toBe(2);
  });

  it("costs nothing extra for an article the cached listing knows", async () => {
    await cacheTheListing();
    for (const a of PUBLIC.slice(1, 4)) expect((await callSettled(`/v1/articles/${a.id}`)).status).toBe(200);
    expect(await categoryCalls()).toBe(1);
  });

  it("shares one listing read among requests at once, and reads it at most once a while", async () => {
    await cacheTheListing();
    const fresh = [await create("New one", PUBLIC_CATEGORY), await create("New two", PUBLIC_CATEGORY), await create("New three", PUBLIC_CATEGORY)];
    const statuses = await Promise.all(fresh.map(async (id) => (await callSettled(`/v1/articles/${id}`)).status));
    expect(statuses).toEqual([200, 200, 200]);
    // Unknown articles that stay unknown (internal ones) do not make each request read the listing again.
    const internal = [await create("Playbook one", INTERNAL_CATEGORY), await create("Playbook two", INTERNAL_CATEGORY)];
    for (const id of internal) expect((await callSettled(`/v1/articles/${id}`)).status).toBe(404);
    expect(await categoryCalls()).toBe(2);
  });

  it("takes a visitor's vote once read, and refuses one on its internal twin", async () => {
    await cacheTheListing();
    const open = await create("New and helpful", PUBLIC_CATEGORY);
    const closed = await create("New and internal", INTERNAL_CATEGORY);
    const vote = (id: number) =>
      callSettled(`/v1/articles/${id}/vote`, {
        method: "POST",
        headers: { Origin: APP_ORIGIN, "Content-Type": "application/json", "X-HJ-Visitor": "7c0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e5f6" },
        body: JSON.stringify({ vote: "up" }),
      });
    for (const id of [open, closed]) await callSettled(`/v1/articles/${id}`);
    expect((await vote(open)).status).toBe(200);
    expect((await vote(closed)).status).toBe(404);
    expect(await drainVotes()).toBe(true);
    const counted = await upstreamVotes();
    expect(counted[String(open)]?.up).toBe(1);
    expect(counted[String(closed)]).toBeUndefined();
  });

  it("is a 404, never a leak, when the listing cannot be read again", async () => {
    await cacheTheListing();
    const id = await create("New while Helpjuice is down", PUBLIC_CATEGORY);
    await addFault({ path: "^/api/v3/categories$", kind: "error", status: 500 });
    expect((await callSettled(`/v1/articles/${id}`)).status).toBe(404);
    await clearFaults();
  });

  it("is readable at once with a built index too, which does not list it yet", async () => {
    await buildIndex();
    const before = await categoryCalls();
    const open = await create("New after the build", PUBLIC_CATEGORY);
    const closed = await create("Internal after the build", INTERNAL_CATEGORY);
    expect((await callSettled(`/v1/articles/${open}`)).status).toBe(200);
    expect((await callSettled(`/v1/articles/${closed}`)).status).toBe(404);
    // One read for both: the second falls within the first's interval, and the listing it read holds both.
    expect(await categoryCalls()).toBe(before + 1);
    // A known public article still costs no listing read.
    expect((await callSettled(`/v1/articles/${PUBLIC[1].id}`)).status).toBe(200);
    expect(await categoryCalls()).toBe(before + 1);
  });
});
