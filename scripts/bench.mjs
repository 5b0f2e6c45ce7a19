// `npm run bench`: the numbers the README quotes, each beside its baseline measured (or quoted) in the same
// run. This file only runs the phases; each phase module in bench/ owns its measurement, its budget and its
// table rows:
//
//   size (bench/size.mjs)                widget JavaScript gzipped: first load, + search chunk, + reader
//   bundle (bench/bundle.mjs)            the worker's deployable bundle, raw and gzip -9
//   cold (bench/coldstart.mjs)           a fresh wrangler dev to its first 200, beside the bare worker
//   amplification (bench/amplification.mjs)  Zipf searches from a fresh deploy: upstream calls, local answers, 503s
//   typing (bench/typing.mjs)            every prefix of 120 queries against the ready index, beside the bare worker
//   load (bench/load.mjs)                cached search and article under load, beside the bare worker; insights' cost
//   keystroke, reader (bench/browser.mjs)  keystroke → results painted and Enter → article painted, in Chromium
//   scifact (bench/scifact.mjs)          BEIR SciFact on a second stack: nDCG@10, index build time and calls, D1 size
//   memory (bench/memory.mjs)           SciFact from the in-isolate copy: replay beside the bare worker, nDCG, top 10 vs D1, heap
//   votes (bench/votes.mjs)              a burst of 200 votes against the gate, on a third stack, in the background
//   ask (bench/ask.mjs)                  Ask on SQuAD 2.0 (public half): answerable, declined out of the KB, citations
//
// Options (environment; bench/options.mjs): BENCH_PHASES (a comma list of the phases above; `hot` = bundle,
// cold, typing, load, reader; a partial run writes bench/results/partial.json.tmp or BENCH_OUT, never
// latest.json), BENCH_SEARCHES, BENCH_CLIENTS, BENCH_AMP_SECONDS, BENCH_CONNECTIONS, BENCH_LOAD_SECONDS,
// BENCH_BROWSER_QUERIES, BENCH_READER_SAMPLES, BENCH_COLD_SAMPLES, BENCH_SKIP_BROWSER=1, BENCH_SKIP_SCIFACT=1,
// BENCH_SKIP_VOTES=1, BENCH_SKIP_ASK=1, BENCH_INDEX_REPLICA=off, BENCH_DATA (the data folder, ../shared/bench-data from the
// repo by default) and BENCH_STRICT=1 (a missed budget, or a phase not measured for want of its data, fails
// the run).
//
// Only loopback addresses are used; every loop is bounded by count and time, and a watchdog ends a run that
// hangs. Every wrangler it starts is a process group ended on Ctrl-C/SIGTERM/SIGHUP. Exits non-zero on a real
// failure (a stack does not start, the gate is exceeded, a phase throws), saying which phase and step.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, relative } from "node:path";
import { endWithParent } from "../test/harness/procs.mjs";
import { ROOT, startStack } from "../test/harness/stack.mjs";
import { buildPublic } from "./build-widget.mjs";
import { phase as amplification } from "../bench/amplification.mjs";
import { phase as ask } from "../bench/ask.mjs";
import { phase as browser } from "../bench/browser.mjs";
import { phase as bundle } from "../bench/bundle.mjs";
import { phase as cold } from "../bench/coldstart.mjs";
import { seedCoverage } from "../bench/coverage.mjs";
import { table } from "../bench/format.mjs";
import { keystrokeRows } from "../bench/keystroke.mjs";
import { round } from "../bench/lib.mjs";
import { phase as load } from "../bench/load.mjs";
import { heapOf, phase as memory } from "../bench/memory.mjs";
import { machine } from "../bench/machine.mjs";
import { options, want } from "../bench/options.mjs";
import { QUERIES } from "../bench/queries.mjs";
import { readerRows } from "../bench/reader.mjs";
import { runs500 } from "../bench/runs500.mjs";
import { phase as scifact } from "../bench/scifact.mjs";
import { phase as size } from "../bench/size.mjs";
import { demoIndexReady, startFirstStack } from "../bench/stacks.mjs";
import { phase as typing } from "../bench/typing.mjs";
import { phase as votes } from "../bench/votes.mjs";

/** The table's rows and the budgets' lines come in these orders (latest.json's and the README's). */
const TABLE = [size, bundle, cold, typing, amplification, load, keystrokeRows, readerRows, runs500, scifact, memory, ask];
const BUDGETS = [typing, amplification, scifact, load, bundle, readerRows, runs500, memory, ask];
const WATCHDOG_MS = 18 * 60_000; // the run takes ~12 min; past this something hangs: stop everything

