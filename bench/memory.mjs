// Big knowledge bases answered from memory (issue #22): BEIR SciFact's 5,183 documents, over the old bounds
// of the in-isolate copy, now held in it. On one stack the copy answers: the as-you-type replay (every prefix
// of SciFact claims, beside the bare worker deployed in the same shape: static assets, /v1/* to the worker
// first), then the 300 queries (nDCG@10). On a second stack with INDEX_REPLICA=off D1 answers the same 300
// queries: every top 10 must be equal. Heap per copy and the load's CPU come from the same pure modules in
// Node (bench/replica-heap.mjs, in a child process with --expose-gc and a heap of its own).
//
//   node bench/memory.mjs      this phase alone (prints the result as JSON)
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { pathToFileURL } from "node:url";
import { check, n } from "./format.mjs";
import { round } from "./lib.mjs";
import { scifact } from "./scifact.mjs";
import { BARE_CONFIG } from "./coldstart.mjs";
import { typingReplay } from "./typing.mjs";
import { HOST } from "./lib.mjs";
import { startWranglerDev } from "../test/harness/wrangler.mjs";
import { ROOT } from "../test/harness/stack.mjs";
import { buildPublic } from "../scripts/build-widget.mjs";
import { existsSync } from "node:fs";

async function measureHeap(data) {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", join(ROOT, "bench", "replica-heap.mjs")], {
    env: { ...process.env, BENCH_DATA: data },
    maxBuffer: 1 << 20,
    timeout: 120_000,
  });
  return JSON.parse(stdout);
}

/** Claims typed in the replay (each one every prefix from its first character). */
const TYPED = 40;
/** The copy loads in the background after the first search past ready: how long the phase waits for it. */
const LOAD_WAIT_MS = 60_000;
const BUDGETS = { memoryP50VsBare: 1.5, memoryNdcg10: 0.68, memoryHeapMB: 64, memoryLoadMs: 300, memoryTop10Equal: 300 };

/** The copy's heap and build CPU in Node (bench/replica-heap.mjs), or why they were not measured. */
export const heapOf = (data) => measureHeap(data).catch((e) => ({ measured: false, why: String(e?.message ?? e).slice(0, 200) }));

