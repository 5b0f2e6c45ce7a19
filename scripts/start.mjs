// `npm start`: build the widget (if the build script exists), then the fake Helpjuice on :8788 and
// `wrangler dev` on :8787 pointed at it. Ctrl-C stops both.
//
// wrangler's output is held back while the stack starts and the insights are seeded (dozens of request
// lines nobody asked for), so the URLs are the last thing printed; from then on it shows as it comes (each
// request's lines). `npm start -- --verbose` shows it all from the start. Were wrangler to fail on the way,
// its output is printed with the error.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { endWithParent } from "../test/harness/procs.mjs";
import { ROOT, startStack } from "../test/harness/stack.mjs";
import { seedInsights } from "./seed-insights.mjs";

const VERBOSE = process.argv.includes("--verbose");
const WORKER_PORT = 8787;
const FAKE_PORT = 8788;

// Ctrl-C, SIGTERM or SIGHUP at any point (building, starting, running) stops wrangler and workerd as a
// process group (test/harness/stack.mjs, with a SIGKILL fallback) and the fake, then exits.
let stack = null;
let starting = null;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping wrangler and the fake Helpjuice …");
  // Still starting: the harness ends what it has started on the same signal, so wait for that.
  const s = stack ?? (await starting?.catch(() => null));
  await s?.stop();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
process.on("SIGHUP", () => shutdown(0));
// SIGTERM to `npm start` reaches npm's `sh -c`, not this process: its parent going away is the sign.
endWithParent();

const buildScript = join(ROOT, "scripts", "build-widget.mjs");
if (existsSync(buildScript)) {
  const r = spawnSync(process.execPath, [buildScript], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("✖ the widget build failed");
    process.exit(r.status ?? 1);
  }
} else {
  console.log("(no scripts/build-widget.mjs yet: starting without building the widget)");
}
spawnSync(process.execPath, [join(ROOT, "scripts", "build-demo.mjs")], { cwd: ROOT, stdio: "inherit" });

// Development only: the in-app demo needs user tokens, so this run shares a throwaway secret with the
// worker and turns on its localhost-only /demo/token route. wrangler.toml never sets either.
const DEV_VARS = {
  USER_TOKEN_SECRET: "dev-only-user-token-secret-not-for-production",
  WEBHOOK_SECRET: "dev-only-webhook-secret",
  DEV_TOKEN_MINTING: "true",
  // The demo's knowledge base is written in four languages; the edge index mirrors them all.
  KB_LANGUAGES: "en_US,es_ES,de_DE,ja_JP",
  // The /insights dashboard's token (a secret in production).
  INSIGHTS_TOKEN: "dev-only-insights-token",
};

console.log(`starting the fake Helpjuice on :${FAKE_PORT} and wrangler dev on :${WORKER_PORT} …`);
try {
  // --test-scheduled: the cron is the index sync's safety net for missed webhooks; locally nothing misses one,
  // so it is run by hand (the banner says how), and wrangler's warning that it does not run by itself is not
  // printed.
  starting = startStack({ fakePort: FAKE_PORT, workerPort: WORKER_PORT, quiet: !VERBOSE, vars: DEV_VARS, args: ["--test-scheduled"] });
  stack = await starting;
} catch (e) {
  if (stopping) await new Promise(() => {}); // a signal came while starting: shutdown() exits
  console.error(`\n✖ ${e.message}`);
  process.exit(1);
}

const w = `http://localhost:${WORKER_PORT}`;
// Some visitor traffic, so /insights is not empty (it reaches the dashboard through the local queue).
await seedInsights(w).catch((e) => console.warn(`(insights were not seeded: ${e.message})`));
// The seed's last lines reach wrangler's output a moment after its last answer: still held back.
await new Promise((r) => setTimeout(r, 500));
console.log(`
  demo            ${w}/   ${w}/app.html   ${w}/api.html
  insights        ${w}/insights  (token: ${DEV_VARS.INSIGHTS_TOKEN})
  search          ${w}/v1/search?q=password
  health          ${w}/v1/health
  fake Helpjuice  http://localhost:${FAKE_PORT}/__fake/log  (what the worker asked upstream; key ${stack.apiKey})
  cron            not run by itself locally; curl ${w}/__scheduled runs the index sync
  ${VERBOSE ? "" : "requests are logged from here on (--verbose: from the start)\n  "}✔ ready. Ctrl-C stops both.
`);
stack.setQuiet(false);

stack.exited.then((how) => {
  if (stopping) return;
  console.error(`\n✖ wrangler dev exited (${how})`);
  shutdown(1);
});
