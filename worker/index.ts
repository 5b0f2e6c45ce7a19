import { createApp } from "./app";
import type { Env } from "./env";

export { UpstreamGate } from "./platform/gate";
export { VoteLedger } from "./platform/votes";

const app = createApp();

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
} satisfies ExportedHandler<Env>;
