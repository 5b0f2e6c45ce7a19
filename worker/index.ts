import { createApp } from "./app";
import { parseConfig } from "./core/config";
import type { Env } from "./env";
import { edgeIndex } from "./platform/edge-index";

export { UpstreamGate } from "./platform/gate";
export { VoteLedger } from "./platform/votes";
export { IndexSync } from "./platform/index-sync";

const app = createApp();

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
  /** The Cron Trigger (every 5 minutes): the index sync catches what webhooks missed. */
  async scheduled(_controller, env, ctx) {
    const cfg = parseConfig(env);
    const index = edgeIndex(env, cfg);
    if (index) ctx.waitUntil(index.sync().tick(cfg));
  },
} satisfies ExportedHandler<Env>;
