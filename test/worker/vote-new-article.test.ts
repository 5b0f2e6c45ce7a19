/**
 * A vote on an article published after the worker last read the categories listing, cast before anyone
 * read the article (so the vote is accepted unchecked and the outbox checks it at delivery): the outbox
 * decides its category by the rule an article read uses (new-article.test.ts), one shared fresh listing
 * for an article the cached one does not hold, and never sends a vote it could not clear.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { forgetCategoryRefresh } from "../../worker/platform/articles/category-check";
import { addFault, APP_ORIGIN, buildIndex, callSettled, clearFaults, json, resetAll, upstreamLog } from "./support";
import { PUBLIC } from "./seed-facts";
import { cacheTheListing, categoryCalls, create, INTERNAL_CATEGORY, PUBLIC_CATEGORY } from "./new-article-support";
import { drainVotes, outboxStatus, upstreamVotes } from "./votes-support";

beforeEach(async () => {
  await resetAll();
  forgetCategoryRefresh();
});

const puts = async () => (await upstreamLog()).filter((e) => e.method === "PUT").map((e) => e.path);

/** An anonymous vote, accepted (counted) whatever the article: nothing the worker knows says otherwise. */
async function vote(id: number, visitor = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"): Promise<void> {
  const res = await callSettled(`/v1/articles/${id}/vote`, {
    method: "POST",
    headers: { Origin: APP_ORIGIN, "Content-Type": "application/json", "X-HJ-Visitor": visitor, "CF-Connecting-IP": "203.0.113.9" },
    body: JSON.stringify({ vote: "up" }),
  });
  expect(res.status).toBe(200);
  expect((await json(res)).counted).toBe(true);
}

describe("an anonymous vote on an article newer than the cached categories listing, never read", () => {
  it("is delivered when the article is public, for one more listing read", async () => {
    await cacheTheListing();
    const id = await create("Brand new and helpful", PUBLIC_CATEGORY);
    await vote(id);
    expect(await drainVotes()).toBe(true);
    expect((await upstreamVotes())[String(id)]).toEqual({ up: 1, down: 0 });
    expect(await outboxStatus()).toMatchObject({ delivered: 1, dropped: 0 });
    expect(await categoryCalls()).toBe(2);
  });

  it("is delivered after the outbox has already checked other votes against the older listing", async () => {
    await cacheTheListing();
    // The outbox's first check reads the listing as it is now, before the new article exists.
    await vote(PUBLIC[1].id);
    expect(await drainVotes()).toBe(true);
    const id = await create("Newer than the outbox's last check", PUBLIC_CATEGORY);
    await vote(id);
    expect(await drainVotes()).toBe(true);
    expect((await upstreamVotes())[String(id)]).toEqual({ up: 1, down: 0 });
    expect(await outboxStatus()).toMatchObject({ delivered: 2, dropped: 0 });
  });

  it("is dropped unsent when the article is in an internal category", async () => {
    await cacheTheListing();
    const id = await create("Brand new playbook", INTERNAL_CATEGORY);
    await vote(id);
    expect(await drainVotes()).toBe(true);
    expect(await puts()).toEqual([]);
    expect((await upstreamVotes())[String(id)]).toBeUndefined();
    expect(await outboxStatus()).toMatchObject({ delivered: 0, dropped: 1 });
    expect(await categoryCalls()).toBe(2);
  });

  it("is dropped unsent, never delivered on a guess, when the fresh listing cannot be read", async () => {
    await cacheTheListing();
    const id = await create("New while Helpjuice is down", PUBLIC_CATEGORY);
    await addFault({ path: "^/api/v3/categories$", kind: "error", status: 500 });
    try {
      await vote(id);
      expect(await drainVotes({ skip: true })).toBe(true);
    } finally {
      await clearFaults();
    }
    expect(await puts()).toEqual([]);
    expect(await outboxStatus()).toMatchObject({ delivered: 0, dropped: 1 });
  });

  it("shares one fresh listing among votes on several new articles", async () => {
    await cacheTheListing();
    const open = [await create("New one", PUBLIC_CATEGORY), await create("New two", PUBLIC_CATEGORY)];
    const closed = await create("New playbook", INTERNAL_CATEGORY);
    for (const id of [...open, closed]) await vote(id);
    expect(await drainVotes()).toBe(true);
    const counted = await upstreamVotes();
    for (const id of open) expect(counted[String(id)]).toEqual({ up: 1, down: 0 });
    expect(counted[String(closed)]).toBeUndefined();
    expect(await categoryCalls()).toBe(2);
  });
});

describe("an anonymous vote on an article the cached listing knows", () => {
  it("costs no listing read at delivery", async () => {
    await cacheTheListing();
    // Never read, so the vote is checked at delivery: the article upstream, its category from the cache.
    const [, a, b] = PUBLIC;
    await vote(a.id);
    await vote(b.id);
    expect(await drainVotes()).toBe(true);
    expect((await puts()).sort()).toEqual([`/api/v3/articles/${a.id}/upvote`, `/api/v3/articles/${b.id}/upvote`].sort());
    expect(await categoryCalls()).toBe(1);
  });
});

describe("an anonymous vote on an article the ready edge index has not caught up with (no webhook heard)", () => {
  const cast = (id: number) =>
    callSettled(`/v1/articles/${id}/vote`, {
      method: "POST",
      headers: { Origin: APP_ORIGIN, "Content-Type": "application/json", "X-HJ-Visitor": "7e1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6", "CF-Connecting-IP": "203.0.113.9" },
      body: JSON.stringify({ vote: "down" }),
    });

  it("counts when the article is public, and reaches Helpjuice", async () => {
    await buildIndex();
    const id = await create("Published after the index was built", PUBLIC_CATEGORY);
    const res = await cast(id);
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ vote: "down", counted: true });
    expect(await drainVotes()).toBe(true);
    expect((await upstreamVotes())[String(id)]).toEqual({ up: 0, down: 1 });
  });

  it("is a 404 when the new article is in an internal category, and nothing is sent", async () => {
    await buildIndex();
    const id = await create("A playbook published after the index was built", INTERNAL_CATEGORY);
    const res = await cast(id);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
    expect(await drainVotes()).toBe(true);
    expect(await puts()).toEqual([]);
  });

  it("is refused with the read's error when Helpjuice cannot answer it, and nothing is queued", async () => {
    await buildIndex();
    const id = await create("Published while Helpjuice is failing", PUBLIC_CATEGORY);
    await addFault({ path: `^/api/v3/articles/${id}$`, kind: "error", status: 500 });
    try {
      const res = await cast(id);
      expect([502, 503, 504]).toContain(res.status);
      expect((await json(res)).error.code).toBeTruthy();
    } finally {
      await clearFaults();
    }
    expect(await outboxStatus()).toMatchObject({ pending: 0 });
    // Once Helpjuice answers again, the same visitor's vote counts (nothing was recorded for it).
    const again = await cast(id);
    expect(again.status).toBe(200);
    expect((await json(again)).counted).toBe(true);
  });
});
