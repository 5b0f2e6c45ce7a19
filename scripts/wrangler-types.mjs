// `npm run types`: worker/worker-configuration.d.ts from wrangler.toml (bindings and [vars] as strings, no
// runtime types: @cloudflare/workers-types provides those). `npm test` runs the same with --check.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const WRANGLER_TYPES_ARGS = [
  "types",
  "worker/worker-configuration.d.ts",
  "--include-runtime=false",
  "--strict-vars=false",
  "--env-interface",
  "WranglerEnv",
];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(import.meta.url), "..", "..");
  const r = spawnSync(join(root, "node_modules", ".bin", "wrangler"), WRANGLER_TYPES_ARGS, { cwd: root, stdio: "inherit" });
  process.exit(r.status ?? 1);
}
