/**
 * `env` from cloudflare:test is wrangler.toml's environment (worker/worker-configuration.d.ts) plus what
 * vitest.config.ts adds: the secrets and vars of test/worker/vars.ts, and the migrations to apply.
 */
import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      HELPJUICE_API_KEY?: string;
      USER_TOKEN_SECRET?: string;
      WEBHOOK_SECRET?: string;
      INSIGHTS_TOKEN?: string;
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
