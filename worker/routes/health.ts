import type { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { edgeIndex } from "../platform/index/edge-index";
import { heldLanguages } from "../platform/index/replica";
import type { IndexStatus } from "../platform/index/sync";
import { accountProblems, configNotices, configProblems, isLocalHost, type Where } from "../core/config-problems";
import type { MigrationState } from "../core/index/migrations";
import { insightsOn } from "../core/insights/config";
import { readMigrationState } from "../platform/index/migrations";
import type { OutboxStatus } from "../platform/votes/outbox";
import { outboxFor } from "../platform/votes/ledger";
import { askConfig } from "../core/ask/config";
import { askBudget } from "../platform/ask/budget";

export function healthRoutes(app: Hono<AppEnv>) {
  app.get("/v1/health", async (c) => {
    const cfg = c.get("cfg");
    // Advice fits where it runs: a secret goes in .dev.vars under `wrangler dev`, in Cloudflare once deployed.
    const where: Where = isLocalHost(new URL(c.req.url).hostname) ? "local" : "deployed";
    const insights = insightsOn(c.env);
    const problems: string[] = accountProblems(c.env, cfg.baseUrl, where);
    if (!c.env.HJ_CACHE) problems.push("KV binding HJ_CACHE is missing");
    if (!c.env.UPSTREAM_GATE) problems.push("Durable Object binding UPSTREAM_GATE is missing");
    if (!c.env.VOTES) problems.push("Durable Object binding VOTES is missing");
    if (!c.env.HJ_INDEX) problems.push("D1 binding HJ_INDEX is missing (search goes to Helpjuice, one call per query)");
    if (!c.env.INDEX_SYNC) problems.push("Durable Object binding INDEX_SYNC is missing (the edge index cannot sync)");
    if (insights && !c.env.HJ_EVENTS)
      problems.push("Queue binding HJ_EVENTS is missing while insights are on: no event is recorded (add [[queues.producers]], or set INSIGHTS=off)");
    problems.push(...configProblems(c.env, cfg, Boolean(c.env.HJ_INDEX && c.env.INDEX_SYNC)));
    const index = edgeIndex(c.env, cfg);
    const apply = `npx wrangler d1 migrations apply HJ_INDEX ${where === "local" ? "--local" : "--remote"}`;
    type Off = { state: "off" | "pending"; articles: number; languages: string[]; synced_at: null; last_error: string | null };
    let indexStatus: (IndexStatus | Off) & { migrations?: MigrationState } = { state: "off", articles: 0, languages: [], synced_at: null, last_error: null };
    if (index) {
      const migrations = await readMigrationState(index.primary);
      if (migrations.state === "pending") {
        // Between a deploy and its migrations (or before the first apply): Helpjuice answers meanwhile.
        indexStatus = { ...indexStatus, state: "pending", migrations };
        problems.push(`the edge index's schema is not applied (${migrations.pending.length} migrations pending; search asks Helpjuice meanwhile): ${apply}`);
      } else {
        try {
          indexStatus = { ...(await index.sync().status()), migrations };
        } catch {
          indexStatus = { ...indexStatus, migrations, last_error: "the index could not be read" };
          problems.push("the edge index could not be read");
        }
      }
    }
    let votes: OutboxStatus = { pending: 0, oldest_pending_s: null, last_error: null, delivered: 0, dropped: 0, unconfirmed: 0 };
    if (c.env.VOTES) {
      try {
        votes = await outboxFor(c.env.VOTES).outboxStatus();
      } catch {
        votes = { ...votes, last_error: "the vote outbox could not be read" };
      }
    }
    const ask = askConfig(c.env);
    let neuronsToday: number | null = null;
    if (ask.on && c.env.AI && c.env.ASK_BUDGET) {
      try {
        neuronsToday = await askBudget(c.env.ASK_BUDGET).spent();
      } catch {
        /* reported as unknown */
      }
    }
    // Who answers questions now: the model while the day's neurons last, else the extractive answerer.
    const askMode = !ask.on ? "off" : c.env.AI && ask.mode === "auto" && (neuronsToday ?? 0) < ask.dailyNeurons ? "ai" : "extractive";
    const body = {
      status: problems.length ? ("misconfigured" as const) : ("ok" as const),
      upstream: { host: cfg.baseUrl ? new URL(cfg.baseUrl).host : null, api_key: Boolean(c.env.HELPJUICE_API_KEY) },
      identity: Boolean(c.env.USER_TOKEN_SECRET),
      webhooks: Boolean(c.env.WEBHOOK_SECRET),
      cache: { search_ttl: cfg.searchTtl, article_ttl: cfg.articleTtl },
      gate: { limit_per_minute: cfg.rateLimit, reserved_for_sync: cfg.syncReserved },
      search_source: cfg.searchSource,
      // The languages this isolate answers from memory (another isolate may hold others): for the bench and diagnostics.
      index: { ...indexStatus, in_memory: heldLanguages() },
      votes,
      ask: {
        mode: askMode,
        model: c.env.AI ? ask.model : null,
        neurons_today: neuronsToday,
        daily_neurons: ask.dailyNeurons,
        budget_spent: neuronsToday !== null && neuronsToday >= ask.dailyNeurons,
      },
      problems,
      notices: configNotices(c.env, Boolean(c.env.HJ_INDEX && c.env.INDEX_SYNC), where, insights),
    };
    const res = problems.length ? c.json(body, 503) : c.json(body, 200);
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}
