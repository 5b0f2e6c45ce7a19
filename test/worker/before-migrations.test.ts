/**
 * The seconds between `wrangler deploy` and `wrangler d1 migrations apply` (scripts/deploy.mjs runs them in
 * that order; a deploy button's run may be slower): a fresh D1 database with no tables at all. The worker must
 * stay correct meanwhile: health names the pending migrations, Helpjuice answers search, and nothing is a 500.
 */
import { applyD1Migrations, createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../worker/core/index/migrations";
import worker from "../../worker/index";
import type { Env } from "../../worker/env";
import { APP_ORIGIN, callSettled, json, resetAll, TEST_VARS } from "./support";
import { PUBLIC } from "./seed-facts";

const INDEX = { SEARCH_SOURCE: "index" } as const;
const migrations = (env as unknown as { TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] }).TEST_MIGRATIONS;

async function dropEverything(): Promise<void> {
  const tables = (
    await env.HJ_INDEX!.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'").all<{
      name: string;
    }>()
  ).results.map((r) => r.name);
  // Virtual tables first: their shadow tables go with them.
  const order = [...tables.filter((t) => t.endsWith("_fts")), ...tables.filter((t) => !t.endsWith("_fts"))];
  for (const t of order) await env.HJ_INDEX!.prepare(`DROP TABLE IF EXISTS "${t}"`).run().catch(() => {});
}

beforeAll(async () => {
  await resetAll();
  await dropEverything();
});
afterAll(async () => {
  await dropEverything();
  await applyD1Migrations(env.HJ_INDEX!, migrations);
});

describe("a deployed worker whose migrations are not applied yet", () => {
  it("knows every migration in migrations/ (the list health compares with)", () => {
    expect([...MIGRATIONS]).toEqual(migrations.map((m) => m.name));
  });

  it("health reports the index as pending and names the migrations, with the command that applies them", async () => {
    const res = await callSettled("https://hj.example.com/v1/health", {}, INDEX);
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.index.state).toBe("pending");
    expect(body.index.migrations).toEqual({ state: "pending", pending: [...MIGRATIONS] });
    expect(body.problems.join("\n")).toMatch(/schema is not applied .*npx wrangler d1 migrations apply HJ_INDEX --remote/);
  });

  it("searches are answered by Helpjuice meanwhile", async () => {
    const res = await callSettled("/v1/search?q=password", {}, INDEX);
    expect(res.status).toBe(200);
    expect((await json(res)).results.length).toBeGreaterThan(0);
  });

  it("no route answers 500: articles, popular, votes, the beacon, Ask, insights, webhooks", async () => {
    const statuses: Record<string, number> = {};
    const ask = async (path: string, init: RequestInit = {}) => (statuses[`${init.method ?? "GET"} ${path}`] = (await callSettled(path, init, INDEX)).status);
    await ask(`/v1/articles/${PUBLIC[0].id}`);
    await ask("/v1/popular");
    await ask(`/v1/articles/${PUBLIC[0].id}/vote`, {
      method: "POST",
      headers: { Origin: APP_ORIGIN, "Content-Type": "application/json", "X-HJ-Visitor": "3f2b9c1e-7a4d-4e8f-9b6a-0c1d2e3f4a5b" },
      body: JSON.stringify({ vote: "up" }),
    });
    await ask("/v1/events", { method: "POST", headers: { Origin: APP_ORIGIN, "Content-Type": "text/plain" }, body: JSON.stringify({ kind: "contact", q: "x" }) });
    await ask("/v1/ask", { method: "POST", headers: { Origin: APP_ORIGIN, "Content-Type": "application/json" }, body: JSON.stringify({ question: "How do I reset my password?" }) });
    await ask("/v1/insights", { headers: { Authorization: `Bearer ${TEST_VARS.INSIGHTS_TOKEN}` } });
    await ask(`/v1/webhooks/helpjuice?secret=${encodeURIComponent(TEST_VARS.WEBHOOK_SECRET)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: PUBLIC[0].id } }),
    });
    expect(Object.entries(statuses).filter(([, s]) => s >= 500 && s !== 503)).toEqual([]);
    expect(statuses[`GET /v1/articles/${PUBLIC[0].id}`]).toBe(200);
  });

  it("the cron runs without throwing", async () => {
    const ctx = createExecutionContext();
    await worker.scheduled!({ cron: "*/5 * * * *", scheduledTime: Date.now(), type: "scheduled", noRetry() {} } as ScheduledController, { ...env, ...INDEX } as Env, ctx);
    await waitOnExecutionContext(ctx);
  });
});
