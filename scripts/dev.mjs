// `npm run dev [-- wrangler dev's arguments]`: the worker against your own account (.dev.vars), on
// http://localhost:8787. The widget is built into an emptied dist/public with a small front page of its own
// (scripts/dev-page.html) and none of the demo's pages, which are written for the fake Helpjuice and cast
// votes; then `wrangler dev` runs from wrangler.dev.toml (test/harness/dev-config.mjs: dist/public, no [build]).
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { devConfig } from "../test/harness/dev-config.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const built = spawnSync(process.execPath, [join(ROOT, "scripts", "build-widget.mjs"), "--clean"], { cwd: ROOT, stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);
copyFileSync(join(ROOT, "scripts", "dev-page.html"), join(ROOT, "dist", "public", "index.html"));

const child = spawn(join(ROOT, "node_modules", ".bin", "wrangler"), ["dev", "-c", devConfig(), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  env: {
    ...process.env,
    // Offline runs stay quiet: no "Unable to fetch the Request.cf object" (a stand-in is used), no metrics.
    CLOUDFLARE_CF_FETCH_ENABLED: process.env.CLOUDFLARE_CF_FETCH_ENABLED ?? "false",
    WRANGLER_SEND_METRICS: process.env.WRANGLER_SEND_METRICS ?? "false",
  },
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
