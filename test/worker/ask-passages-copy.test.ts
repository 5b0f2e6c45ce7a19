/**
 * Ask's passages from the isolate's copy (platform/index/replica.ts, held beside the search copy) are the
 * passages D1 gives: the same rows in the same order, the same shares, the same sources, for the how-to set
 * and more (categories, three languages, questions that find nothing), so the copy only takes the round trip
 * away. And the copy is as fresh as the search copy: an article unpublished by a webhook leaves it at once.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { retrieve } from "../../worker/platform/ask/passages";
import { currentPassages, indexEngine, loadReplica, resetReplica } from "../../worker/platform/index/replica";
import { HOW_TO } from "./ask-howto";
import { articleWebhook, buildIndex, drainSync, fakeControl, resetAll } from "./support";

const LANGS = "en_US,es_ES,de_DE";
const db = () => env.HJ_INDEX!;

beforeAll(async () => {
  await resetAll();
  await buildIndex({ KB_LANGUAGES: LANGS });
});

describe("passages from the copy", () => {
  const cases: { question: string; lang: string; category?: number }[] = [
    ...HOW_TO.map(({ question, lang }) => ({ question, lang })),
    ...["How do I export my data?", "invoice", "password reset email never arrived", "API rate limits", "the"].flatMap((question) =>
      [1, 2, 3, 999].map((category) => ({ question, lang: "en_US", category })),
    ),
    { question: "Wie setze ich mein Passwort zurück?", lang: "de_DE" },
    { question: "Rechnung herunterladen", lang: "de_DE" },
    { question: "zzzz qqqq", lang: "en_US" },
  ];

  it(`equal D1's for ${cases.length} questions`, async () => {
    const copies = new Map<string, Awaited<ReturnType<typeof loadReplica>>>();
    let found = 0;
    for (const c of cases) {
      if (!copies.has(c.lang)) copies.set(c.lang, await loadReplica(db(), c.lang));
      const loaded = copies.get(c.lang)!;
      if (!("passages" in loaded) || !loaded.passages) throw new Error(`no passages held for ${c.lang}`);
      const want = await retrieve(db(), c.question, c.lang, c.category, 1);
      const got = await retrieve(db(), c.question, c.lang, c.category, 1, loaded.passages);
      expect(got, `${c.question} ${c.lang} ${c.category ?? ""}`).toEqual(want);
      if (want.passages.length) found++;
    }
    // Meaningful only if most questions find passages.
    expect(found).toBeGreaterThan(cases.length / 2);
  });

  it("leaves an article unpublished by a webhook at once, as the search copy does", async () => {
    resetReplica();
    // A search's engine loads the copy in the background; the passages come with it.
    const pending: Promise<unknown>[] = [];
    await indexEngine(db(), db(), (p) => void pending.push(p), "en_US");
    await Promise.all(pending);
    const copy = currentPassages("en_US");
    expect(copy).not.toBeNull();
    const question = "How do I reset my password?";
    expect((await retrieve(db(), question, "en_US", undefined, 1, copy)).passages.map((p) => p.source.id)).toContain(12);
    // Article 12 unpublished: the webhook drops this isolate's copy, passages and all, at once.
    const res = await fakeControl("/articles/12", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ published: false }) });
    expect(res.ok).toBe(true);
    await articleWebhook(12);
    await drainSync();
    expect(currentPassages("en_US")).toBeNull();
    // Loaded again, the copy no longer holds it, and D1 agrees.
    const reloaded = await loadReplica(db(), "en_US");
    if (!("passages" in reloaded) || !reloaded.passages) throw new Error("no passages after the reload");
    const after = await retrieve(db(), question, "en_US", undefined, 2, reloaded.passages);
    expect(after.passages.map((p) => p.source.id)).not.toContain(12);
    expect(after).toEqual(await retrieve(db(), question, "en_US", undefined, 2));
  });
});
