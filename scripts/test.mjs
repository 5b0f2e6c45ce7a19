// `npm test`: typecheck, build, size budget, the Workers tests, the widget's browser tests in Chromium, Firefox
// and WebKit, then the end-to-end tests of the demo pages in Chromium and Firefox (browser → widget →
// `wrangler dev` → fake Helpjuice). An engine that is not installed is named in one line with what to install,
// and the others run; under CI (CI=true) a missing engine is a failure.
// The Workers tests run alongside the widget's browser tests (both mostly wait: on workerd, on the browsers),
// their output held back and printed once the browser tests are done.
// Every step runs even when an earlier one fails, and the run ends with one "N passed, M failed" line over
// all of them (a failing step that is not a test suite counts as one failure), exit code 1 on any failure.
// Each step runs in a process group of its own; Ctrl-C, SIGTERM or SIGHUP is passed on to it, and whatever
// it started (wrangler and workerd in their own groups too) is SIGKILLed if still there after a grace period.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, statSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import { ENGINE_LABEL, ENGINES, findBrowsers, missingLine } from "./find-browsers.mjs";
import { WRANGLER_TYPES_ARGS } from "./wrangler-types.mjs";
import { descendants, endWithParent, groupAlive, killSnapshot, signalGroup } from "../test/harness/procs.mjs";

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  // vitest.config.ts imports TS without extensions, which Vite bundles fine; its warning is noise.
  VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
};
const bin = (name) => join("node_modules", ".bin", name);
let passed = 0;
let failed = 0;
const failedSteps = [];

/** The steps running now: each its child, and a snapshot of what it has started (kept fresh while it runs). */
const running = new Set();
let interrupted = null;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one step to its end; resolves to its exit status (a number, or 128 + signal number). `logFile`: its
 * output goes there instead of to the terminal.
 */
function run(cmd, args, extraEnv = {}, logFile = null) {
  return new Promise((resolve) => {
    // stdin closed: a step in a group of its own is in the background, and one that reads the terminal (or
    // sets raw mode on it, as web-test-runner does) would be stopped by SIGTTIN/SIGTTOU.
    const log = logFile && openSync(logFile, "w");
    const out = log ?? "inherit";
    const child = spawn(cmd, args, { stdio: ["ignore", out, out], env: { ...env, ...extraEnv }, detached: true });
    if (log) closeSync(log);
    const me = { child, snapshot: { pids: new Set(), pgids: new Set([child.pid]) } };
    running.add(me);
    // What the step has started, refreshed every few seconds, so even a wrangler whose parent died first (and
    // so no longer looks like ours) is found by its process group.
    const refresh = setInterval(() => {
      const s = descendants(child.pid);
      for (const p of s.pids) me.snapshot.pids.add(p);
      for (const g of s.pgids) me.snapshot.pgids.add(g);
    }, 2_000);
    refresh.unref();
    child.once("error", (e) => {
      console.error(`  (could not start ${cmd}: ${e.message})`);
      clearInterval(refresh);
      running.delete(me);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      clearInterval(refresh);
      running.delete(me);
      resolve(code ?? 128 + (constants.signals[signal] ?? 1));
    });
  });
}

async function step(title, cmd, args, extraEnv = {}) {
  if (interrupted) return false;
  console.log(`\n▶ ${title}`);
  return ended(title, await run(cmd, args, extraEnv));
}

function ended(title, status) {
  if (status !== 0) {
    console.error(`✖ ${title} failed${interrupted ? ` (${interrupted})` : ""}`);
    failedSteps.push(title);
  }
  return status === 0;
}

/** A step started in the background, its output held in a file; `done()` prints it and resolves to ok. */
function background(title, cmd, args, extraEnv = {}) {
  const logFile = join(mkdtempSync(join(tmpdir(), "hj-step-")), "output.log");
  console.log(`\n▶ ${title} (alongside the next step; its output follows that one's)`);
  const status = run(cmd, args, extraEnv, logFile);
  return {
    async done() {
      const s = await status;
      console.log(`\n▶ ${title}: output`);
      if (existsSync(logFile)) process.stdout.write(readFileSync(logFile, "utf8"));
      return ended(title, s);
    },
    status,
  };
}

/** Ctrl-C / SIGTERM / SIGHUP: pass it on to the running step, give it 10 s to clean up, then SIGKILL the rest. */
async function stopAll(sig) {
  if (interrupted) return;
  interrupted = sig;
  await Promise.all([...running].map((me) => stopStep(me, sig)));
  console.log(`\n${passed} passed, ${failed + 1} failed`);
  process.exit(128 + (constants.signals[sig] ?? 1));
}
async function stopStep(me, sig) {
  if (me.child.exitCode === null && me.child.signalCode === null) {
    const s = descendants(me.child.pid);
    for (const p of s.pids) me.snapshot.pids.add(p);
    for (const g of s.pgids) me.snapshot.pgids.add(g);
    signalGroup(me.child.pid, sig);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && me.child.exitCode === null && me.child.signalCode === null) await sleep(100);
  }
  // What the step's own cleanup did not end: its groups (wrangler's, workerd's, the browsers') and processes.
  for (let i = 0; i < 30 && [...me.snapshot.pgids].some((g) => groupAlive(g)); i++) await sleep(100);
  killSnapshot(me.snapshot);
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => void stopAll(sig));
// SIGTERM to `npm test` reaches npm's `sh -c`, not this process: its parent going away is the sign.
endWithParent();

