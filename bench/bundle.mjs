// The worker's deployable bundle (issue #11: ≤ 64 kB gz): `wrangler deploy --dry-run --outdir <tmp>`, the deploy
// itself with no extra flag (wrangler.toml's `minify = true` minifies what ships), which first runs wrangler.toml's
// [build] command (the widget into dist/site, what deploys: emptied and rebuilt, demo pages left out) and then bundles the
// worker without uploading anything. The figure is the
// outdir's modules (.js/.mjs/.cjs/.wasm; the source map and README left out) compressed with gzip -9, each
// file on its own (test/harness/gzip.mjs); wrangler's own "Total Upload: … / gzip: …" line is kept beside it.
// The largest inputs come from a second dry run with --metafile, used only when its modules are the same bytes.
// On its own: `npm exec node bench/bundle.mjs` (wrangler needs Node ≥ 22.12; it rewrites dist/site, as a deploy would; a running demo serves dist/public and does not notice).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fileSize } from "../test/harness/gzip.mjs";
import { runWrangler } from "../test/harness/wrangler.mjs";
import { check, kB } from "./format.mjs";
import { round } from "./lib.mjs";

export const BUNDLE_ARGS = ["deploy", "--dry-run", "--outdir"];

/** @param {{config?: string}} [o] another wrangler.toml than the repository's (a test of this script only) */
export async function workerBundle({ config } = {}) {
  const out = mkdtempSync(join(os.tmpdir(), "hj-bench-bundle-"));
  const metaOut = mkdtempSync(join(os.tmpdir(), "hj-bench-bundle-meta-"));
  try {
    const cfg = config ? ["-c", config] : [];
    const r = await runWrangler([...BUNDLE_ARGS, out, ...cfg], { timeoutMs: 180_000, env: { CI: "true" } });
    if (r.code !== 0) throw new Error(`wrangler deploy --dry-run exited ${r.timedOut ? "(timed out)" : r.code}:\n${r.output.trim().slice(-4000)}`);
    const modules = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => /\.(m?js|cjs|wasm)$/.test(f))
      .sort();
    if (!modules.length) throw new Error(`wrangler deploy --dry-run left no module in its outdir:\n${r.output.trim().slice(-2000)}`);
    const files = modules.map((name) => ({ name, ...fileSize(join(out, name)) }));
    const meta = join(metaOut, "meta.json");
    const m = await runWrangler([...BUNDLE_ARGS, join(metaOut, "out"), "--metafile", meta, ...cfg], { timeoutMs: 180_000, env: { CI: "true" } });
    const same = m.code === 0 && modules.every((f) => existsSync(join(metaOut, "out", f)) && readFileSync(join(out, f)).equals(readFileSync(join(metaOut, "out", f))));
    const lines = r.output.split("\n").map((l) => l.trim());
    const upload = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(r.output);
    return {
      command: `wrangler ${BUNDLE_ARGS.join(" ")} <tmp>`,
      rawBytes: files.reduce((n, f) => n + f.rawBytes, 0),
      gzipBytes: files.reduce((n, f) => n + f.gzipBytes, 0),
      compression: "gzip -9 per module of the outdir, summed (test/harness/gzip.mjs)",
      files,
      wranglerTotalUpload: upload ? { kib: Number(upload[1]), gzipKib: Number(upload[2]), line: upload[0] } : null,
      // What the [build] command and wrangler said about the build (the widget's line, wrangler's custom build line).
      buildOutput: lines.map((l) => l.replace(/^\[custom build\]\s*/, "")).filter((l) => /^Running:|^widget:/.test(l)),
      // Where the minified bytes come from (esbuild's metafile, bytes in the output before gzip): packages and
      // the worker's own code, largest first.
      largestInputs: same ? largestInputs(meta) : null,
      seconds: round(r.ms / 1000, 1),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(metaOut, { recursive: true, force: true });
  }
}

function largestInputs(metaPath) {
  let meta;
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8"));
  } catch {
    return null;
  }
  const by = new Map();
  for (const o of Object.values(meta.outputs ?? {}))
    for (const [path, { bytesInOutput }] of Object.entries(o.inputs ?? {})) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const own = /(?:^|\/)(worker\/[^/]+)/.exec(path); // the worker's own code, by folder (worker/core, …)
      const key = m ? m[1] : own ? own[1] : path;
      by.set(key, (by.get(key) ?? 0) + bytesInOutput);
    }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([input, bytes]) => ({ input, bytes }));
}

const BUDGETS = { workerGzipBytes: 64_000 };

// Issue #11: the deployable worker, as `wrangler deploy` would build it (its [build] rebuilds dist/site with
// the widget alone; no stack serves dist/site).
export const phase = {
  name: "bundle",
  budgets: BUDGETS,
  async run({ result, log }) {
    log("2/9 the worker's deployable bundle: wrangler deploy --dry-run …");
    const wb = (result.workerBundle = await workerBundle());
    log(`  ${wb.rawBytes} B raw, ${wb.gzipBytes} B gzip -9 (${wb.files.map((f) => f.name).join(", ")}); wrangler: ${wb.wranglerTotalUpload?.line ?? "no Total Upload line"}; build: ${wb.buildOutput.join(" / ")}`);
    if (wb.largestInputs) log(`  largest inputs (minified bytes): ${wb.largestInputs.slice(0, 5).map((x) => `${x.input} ${x.bytes}`).join(", ")}`);
  },
  rows(r) {
    const wb = r.workerBundle;
    if (!wb) return [];
    const own = wb.wranglerTotalUpload ? `${wb.wranglerTotalUpload.kib} KiB / gzip ${wb.wranglerTotalUpload.gzipKib} KiB` : "n/a";
    return [["Worker bundle (wrangler deploy --dry-run), gzip -9", `${kB(wb.gzipBytes)} gz (${kB(wb.rawBytes)} raw)`, `budget ≤ ${kB(BUDGETS.workerGzipBytes)} gz; wrangler's own: ${own}`]];
  },
  checks: (r) => [
    check(`#11: worker bundle ≤ ${BUDGETS.workerGzipBytes / 1000} kB gz (bytes, gzip -9)`, r.workerBundle?.gzipBytes ?? null, r.workerBundle?.gzipBytes <= BUDGETS.workerGzipBytes),
  ],
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await workerBundle(), null, 2));
  process.exit(0);
}
