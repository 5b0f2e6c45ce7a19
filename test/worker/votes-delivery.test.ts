/**
 * Issue #14: every vote accepted at once, then delivered to Helpjuice through the gate by the outbox, once.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { addFault, APP_ORIGIN, buildIndex, call, callSettled, json, resetAll, upstreamLog } from "./support";
import { INTERNAL, PUBLIC } from "./seed-facts";
import { drainVotes, outbox, outboxStatus, skipAhead, upstreamVotes } from "./votes-support";

beforeEach(resetAll);

function voteInit(o: { visitor: string; ip?: string; vote?: "up" | "down" }): RequestInit {
  return {
    method: "POST",
    headers: {
      Origin: APP_ORIGIN,
      "Content-Type": "application/json",
      "X-HJ-Visitor": o.visitor,
      "CF-Connecting-IP": o.ip ?? "203.0.113.9",
    },
    body: JSON.stringify({ vote: o.vote ?? "up" }),
  };
}

const vote = (id: number, o: { visitor: string; ip?: string; vote?: "up" | "down" }, vars: Record<string, string> = {}) =>
  callSettled(`/v1/articles/${id}/vote`, voteInit(o), vars);

const puts = async () => (await upstreamLog()).filter((e) => e.method === "PUT");

/** Waits until the outbox has stopped making calls for now (it is paused on the gate, or empty). */
async function settledCalls(): Promise<number> {
  let last = -1;
  for (let stable = 0; stable < 5; ) {
    await new Promise((r) => setTimeout(r, 60));
    const n = (await upstreamLog()).length;
    stable = n === last ? stable + 1 : 0;
    last = n;
  }
  return last;
}

describe("a burst larger than the gate", () => {
  it("accepts 20 visitors' votes on 5 cold articles at once with UPSTREAM_RATE_LIMIT=10, and delivers each exactly once, a window at a time", async () => {
    const vars = { UPSTREAM_RATE_LIMIT: "10" };
    const articles = PUBLIC.slice(0, 5);
    expect(articles).toHaveLength(5);
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(`/v1/articles/${articles[i % 5].id}/vote`, voteInit({ visitor: `burst-visitor-${i}`, ip: `198.51.100.${i + 1}` }), vars),
      ),
    );
    const bodies = await Promise.all(racing.map((r) => json(r.res)));
    await Promise.all(racing.map((r) => r.settled));
    expect(racing.map((r) => r.res.status)).toEqual(Array(20).fill(200));
    expect(bodies).toEqual(Array(20).fill({ vote: "up", counted: true, delivered: false }));
    // (Delivery may already have begun: the outbox's alarm fires as soon as the first vote is in.)

    // Each window: at most the gate's limit (less the index sync's reserved slot), then the outbox waits.
    const perWindow: number[] = [];
    let seen = 0;
    for (let w = 0; w < 8; w++) {
      const n = await settledCalls();
      perWindow.push(n - seen);
      seen = n;
      if ((await outboxStatus()).pending === 0) break;
      await skipAhead(); // the minute passes, and the alarm set for its end fires
      await runDurableObjectAlarm(outbox());
    }
    expect((await outboxStatus()).pending).toBe(0);
    for (const n of perWindow) expect(n).toBeLessThanOrEqual(10);
    expect(perWindow.length).toBeGreaterThanOrEqual(3); // 20 votes + 5 reads + the categories: three windows of 9

    // Exactly once: 4 upvotes on each article, 20 PUTs, and no vote a visibility read did not clear.
    const votes = await upstreamVotes();
    for (const a of articles) expect(votes[String(a.id)]).toEqual({ up: 4, down: 0 });
    expect((await puts()).filter((p) => p.status === 200)).toHaveLength(20);
    // One visibility read per cold article, not one per vote.
    const reads = (await upstreamLog()).filter((e) => e.method === "GET" && /^\/api\/v3\/articles\/\d+$/.test(e.path));
    expect(reads.length).toBeLessThanOrEqual(5 * 2); // a GET may be retried once on a fault; none here
    expect(new Set(reads.map((r) => r.path)).size).toBe(5);
    expect(await outboxStatus()).toMatchObject({ pending: 0, delivered: 20, dropped: 0, unconfirmed: 0, last_error: null });
  });
});