const { found, missing } = findBrowsers();
const engines = ENGINES.filter((e) => found[e]);
const e2eEngines = engines.filter((e) => e !== "webkit");
if (missing.length) console.error(`${process.env.CI === "true" ? "✖" : "⚠"} ${missingLine(missing)}`);
if (!engines.length) process.exit(1);
if (process.env.CI === "true" && missing.length) {
  failed += missing.length;
  failedSteps.push(`engines installed (${missing.map((m) => ENGINE_LABEL[m.engine]).join(", ")} missing)`);
}
const label = (list) => list.map((e) => ENGINE_LABEL[e]).join(", ");
// The engines' paths, so every step uses the same ones.
const browserEnv = {
  ...(found.chromium && { CHROME_PATH: found.chromium }),
  ...(found.firefox && { FIREFOX_PATH: found.firefox }),
  ...(found.webkit && { WEBKIT_DRIVER_PATH: found.webkit.driver, WEBKIT_MINIBROWSER_PATH: found.webkit.minibrowser }),
};
const ran = [];

// The Env type comes from wrangler.toml through `wrangler types`; a stale file would let them drift apart.
if (!(await step("binding types current (wrangler types --check)", bin("wrangler"), [...WRANGLER_TYPES_ARGS, "--check"]))) failed++;
if (!(await step("typecheck (worker)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]))) failed++;
// No import circles, and core/ free of I/O and the runtime (scripts/check-imports.mjs).
if (!(await step("imports (no circles, core/ pure)", process.execPath, ["scripts/check-imports.mjs"]))) failed++;
if (existsSync("widget/tsconfig.json") && !(await step("typecheck (widget)", bin("tsc"), ["-p", "widget/tsconfig.json", "--noEmit"]))) failed++;
// Handed to the suites when the build step succeeded, so they do not build again (else they try themselves).
let built = {};
if (existsSync("scripts/build-widget.mjs")) {
  if (await step("build the widget", process.execPath, ["scripts/build-widget.mjs"])) built = { HJ_WIDGET_BUILT: "1" };
  else failed++;
}
if (existsSync("scripts/check-size.mjs") && !(await step("size budget", process.execPath, ["scripts/check-size.mjs"]))) failed++;

// The Workers tests, in the background while the browser tests run. Their config writes the insights page and
// openapi.json into dist/public as it loads; the browser tests' `wrangler dev`s (which reload on a change
// there) start once it has.
const vitestOut = join(mkdtempSync(join(tmpdir(), "hj-test-")), "vitest.json");
const openapi = join("dist", "public", "openapi.json");
const vitestStarted = Date.now() - 1000;
const vitest = interrupted
  ? null
  : background("Workers tests (workerd)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestOut}`]);
if (vitest) {
  const configLoaded = () => existsSync(openapi) && statSync(openapi).mtimeMs >= vitestStarted;
  let exited = false;
  vitest.status.then(() => (exited = true));
  for (let i = 0; i < 600 && !configLoaded() && !exited && !interrupted; i++) await sleep(100);
}

/** Reads a runner's JSON report and hands it to `add`; false when there is none or it is half written. */
function countFrom(file, add) {
  if (!existsSync(file)) return false;
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return false;
  }
  add(report);
  return true;
}

if (existsSync("web-test-runner.config.mjs") && !interrupted) {
  const counts = join(tmpdir(), `hj-wtr-${process.pid}.json`);
  const ok = await step(`browser tests (${label(engines)})`, bin("web-test-runner"), [], {
    ...browserEnv,
    HJ_ENGINES: engines.join(","),
    HJ_WTR_COUNTS: counts,
    ...built,
  });
  const counted = countFrom(counts, (c) => {
    passed += c.passed;
    failed += c.failed;
    const per = Object.entries(c.engines ?? {});
    console.log(`  browser tests: ${per.map(([name, n]) => `${name} ${n.passed} passed${n.failed ? `, ${n.failed} failed` : ""}`).join("; ")}`);
    ran.push(`widget in ${per.map(([name]) => name).join(", ")}`);
    if (!ok && c.failed === 0) failed++;
  });
  if (!counted && !interrupted) failed++;
}

if (vitest) {
  const ok = await vitest.done();
  const counted = countFrom(vitestOut, (v) => {
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    // A file that failed to load has no tests: vitest says so in the run's success flag only.
    if (!ok && v.numFailedTests === 0) failed++;
  });
  if (!counted && !interrupted) failed++;
}

// Run last; the node test runner's TAP totals.
if (!interrupted) {
  const tap = join(mkdtempSync(join(tmpdir(), "hj-e2e-")), "e2e.tap");
  const ok = await step(
    `end-to-end tests (demo pages in ${label(e2eEngines)}, process cleanup)`,
    process.execPath,
    ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${tap}`, "test/e2e/*.test.mjs"],
    { ...browserEnv, HJ_ENGINES: e2eEngines.join(","), ...built },
  );
  if (e2eEngines.length) ran.push(`end to end in ${label(e2eEngines)}`);
  const text = existsSync(tap) ? readFileSync(tap, "utf8") : "";
  // The totals are the last such lines; a test's own output could print one earlier.
  const count = (k) => Number([...text.matchAll(new RegExp(`^# ${k} (\\d+)$`, "gm"))].at(-1)?.[1] ?? 0);
  passed += count("pass");
  const bad = count("fail") + count("cancelled");
  failed += bad || (ok ? 0 : 1);
}

if (interrupted) await new Promise(() => {}); // stopAll() prints the total and exits
if (failedSteps.length) console.error(`\n✖ failed: ${failedSteps.join(", ")}`);
console.log(`\nengines: ${ran.join("; ") || "none"}${missing.length ? ` (not installed: ${missing.map((m) => ENGINE_LABEL[m.engine]).join(", ")})` : ""}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
