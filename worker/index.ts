import { createApp } from "./app";
import type { Env } from "./env";

export { UpstreamGate } from "./platform/gate";

const app = createApp();

export default {
  fetch: (req, env, ctx) => app.fetch(req, env, ctx),
} satisfies ExportedHandler<Env>;
