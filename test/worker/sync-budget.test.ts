/**
 * The index sync's budget (platform/upstream/gate.ts, core/upstream/sync-share.ts): its reserved tenth, plus
 * what visitors leave unused, handed back as soon as they need it; and what that means for a webhook's edit
 * after a busy minute.
 */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { syncShare } from "../../worker/core/config";
import { buildIndex, callSettled, fakeControl, json, resetAll, TEST_VARS, upstreamLog, indexSync, articleWebhook } from "./support";
import { create, PUBLIC_CATEGORY } from "./new-article-support";

const INDEX = { SEARCH_SOURCE: "index" } as const;
const LIMIT = 100;
const SHARE = syncShare(LIMIT);
const gate = () => env.UPSTREAM_GATE.get(env.UPSTREAM_GATE.idFromName("global"));

beforeEach(resetAll);

/** Slots granted in a row, up to `max`. */
async function granted(take: () => Promise<{ ok: boolean }>, max = 200): Promise<number> {
  let n = 0;
  while (n < max && (await take()).ok) n++;
  return n;
}
const visitorCalls = (n: number) => granted(() => gate().acquire(LIMIT, SHARE), n);
const syncCalls = (max = 200) => granted(() => gate().acquireSync(LIMIT, SHARE, true), max);

describe("the sync's share of the upstream budget", () => {
  it("borrows what visitors leave unused in the window, past its own tenth", async () => {
    // Visitors idle: the sync's 10, and half of the visitors' unused 90.
    expect(await syncCalls()).toBe(SHARE + 45);
  });

  it("hands it back: visitors who then need the budget find the other half free at once", async () => {
    await syncCalls();
    expect(await visitorCalls(200)).toBe(45);
  });

  it("yields to busy visitors: it keeps only its reserved tenth, and visitors get all of their share", async () => {
    expect(await visitorCalls(80)).toBe(80);
    // 10 of the visitors' 90 unused: it may borrow half of them.
    expect(await syncCalls()).toBe(SHARE + 5);
    await resetAll();
    expect(await visitorCalls(90)).toBe(90);
    expect(await syncCalls()).toBe(SHARE);
    expect(await visitorCalls(1)).toBe(0);
  });

  it("stops borrowing the moment visitors' use rises", async () => {
    expect(await visitorCalls(40)).toBe(40);
    expect(await syncCalls(SHARE + 10)).toBe(SHARE + 10);
    expect(await visitorCalls(30)).toBe(30);
    // 90 − 70 used − 10 lent leaves 10 unused: lending one more would leave visitors fewer free than lent.
    expect((await gate().acquireSync(LIMIT, SHARE, true)).ok).toBe(false);
  });
});

const hook = (id: number) => articleWebhook(id, INDEX);
const found = async (q: string) =>
  ((await json(await callSettled(`/v1/search?q=${encodeURIComponent(q)}`, {}, INDEX))).results as { id: number }[]).map((r) => r.id);

/**
 * Runs the sync's alarms as workerd would, and fails if one is set further ahead than `withinMs` (the gate
 * postponing it): the work done within that time, or not.
 */
async function drainWithin(withinMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const { busy, alarm } = await runInDurableObject(indexSync(), async (instance, state) => {
      const s = (instance as unknown as { s: { pass: unknown; queue: unknown[] } | null }).s;
      return { busy: Boolean(s && (s.pass || s.queue.length)), alarm: await state.storage.getAlarm() };
    });
    if (!busy) return Date.now() - t0;
    if (alarm !== null) expect(alarm - t0, "the sync was made to wait for the budget").toBeLessThan(withinMs);
    if (!(await runDurableObjectAlarm(indexSync()))) await new Promise((r) => setTimeout(r, 20));
    if (Date.now() - t0 > withinMs) throw new Error("the sync did not finish in time");
  }
}

describe("an edit after a busy minute", () => {
  it("reaches search within 30 s after a full build and a burst of 20 webhooks, while visitors use under half the budget", async () => {
    await buildIndex();
    // Visitors: 45 calls this minute (the gate counts them whatever they were).
    expect(await visitorCalls(45)).toBe(45);
    // A burst of 20 webhooks naming 20 new articles, which also need the categories.
    const fresh: number[] = [];
    for (let i = 0; i < 20; i++) fresh.push(await create(`Burst article ${i} quokka`, PUBLIC_CATEGORY));
    for (const id of fresh) expect((await hook(id)).status).toBe(200);
    await drainWithin(30_000);
    // Then the edit.
    const target = fresh[0];
    const res = await fakeControl(`/articles/${target}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Rotate your zanzibar credentials" }),
    });
    expect(res.ok).toBe(true);
    expect(await found("zanzibar")).toEqual([]);
    expect((await hook(target)).status).toBe(200);
    expect(await drainWithin(30_000)).toBeLessThan(30_000);
    expect(await found("zanzibar")).toEqual([target]);
  });

  it("reads nothing twice: one categories listing for a burst, one fetch for each article", async () => {
    await buildIndex();
    await fakeControl("/log", { method: "DELETE" });
    const a = await create("Burst article wombat", PUBLIC_CATEGORY);
    const b = await create("Burst article numbat", PUBLIC_CATEGORY);
    await Promise.all([hook(a), hook(b), hook(a)]);
    await drainWithin(30_000);
    const log = await upstreamLog();
    expect(log.filter((e) => e.path === "/api/v3/categories")).toHaveLength(1);
    expect(log.filter((e) => e.path === `/api/v3/articles/${a}`)).toHaveLength(1);
    expect(log.filter((e) => e.path === `/api/v3/articles/${b}`)).toHaveLength(1);
    expect(await found("wombat")).toEqual([a]);
    expect(await found("numbat")).toEqual([b]);
  });
});
