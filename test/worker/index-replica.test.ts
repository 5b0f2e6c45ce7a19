/**
 * The edge index in an isolate's memory answers exactly as D1 does (same results, order, snippets), for
 * everything a visitor types: every prefix of the bench's queries, typos, four languages, categories and
 * limits. And it never serves an old copy past its bound: a write through this isolate drops it at once,
 * a write elsewhere is seen within REPLICA_CHECK_MS.
 */
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { QUERIES } from "../../bench/queries.mjs";
import { d1Engine, replicaEngine, searchIndex, type IndexQuery } from "../../worker/platform/index-search";
import { forgetReplica, heldReplica, indexEngine, loadReplica, REPLICA_CHECK_MS, WEBHOOK_HOLD_OFF_MS } from "../../worker/platform/index-replica";
import { buildIndex, callSettled, json, resetAll } from "./support";

const LANGS = "en_US,es_ES,de_DE,ja_JP";
const db = () => env.HJ_INDEX!;

beforeAll(async () => {
  await resetAll();
  await buildIndex({ KB_LANGUAGES: LANGS });
});

/** Every prefix of each query, as typed one character at a time. */
const prefixes = (qs: string[]) => [...new Set(qs.flatMap((q) => [...q.trim()].map((_, i, cs) => cs.slice(0, i + 1).join(""))))];

describe("answers exactly as D1", () => {
  const cases: [string, IndexQuery][] = [];
  for (const q of prefixes(QUERIES.slice(0, 60))) cases.push([q, { lang: "en_US", limit: 10 }]);
  for (const q of ["pasword", "invioce", "subscriptoin", "webhok", "two factr", "reset pasword", "exprot csv"]) cases.push([q, { lang: "en_US", limit: 10 }]);
  for (const q of prefixes(["contraseña", "factura", "Kündigung", "Passwort zurücksetzen", "パスワード", "請求書"]))
    for (const lang of ["es_ES", "de_DE", "ja_JP"]) cases.push([q, { lang, limit: 10 }]);
  for (const q of ["password", "invoice", "account", "a", "the"])
    for (const category of [1, 2, 3, 6, 999]) cases.push([q, { lang: "en_US", category, limit: 5 }]);
  for (const q of ["password", "api", "billing"]) for (const limit of [1, 3, 20]) cases.push([q, { lang: "en_US", limit }]);

  it(`for ${cases.length} searches`, async () => {
    const loaded = await loadReplica(db());
    expect(loaded).not.toBeNull();
    const mem = replicaEngine(loaded!.replica);
    const d1 = d1Engine(db());
    let nonEmpty = 0;
    for (const [q, o] of cases) {
      const [want, got] = await Promise.all([searchIndex(d1, q, o), searchIndex(mem, q, o)]);
      expect(got, `${q} ${JSON.stringify(o)}`).toEqual(want);
      if (want.length) nonEmpty++;
    }
    // The comparison means something only if most searches find articles.
    expect(nonEmpty).toBeGreaterThan(cases.length / 2);
  });
});

describe("freshness", () => {
  beforeEach(() => forgetReplica());
  const noWait = () => {};
  const waits: Promise<unknown>[] = [];
  const collect = (p: Promise<unknown>) => void waits.push(p);
  const settle = async () => {
    await Promise.all(waits.splice(0));
  };

  it("is loaded by the first search in the background and used from the next", async () => {
    const t0 = Date.now();
    const first = await indexEngine(db(), collect, t0);
    expect(heldReplica()).toBeNull();
    await settle();
    expect(heldReplica()?.rows).toBeGreaterThan(0);
    expect(first).not.toBe(await indexEngine(db(), noWait, t0 + 1));
    // A search through the route answers from it, as D1 would.
    const res = await callSettled("/v1/search?q=password", {}, { SEARCH_SOURCE: "index", KB_LANGUAGES: LANGS });
    expect((await json(res)).results.length).toBeGreaterThan(0);
  });

  it("sees a write made by another isolate within REPLICA_CHECK_MS, and drops its copy", async () => {
    await indexEngine(db(), collect, Date.now());
    await settle();
    const t0 = Date.now(); // the copy was checked (loaded) by now
    const held = heldReplica();
    expect(held).not.toBeNull();
    // Written straight to D1, as the sync object elsewhere would: nothing tells this isolate.
    const { id } = (await db().prepare("SELECT article_id AS id FROM docs WHERE lang = 'en_US' LIMIT 1").first<{ id: number }>())!;
    await db().prepare("UPDATE docs SET title = title || ' (edited)' WHERE article_id = ?").bind(id).run();
    try {
      // Within the bound the copy may still answer; past it, the check finds the new mark.
      await indexEngine(db(), noWait, t0 + REPLICA_CHECK_MS - 100);
      expect(heldReplica()).toEqual(held);
      await indexEngine(db(), collect, t0 + REPLICA_CHECK_MS + 1);
      expect(heldReplica()).toBeNull();
      await settle();
      expect(heldReplica()?.version).not.toBe(held!.version);
    } finally {
      await db().prepare("UPDATE docs SET title = replace(title, ' (edited)', '') WHERE article_id = ?").bind(id).run();
    }
  });

  it("is dropped at once by a webhook this isolate receives, which answers from D1 while the announced write lands", async () => {
    await indexEngine(db(), collect, Date.now());
    await settle();
    expect(heldReplica()).not.toBeNull();
    const res = await callSettled(`/v1/webhooks/helpjuice?secret=${env.WEBHOOK_SECRET ?? ""}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: "article_updated", activity_fields: { action: "update", trackable_type: "Question", trackable_id: 1 } }),
    });
    expect(res.status).toBeLessThan(300);
    expect(heldReplica()).toBeNull();
    // No copy is loaded during the hold-off, however many searches come; after it, the next one loads.
    await indexEngine(db(), collect, Date.now() + 1_000);
    await settle();
    expect(heldReplica()).toBeNull();
    await indexEngine(db(), collect, Date.now() + WEBHOOK_HOLD_OFF_MS + 1);
    await settle();
    expect(heldReplica()).not.toBeNull();
  });
});
