/**
 * The text the edge index stores for snippets: block boundaries visible, and rows written with an older
 * text version rewritten by the next full pass even when the article itself did not change.
 */
import { env, runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { INDEX_TEXT_VERSION } from "../../worker/core/index/row";
import { TEXT_VERSION_KEY } from "../../worker/platform/index/store";
import { buildIndex, configWith, drainSync, indexSync, resetAll } from "./support";

const INDEX = { SEARCH_SOURCE: "index" } as const;
/** Article 16 of the fake's seed has a table (Line · Meaning). */
const TABLE_ARTICLE = 16;

beforeEach(async () => {
  await resetAll();
  await buildIndex();
});

const body = async () =>
  (await env.HJ_INDEX!.prepare("SELECT body FROM docs WHERE article_id = ? AND lang = 'en_US'").bind(TABLE_ARTICLE).first<string>("body"))!;
const version = () => env.HJ_INDEX!.prepare("SELECT value FROM sync_meta WHERE key = ?").bind(TEXT_VERSION_KEY).first<string>("value");

/** A full pass, as the cron starts one when six hours have gone by, run to the end. */
async function fullPass() {
  await runInDurableObject(indexSync(), async (instance) => {
    (instance as unknown as { s: { lastFullAt: number | null } }).s.lastFullAt = 0;
  });
  await indexSync().tick(configWith(INDEX));
  expect(await drainSync()).toBe(true);
}

describe("the index's text version", () => {
  it("a build stores separated text and records its version", async () => {
    expect(await body()).toContain("Proration · Seats added or removed during the previous period. Credit · Refunds");
    expect(await version()).toBe(String(INDEX_TEXT_VERSION));
  });

  it("a full pass leaves an unchanged row alone while the version is current", async () => {
    await env.HJ_INDEX!.prepare("UPDATE docs SET body = 'as stored' WHERE article_id = ?").bind(TABLE_ARTICLE).run();
    await fullPass();
    expect(await body()).toBe("as stored");
  });

  it("rows written before the version (no marker) are rewritten by the next full pass, then left alone", async () => {
    const glued = "Line Meaning Subscription Seats at the start of the period";
    await env.HJ_INDEX!.batch([
      env.HJ_INDEX!.prepare("UPDATE docs SET body = ? WHERE article_id = ?").bind(glued, TABLE_ARTICLE),
      env.HJ_INDEX!.prepare("DELETE FROM sync_meta WHERE key = ?").bind(TEXT_VERSION_KEY),
    ]);
    await fullPass();
    expect(await body()).toContain("Line · Meaning. Subscription · Seats at the start of the period");
    expect(await version()).toBe(String(INDEX_TEXT_VERSION));
  });

  it("a pass started before this version existed does not record it (its first pages may hold old text)", async () => {
    await env.HJ_INDEX!.batch([
      env.HJ_INDEX!.prepare("UPDATE docs SET body = 'old' WHERE article_id = ?").bind(TABLE_ARTICLE),
      env.HJ_INDEX!.prepare("DELETE FROM sync_meta WHERE key = ?").bind(TEXT_VERSION_KEY),
    ]);
    await runInDurableObject(indexSync(), async (instance) => {
      const s = (instance as unknown as { s: { lastFullAt: number | null; textPass: unknown } }).s;
      s.lastFullAt = 0;
    });
    await indexSync().tick(configWith(INDEX));
    // As an older deploy left it: a pass under way with no record of the version it started under.
    await runInDurableObject(indexSync(), async (instance) => {
      (instance as unknown as { s: { textPass: unknown } }).s.textPass = null;
    });
    expect(await drainSync()).toBe(true);
    expect(await body()).not.toBe("old");
    expect(await version()).toBeNull();
  });
});