describe("retries", () => {
  it("retries after 500s and 503s with a growing backoff, reports the error meanwhile, and clears it once delivered", async () => {
    const [a] = PUBLIC;
    await callSettled(`/v1/articles/${a.id}`);
    await addFault({ path: `/api/v3/articles/${a.id}/upvote`, kind: "error", status: 500, times: 1 });
    await addFault({ path: `/api/v3/articles/${a.id}/upvote`, kind: "error", status: 503, format: "html", times: 1 });
    expect((await json(await vote(a.id, { visitor: "retry-visitor" }))).counted).toBe(true);
    await expect.poll(async () => (await puts()).length).toBe(1);
    const after1 = await readRow();
    expect(after1.attempts).toBe(1);
    expect(after1.next_at - Date.now()).toBeGreaterThan(500); // backed off (2 s ± 20 %)
    const health = await json(await callSettled("/v1/health"));
    expect(health.votes.pending).toBe(1);
    expect(health.votes.last_error).toMatch(/server error/);
    expect(health.votes.oldest_pending_s).toBeGreaterThanOrEqual(0);

    expect(await drainVotes({ skip: true })).toBe(true);
    expect((await puts()).map((p) => p.status)).toEqual([500, 503, 200]);
    expect((await upstreamVotes())[String(a.id)]).toEqual({ up: 1, down: 0 });
    expect(await outboxStatus()).toMatchObject({ pending: 0, delivered: 1, last_error: null });
  });

  it("keeps the vote through a 429 and repeated 429s (the gate's minute each time), then delivers it once", async () => {
    const [a] = PUBLIC;
    await callSettled(`/v1/articles/${a.id}`);
    await addFault({ path: `/api/v3/articles/${a.id}/downvote`, kind: "429", times: 2 });
    expect(await json(await vote(a.id, { visitor: "v-429", vote: "down" }))).toEqual({ vote: "down", counted: true, delivered: false });
    await expect.poll(async () => (await puts()).length).toBe(1);
    // Closed for Helpjuice's minute: nothing more goes out meanwhile.
    await new Promise((r) => setTimeout(r, 300));
    expect(await puts()).toHaveLength(1);
    expect(await drainVotes({ skip: true })).toBe(true);
    expect((await puts()).map((p) => p.status)).toEqual([429, 429, 200]);
    expect((await upstreamVotes())[String(a.id)]).toEqual({ up: 0, down: 1 });
  });

  it("drops a vote Helpjuice refuses for good (422) and one whose article is gone (404), never sending either again", async () => {
    const [a, b] = PUBLIC;
    await callSettled(`/v1/articles/${a.id}`);
    await callSettled(`/v1/articles/${b.id}`);
    await addFault({ path: `/api/v3/articles/${a.id}/upvote`, kind: "error", status: 422, format: "json" });
    await addFault({ path: `/api/v3/articles/${b.id}/upvote`, kind: "error", status: 404, format: "json" });
    await vote(a.id, { visitor: "v-422" });
    await vote(b.id, { visitor: "v-404" });
    expect(await drainVotes({ skip: true })).toBe(true);
    expect(await puts()).toHaveLength(2);
    expect(await outboxStatus()).toMatchObject({ pending: 0, dropped: 2, delivered: 0 });
  });
});

async function readRow(): Promise<{ attempts: number; next_at: number }> {
  return runInDurableObject(outbox(), (_, state) =>
    state.storage.sql.exec<{ attempts: number; next_at: number }>("SELECT attempts, next_at FROM vote_outbox").one(),
  );
}

describe("repeats", () => {
  it("counts a repeat once while the vote is pending and after it is delivered", async () => {
    const [a] = PUBLIC;
    await callSettled(`/v1/articles/${a.id}`);
    await addFault({ path: `/api/v3/articles/${a.id}/upvote`, kind: "429", times: 1 });
    expect((await json(await vote(a.id, { visitor: "repeat-v" }))).counted).toBe(true);
    await expect.poll(async () => (await puts()).length).toBe(1);
    expect((await outboxStatus()).pending).toBe(1);
    // Pending: a repeat (either way) is not another vote.
    expect(await json(await vote(a.id, { visitor: "repeat-v" }))).toEqual({ vote: "up", counted: false });
    expect(await json(await vote(a.id, { visitor: "repeat-v", vote: "down" }))).toEqual({ vote: "up", counted: false });
    expect(await drainVotes({ skip: true })).toBe(true);
    // Delivered: still one.
    expect(await json(await vote(a.id, { visitor: "repeat-v" }))).toEqual({ vote: "up", counted: false });
    expect(await drainVotes()).toBe(true);
    expect((await puts()).filter((p) => p.status === 200)).toHaveLength(1);
    expect((await upstreamVotes())[String(a.id)]).toEqual({ up: 1, down: 0 });
  });
});

