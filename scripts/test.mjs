// `npm test`: typecheck, build, size budget, the Workers tests, the widget's browser tests in Chromium,
// then the end-to-end tests of the demo pages (Chromium → widget → `wrangler dev` → fake Helpjuice).
// Stops at the first failing step and ends with one "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChrome, INSTALL_HINT } from "./find-chrome.mjs";

const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  // vitest.config.ts imports TS without extensions, which Vite bundles fine; its warning is noise.
  VITE_CONFIG_NATIVE_IGNORE_WARNING: "true",
};
const bin = (name) => join("node_modules", ".bin", name);
// Handed to the suites after the build step (which stops the run if it fails), so they do not build again.
const built = existsSync("scripts/build-widget.mjs") ? { HJ_WIDGET_BUILT: "1" } : {};
let passed = 0;
let failed = 0;

function step(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed`);
    console.log(`\n${passed} passed, ${failed + 1} failed`);
    process.exit(r.status ?? 1);
  }
}

const chrome = findChrome();
if (!chrome) {
  console.error(INSTALL_HINT);
  process.exit(1);
}

step("typecheck (worker)", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
if (existsSync("widget/tsconfig.json")) step("typecheck (widget)", bin("tsc"), ["-p", "widget/tsconfig.json", "--noEmit"]);
if (existsSync("scripts/build-widget.mjs")) step("build the widget", process.execPath, ["scripts/build-widget.mjs"]);
if (existsSync("scripts/check-size.mjs")) step("size budget", process.execPath, ["scripts/check-size.mjs"]);

const out = join(mkdtempSync(join(tmpdir(), "hj-test-")), "vitest.json");
step("Workers tests (workerd)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
const vitest = JSON.parse(readFileSync(out, "utf8"));
passed += vitest.numPassedTests;
failed += vitest.numFailedTests;

if (existsSync("web-test-runner.config.mjs")) {
  const counts = join(tmpdir(), `hj-wtr-${process.pid}.json`);
  step("browser tests (Chromium)", bin("web-test-runner"), [], { CHROME_PATH: chrome, HJ_WTR_COUNTS: counts, ...built });
  if (existsSync(counts)) {
    const c = JSON.parse(readFileSync(counts, "utf8"));
    passed += c.passed;
    failed += c.failed;
  }
}

// Run last and counted even when they fail, so the summary says how many did.
{
  const tap = join(mkdtempSync(join(tmpdir(), "hj-e2e-")), "e2e.tap");
  console.log("\n▶ end-to-end tests (demo pages)");
  const r = spawnSync(
    process.execPath,
    ["--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${tap}`, "test/e2e/"],
    { stdio: "inherit", env: { ...env, CHROME_PATH: chrome, ...built } },
  );
  const text = existsSync(tap) ? readFileSync(tap, "utf8") : "";
  // The totals are the last such lines; a test's own output could print one earlier.
  const count = (k) => Number([...text.matchAll(new RegExp(`^# ${k} (\\d+)$`, "gm"))].at(-1)?.[1] ?? 0);
  passed += count("pass");
  failed += count("fail") + count("cancelled") || (r.status === 0 ? 0 : 1);
  if (r.status !== 0) console.error("✖ end-to-end tests failed");
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
