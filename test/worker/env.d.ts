/** `env` from cloudflare:test is the worker's own Env (bindings from wrangler.toml, vars from vitest.config.ts). */
import type { Env as WorkerEnv } from "../../worker/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
