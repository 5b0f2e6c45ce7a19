// The config `wrangler dev` runs from under `npm start`, `npm run dev`, the tests and the bench: wrangler.toml
// serving dist/public (the demo's build) instead of dist/site (what deploys), and without its [build] table;
// written beside it (so every relative path in it still points where it did) as wrangler.dev.toml, which git
// ignores.
//
// Why another assets directory: a deploy, or its optional dry run, rebuilds dist/site from scratch; were that
// the directory a running demo serves, `/` and `/hj-search.js` would answer 500 until a restart. Why no
// [build]: these runs build dist/public themselves first, and the tests start several `wrangler dev`s at once,
// whose builds of dist/site would race on a fresh clone. (wrangler 4.86 also ran a [build] a second time at
// start, cloudflare/workers-sdk#7934; 4.164 runs it once, so that reason is gone.)
//
//   node test/harness/dev-config.mjs      (npm run dev) writes it and prints its path
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEV_CONFIG = join(ROOT, "wrangler.dev.toml");

/**
 * wrangler.toml's text without the [build] table (its header to the next table header or the end), and with
 * [assets] serving dist/public.
 */
export function devToml(toml) {
  const out = [];
  let table = "";
  for (const line of toml.split("\n")) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) table = header[1];
    if (table === "build") continue;
    out.push(table === "assets" && /^\s*directory\s*=/.test(line) ? 'directory = "./dist/public"' : line);
  }
  return out.join("\n");
}

/** Every [[ratelimits]] table's limit set to `limit` (its period kept). */
export function withClientLimit(toml, limit) {
  return toml.replace(/^(simple\s*=\s*\{\s*limit\s*=\s*)\d+/gm, `$1${limit}`);
}

/**
 * Writes wrangler.dev.toml when its text would change (only then: a running wrangler dev watches its config).
 * `clientLimit` writes wrangler.dev-limit-<n>.toml instead, whose per-client limits ([[ratelimits]]) are all
 * `n`: the widget's tests run every request from one browser, which `wrangler dev` may not present as a
 * loopback address, and the limits are the worker's own suites' business.
 */
export function devConfig({ clientLimit } = {}) {
  let toml = devToml(readFileSync(join(ROOT, "wrangler.toml"), "utf8"));
  if (clientLimit) toml = withClientLimit(toml, clientLimit);
  const text =
    "# Generated from wrangler.toml by test/harness/dev-config.mjs for `wrangler dev`: the same, serving\n# dist/public, without [build].\n" +
    "# Edit wrangler.toml, not this file.\n" +
    toml;
  const path = clientLimit ? join(ROOT, `wrangler.dev-limit-${clientLimit}.toml`) : DEV_CONFIG;
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) {
    // Whole or not at all: another stack starting at the same moment may be reading it.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  }
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(devConfig());