const T0 = performance.now();
const log = (msg) => console.log(`[bench ${((performance.now() - T0) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
const wanted = (p) => (p.covers ?? [p.name]).some(want);

const { SEARCHES, CLIENTS, AMP_SECONDS, ZIPF_S, SEED, CONNECTIONS, LOAD_SECONDS, BROWSER_QUERIES, READER_SAMPLES, READER_DWELL_MS, COLD_SAMPLES } = options;
const result = {
  date: new Date().toISOString(),
  machine: machine(),
  config: {
    ...{ SEARCHES, CLIENTS, AMP_SECONDS, ZIPF_S, SEED, CONNECTIONS, LOAD_SECONDS, BROWSER_QUERIES, READER_SAMPLES, READER_DWELL_MS, COLD_SAMPLES },
    phases: [...options.phases],
    gate: options.gate,
    budgets: Object.assign({}, ...BUDGETS.map((p) => p.budgets)),
  },
};
const cleanups = [];
const ctx = { result, log, options, cleanups, want, startStack, queries: QUERIES };

/** One phase: its skip reason or its run, an error from it named after it (steps inside name themselves). */
async function run(p) {
  const skipped = !wanted(p) ? "not wanted in this run (BENCH_PHASES)" : p.skip?.(options);
  if (skipped) {
    if (p.skip) result[p.name] = { skipped };
    return;
  }
  // A reload of workerd since the last phase leaves the worker refusing connections for a moment: wait it out.
  if (p.needs?.stack) await ctx.stack.ready();
  try {
    await p.run(ctx);
  } catch (e) {
    throw e?.located ? e : new Error(`${p.name} phase: ${e?.message ?? e}`, { cause: e });
  }
}

async function phases() {
  log(`machine: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.memoryGiB} GiB, node ${process.version}`);
  log(`phases: ${[...options.phases].join(", ")}`);
  await run(size);
  // The browser figures load the widget as built from this tree (size and bundle build it on their own).
  if (!want("size") && !want("bundle") && wanted(browser)) await buildPublic({ quiet: true });
  await run(bundle);
  await run(cold);

  const first = [amplification, typing, load, browser];
  const needStack = first.some(wanted);
  if (needStack || want("size")) {
    const c = (ctx.coverage = await seedCoverage());
    result.queries = { count: c.queries, distinctKeys: c.distinctKeys, findAPublicArticle: c.matching };
    log(`  ${c.queries} queries (${c.distinctKeys} distinct keys), ${c.matching} find a public seed article`);
  }
  if (needStack) {
    const s = await startFirstStack({ ...ctx, needBare: want("typing") || want("load") });
    Object.assign(ctx, s);
    await run(amplification);
    await demoIndexReady({ stack: ctx.stack, result, searched: want("amplification") });
    for (const p of [typing, load, browser]) await run(p);
    await s.stop(); // its work is done: free the cores before the second stack builds its index
  }
  // The copy's build CPU is measured in Node before the votes start: beside their stack, a build's CPU time
  // on 2 cores came out a third higher than alone.
  if (wanted(memory) && !memory.skip?.(options)) {
    log("memory: the copy's heap and build CPU in Node, before anything runs in the background …");
    ctx.replicaHeap = await heapOf(options.data);
  }
  // Votes wait mostly on the gate's minute: beside SciFact, in the background.
  const background = run(votes).then(
    () => null,
    (e) => e,
  );
  await run(scifact);
  await run(memory);
  await run(ask);
  const votesError = await background;
  if (votesError) throw votesError;
  if (result.gateExceeded) throw new Error(result.gateExceeded);
}

/** Ends everything started, then the process, when the run hangs or is interrupted. */
function stopOn(why, code) {
  console.error(`\nbench: ${why} — stopping everything …`);
  Promise.allSettled(cleanups.map((f) => f())).finally(() => process.exit(code));
}
setTimeout(() => stopOn(`FAIL — still running after ${WATCHDOG_MS / 60_000} min`, 1), WATCHDOG_MS).unref();
let interrupted = false;
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(sig, () => !interrupted && ((interrupted = true), stopOn(sig, 128 + (os.constants.signals[sig] ?? 1))));
endWithParent(); // SIGTERM to `npm run bench` reaches npm's `sh -c`, not this process

let failed = null;
try {
  await phases();
} catch (e) {
  failed = e;
} finally {
  log("stopping …");
  await Promise.allSettled(cleanups.reverse().map((f) => f()));
}
result.budgets = BUDGETS.flatMap((p) => p.checks(result));
result.seconds = round((performance.now() - T0) / 1000, 1);
if (failed) result.error = String(failed.message ?? failed);
mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, JSON.stringify(result, null, 2) + "\n");

const m = result.machine;
console.log(`\nhj-search bench — ${result.date.slice(0, 10)} — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${process.version}\n`);
console.log(table(TABLE.flatMap((p) => p.rows(result))));
console.log("\nbudgets (issues #9, #11, #13 and #20):");
for (const b of result.budgets) console.log(`  ${b.held === null ? "n/a " : b.held ? "held" : "MISS"}  ${b.budget}: ${b.measured ?? "not measured"}`);
console.log(`\nwrote ${relative(ROOT, options.out)} (${result.seconds} s)`);

const missed = result.budgets.filter((b) => b.held === false);
const unmeasured = Object.entries(result).filter(([, v]) => v?.notMeasured);
if (!failed && options.strict && missed.length) failed = new Error(`BENCH_STRICT=1 and ${missed.length} budget(s) missed`);
if (!failed && options.strict && unmeasured.length) failed = new Error(`BENCH_STRICT=1 and not measured: ${unmeasured.map(([k, v]) => `${k} (${v.notMeasured})`).join("; ")}`);
if (failed) console.error(`\nbench: FAIL — ${failed.message ?? failed}`);
process.exit(failed ? 1 : 0);
