import { createApp } from "./app";
import { configOf } from "./core/config";
import type { Env } from "./env";
import { edgeIndex } from "./platform/index/edge-index";
import { consumeInsights, insightsRetention } from "./platform/insights/queue";
import { hotAnswer } from "./hot-answer";

export { UpstreamGate } from "./platform/upstream/gate";
export { VoteLedger } from "./platform/votes/ledger";
export { IndexSync } from "./platform/index/sync";
export { AskBudget } from "./platform/ask/budget";

const app = createApp();

export default {
  // A remembered anonymous answer, or a search the isolate's copy of the index answers, skips the router
  // and middleware (hot-answer.ts); the rest, the app.
  fetch: (req, env, ctx) => {
    const hot = hotAnswer(req, env, ctx);
    if (hot === null) return app.fetch(req, env, ctx);
    return hot instanceof Response ? hot : hot.then((res) => res ?? app.fetch(req, env, ctx), () => app.fetch(req, env, ctx));
  },
  /** The Cron Trigger (every 5 minutes): the index sync catches what webhooks missed. */
  async scheduled(_controller, env, ctx) {
    const cfg = configOf(env);
    const index = edgeIndex(env, cfg);
    if (index) ctx.waitUntil(index.sync().tick(cfg));
    // The same cron enforces INSIGHTS_RETENTION_DAYS.
    ctx.waitUntil(insightsRetention(env));
  },
  /** The insights queue (HJ_EVENTS): daily aggregates to D1, in batches. */
  async queue(batch, env) {
    await consumeInsights(batch, env);
  },
} satisfies ExportedHandler<Env>;
