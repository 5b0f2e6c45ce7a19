// The config `wrangler dev` runs from: wrangler.toml without its [build] table, written beside it (so every
// relative path in it still points where it did) as wrangler.dev.toml, which git ignores.
//
// Why: wrangler (4.86) runs a [build] command once to find the entry, then again as soon as its watcher of
// `watch_dir` has scanned the folder, logging "The file widget changed, restarting build..." although no
// file changed (the watched folder's name stands in for a file; cloudflare/workers-sdk#7934). That second
// build re-bundles the worker and reloads workerd, and a reload that races the first start can leave the new
// workerd without its port ("Address already in use"). Under `wrangler dev` our [build] does nothing anyway
// (scripts/build-widget.mjs leaves dist/public as `npm start` built it), so dev simply goes without it;
// `wrangler deploy` still reads wrangler.toml and builds. Without a custom build wrangler bundles the worker
// itself and reloads on a change to the worker's own sources.
//
//   node test/harness/dev-config.mjs      (npm run dev) writes it and prints its path
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEV_CONFIG = join(ROOT, "wrangler.dev.toml");

/** wrangler.toml's text without the [build] table (its header to the next table header or the end). */
export function withoutBuild(toml) {
  const out = [];
  let inBuild = false;
  for (const line of toml.split("\n")) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) inBuild = header[1] === "build";
    if (!inBuild) out.push(line);
  }
  return out.join("\n");
}

/** Writes wrangler.dev.toml when its text would change (only then: a running wrangler dev watches its config). */
export function devConfig() {
  const text =
    "# Generated from wrangler.toml by test/harness/dev-config.mjs for `wrangler dev`: the same, without [build].\n" +
    "# Edit wrangler.toml, not this file.\n" +
    withoutBuild(readFileSync(join(ROOT, "wrangler.toml"), "utf8"));
  if (!existsSync(DEV_CONFIG) || readFileSync(DEV_CONFIG, "utf8") !== text) {
    // Whole or not at all: another stack starting at the same moment may be reading it.
    const tmp = `${DEV_CONFIG}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, DEV_CONFIG);
  }
  return DEV_CONFIG;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(devConfig());