/** `heap`: measured already (scripts/bench.mjs measures it before the votes run in the background). */
export async function memory({ options, startStack, log, cleanups = [], heap: measured }) {
  // The stacks are ready when the widget script answers (bench/scifact.mjs): built here when this phase runs alone.
  if (!existsSync(join(ROOT, "dist", "public", "hj-search.js"))) await buildPublic({ quiet: true });
  const heap = measured ?? (await heapOf(options.data));
  if (heap.measured) log(`  copy in Node: SciFact ${(heap.scifact.heapBytes / 1e6).toFixed(1)} MB (${heap.scifact.bytesPerChar} B/char), ${heap.scifact.buildMs} ms; at the bounds ${(heap.bounds.heapBytes / 1e6).toFixed(1)} MB, ${heap.bounds.buildMs} ms; with Ask's passages at two fifths of the bounds ${(heap.withPassages.heapBytes / 1e6).toFixed(1)} MB, ${heap.withPassages.buildMs} ms`);
  const bare = await startWranglerDev({ config: BARE_CONFIG, host: HOST, readyPath: "/" });
  cleanups.push(() => bare.stop());
  let typing = null;
  let loadWallMs = null;
  try {
    const mem = await scifact({
      data: options.data,
      startStack,
      log,
      onStack: (stop) => cleanups.push(stop),
      ready: async (stack, claims) => {
        // The first search past ready starts the copy's load (in the background); health names the languages
        // the isolate holds (wrangler dev runs one). Then the replay, answered from the copy.
        const t0 = performance.now();
        await fetch(`${stack.workerUrl}/v1/search?q=cell&limit=10`).then((r) => r.arrayBuffer());
        while (performance.now() - t0 < LOAD_WAIT_MS) {
          const h = await fetch(`${stack.workerUrl}/v1/health`).then((r) => r.json());
          if (h.index?.in_memory?.includes("en_US")) {
            loadWallMs = round(performance.now() - t0, 0);
            break;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        log(`  the copy ${loadWallMs === null ? `was not in memory after ${LOAD_WAIT_MS} ms` : `answers ${loadWallMs} ms after the first search (wall, local D1)`}`);
        typing = await typingReplay({ stack, bareUrl: bare.url, queries: claims.slice(0, TYPED), concurrency: options.CONNECTIONS, log });
      },
    });
    if (mem.notMeasured || mem.error) return { ...mem, heap };
    log("  the same 300 queries on a second stack, INDEX_REPLICA=off (D1) …");
    const d1 = await scifact({ data: options.data, startStack, log, onStack: (stop) => cleanups.push(stop), vars: { INDEX_REPLICA: "off" } });
    const tops = new Map((d1.perQuery ?? []).map((p) => [p.id, p.top.join(",")]));
    const differ = (mem.perQuery ?? []).filter((p) => tops.get(p.id) !== p.top.join(",")).map((p) => p.id);
    const { perQuery: _, ...kept } = mem;
    return {
      docs: mem.docs,
      ndcgAt10: mem.relevance?.ndcgAt10 ?? null,
      ndcgAt10D1: d1.relevance?.ndcgAt10 ?? null,
      top10: { compared: mem.perQuery?.length ?? 0, equal: (mem.perQuery?.length ?? 0) - differ.length, differ },
      latencyMs: { copy: kept.latencyMs, d1: d1.latencyMs },
      typing,
      loadWallMs,
      heap,
    };
  } finally {
    await bare.stop().catch(() => {});
  }
}

const ok = (v, f) => (v === null || v === undefined ? null : f(v));

export const phase = {
  name: "memory",
  budgets: BUDGETS,
  skip: (options) => (options.skipScifact ? "BENCH_SKIP_SCIFACT=1" : null),
  async run({ result, log, options, cleanups, startStack, replicaHeap }) {
    log("memory: SciFact from the in-isolate copy (replay beside the bare worker, 300 queries), then from D1 …");
    const m = (result.memory = await memory({ options, startStack, log, cleanups, heap: replicaHeap }));
    if (m.notMeasured) log(`  not measured: ${m.notMeasured}`);
    if (m.error) throw new Error(m.error);
  },
  rows(r) {
    const m = r.memory;
    if (!m) return [];
    if (m.notMeasured || m.skipped) return [["SciFact from memory", "not measured", m.notMeasured ?? m.skipped]];
    const rows = [];
    const t = m.typing;
    if (t)
      rows.push([
        `SciFact as you type from memory: ${n(t.requests)} prefixes of ${t.queriesTyped} claims, p50 / p95`,
        `${t.hj.p50Ms} / ${t.hj.p95Ms} ms`,
        t.bare ? `bare worker answering the same bytes ${t.bare.p50Ms} / ${t.bare.p95Ms} ms (×${t.ratio.p50}); budget p50 ≤ ×${BUDGETS.memoryP50VsBare}` : "bare worker: not measured",
      ]);
    if (t?.bareConstant)
      rows.push([
        "  … beside the bare worker's constant body",
        `×${t.ratioConstant.p50} / ×${t.ratioConstant.p95}`,
        `its p50 / p95 ${t.bareConstant.p50Ms} / ${t.bareConstant.p95Ms} ms; SciFact answers ${n(t.meanAnswerBytes)} B on average, the constant 0.3 kB`,
      ]);
    rows.push(["  … first search → copy in memory (wall, local D1)", m.loadWallMs === null ? "not in memory" : `${m.loadWallMs} ms`, "the load's reads, transfer and build; searches go to D1 meanwhile"]);
    rows.push([`  … nDCG@10 from memory (${n(m.docs)} docs)`, `${m.ndcgAt10}`, `D1 ${m.ndcgAt10D1}; budget ≥ ${BUDGETS.memoryNdcg10}`]);
    rows.push(["  … top 10 equal to D1's", `${m.top10.equal} of ${m.top10.compared}`, `budget: all ${BUDGETS.memoryTop10Equal}`]);
    const h = m.heap;
    if (h?.measured) {
      rows.push(["  … heap per copy (Node, after GC): SciFact", `${(h.scifact.heapBytes / 1e6).toFixed(1)} MB`, `${h.scifact.bytesPerChar} bytes/char of ${n(h.scifact.chars)}`]);
      rows.push([`  … at the bounds (${n(h.bounds.rows)} rows, ${n(h.bounds.chars)} chars)`, `${(h.bounds.heapBytes / 1e6).toFixed(1)} MB`, `${h.bounds.bytesPerChar} bytes/char; budget ≤ ${BUDGETS.memoryHeapMB} MB`]);
      rows.push([
        `  … with Ask's passages, held up to two fifths of the bounds (${n(h.withPassages.rows)} rows, ${n(h.withPassages.passages)} passages, ${n(h.withPassages.chars)} chars)`,
        `${(h.withPassages.heapBytes / 1e6).toFixed(1)} MB`,
        `${h.withPassages.bytesPerChar} bytes/char of article text, both copies; budget ≤ ${BUDGETS.memoryHeapMB} MB`,
      ]);
      rows.push(["  … build CPU: SciFact / the largest copy / the largest with passages", `${h.scifact.buildMs} / ${h.bounds.buildMs} / ${h.withPassages.buildMs} ms`, `budget ≤ ${BUDGETS.memoryLoadMs} ms`]);
    } else rows.push(["  … heap per copy", "not measured", h?.why ?? h?.path ?? "—"]);
    return rows;
  },
  checks(r) {
    const m = r.memory?.top10 ? r.memory : null;
    const h = m?.heap?.measured ? m.heap : null;
    return [
      check(`memory: replay p50 ≤ ${BUDGETS.memoryP50VsBare}× the bare worker`, m?.typing?.ratio?.p50 ?? null, m?.typing?.ratio?.p50 <= BUDGETS.memoryP50VsBare),
      check(`memory: nDCG@10 ≥ ${BUDGETS.memoryNdcg10}`, m?.ndcgAt10 ?? null, m?.ndcgAt10 >= BUDGETS.memoryNdcg10),
      check("memory: every top 10 equal to D1's", m ? m.top10.equal : null, m ? m.top10.differ.length === 0 && m.top10.compared === BUDGETS.memoryTop10Equal : false),
      check(`memory: copy ≤ ${BUDGETS.memoryHeapMB} MB at the bounds (with passages at two fifths)`, ok(h, (x) => round(Math.max(x.bounds.heapBytes, x.withPassages.heapBytes) / 1e6, 1)), h ? Math.max(h.bounds.heapBytes, h.withPassages.heapBytes) <= BUDGETS.memoryHeapMB * 1e6 : false),
      check(`memory: largest copy built in ≤ ${BUDGETS.memoryLoadMs} ms`, h ? Math.max(h.bounds.buildMs, h.withPassages.buildMs) : null, h ? Math.max(h.bounds.buildMs, h.withPassages.buildMs) <= BUDGETS.memoryLoadMs : false),
    ];
  },
};

// Alone: `node bench/memory.mjs`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { startStack } = await import("../test/harness/stack.mjs");
  const { options } = await import("./options.mjs");
  const T0 = performance.now();
  const log = (m) => console.log(`[memory ${((performance.now() - T0) / 1000).toFixed(1).padStart(5)}s] ${m}`);
  const cleanups = [];
  const watchdog = setTimeout(() => {
    console.error("memory: still running after 12 min; stopping");
    process.exit(1);
  }, 12 * 60_000);
  watchdog.unref();
  try {
    const r = await memory({ options, startStack, log, cleanups });
    const { typing, ...rest } = r;
    console.log(JSON.stringify({ ...rest, typing: typing && { requests: typing.requests, hj: typing.hj, bare: typing.bare, ratio: typing.ratio, bareConstant: typing.bareConstant, ratioConstant: typing.ratioConstant, meanAnswerBytes: typing.meanAnswerBytes } }, null, 2));
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
  }
  process.exit(0);
}