describe("a restart", () => {
  it("keeps pending votes in storage: an outbox restarted from scratch delivers them", async () => {
    const [a, b] = PUBLIC;
    await callSettled(`/v1/articles/${a.id}`);
    // The gate is spent (a 429 closed it), so the votes wait.
    await addFault({ path: `/api/v3/articles/${a.id}/upvote`, kind: "429", times: 1 });
    await vote(a.id, { visitor: "restart-1" });
    await expect.poll(async () => (await puts()).length).toBe(1);
    await vote(b.id, { visitor: "restart-2" });
    expect((await outboxStatus()).pending).toBe(2);

    // The object is reset: its memory is gone, as after a deploy or a crash; storage and the alarm stay.
    await runInDurableObject(outbox(), (_, state) => {
      state.abort("restart");
    }).catch(() => {});
    const alarm = await runInDurableObject(outbox(), (instance, state) => {
      expect((instance as unknown as { box: unknown }).box).toBeNull();
      return state.storage.getAlarm();
    });
    expect(alarm).not.toBeNull();
    expect((await outboxStatus()).pending).toBe(2);

    expect(await drainVotes({ skip: true })).toBe(true);
    const votes = await upstreamVotes();
    expect(votes[String(a.id)]).toEqual({ up: 1, down: 0 });
    expect(votes[String(b.id)]).toEqual({ up: 1, down: 0 });
  });
});

describe("visibility without an upstream read", () => {
  it("answers 404 to a vote on an invisible article the ready index does not hold, after one read that is cached, and delivers a public one with only its PUT", async () => {
    await buildIndex();
    const before = (await upstreamLog()).length;
    const res = await vote(INTERNAL.id, { visitor: "index-v" });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
    // The index lacks it, which may mean "published since": one read, as GET /v1/articles/:id makes.
    const reads = (await upstreamLog()).slice(before);
    expect(reads.map((e) => `${e.method} ${e.path}`)).toEqual([`GET /api/v3/articles/${INTERNAL.id}`]);
    // That read's 404 is cached: another visitor's vote costs nothing upstream.
    const mid = (await upstreamLog()).length;
    expect((await vote(INTERNAL.id, { visitor: "index-w" })).status).toBe(404);
    expect((await upstreamLog()).length).toBe(mid);

    const [a] = PUBLIC;
    expect((await json(await vote(a.id, { visitor: "index-v" }))).counted).toBe(true);
    expect(await drainVotes()).toBe(true);
    expect((await upstreamLog()).slice(mid).map((e) => `${e.method} ${e.path}`)).toEqual([`PUT /api/v3/articles/${a.id}/upvote`]);
  });

  it("answers 404 to a vote on an article cached as a 404, with no upstream call", async () => {
    await callSettled(`/v1/articles/${INTERNAL.id}`);
    const before = (await upstreamLog()).length;
    expect((await vote(INTERNAL.id, { visitor: "cache-v" })).status).toBe(404);
    expect(await drainVotes()).toBe(true);
    expect((await upstreamLog()).length).toBe(before);
  });

  it("checks a cold article once at delivery, as the widget reads it in a language, and reuses the cached answer", async () => {
    const [a] = PUBLIC;
    // The widget reads with ?lang=en_US; the vote check finds that key too.
    await callSettled(`/v1/articles/${a.id}?lang=en_US`);
    const before = (await upstreamLog()).length;
    await vote(a.id, { visitor: "lang-v" });
    expect(await drainVotes()).toBe(true);
    expect((await upstreamLog()).slice(before).map((e) => e.method)).toEqual(["PUT"]);
  });
});

describe("health", () => {
  it("shows votes: pending, oldest_pending_s, last_error", async () => {
    const idle = await json(await callSettled("/v1/health"));
    expect(idle.votes).toMatchObject({ pending: 0, oldest_pending_s: null, last_error: null });
    const doc = await json(await callSettled("/v1/openapi.json"));
    expect(doc.components.schemas.Health.properties.votes).toBeTruthy();
    expect(env.VOTES).toBeTruthy();
  });
});
