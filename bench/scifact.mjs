// The edge index on BEIR SciFact (test split): relevance (nDCG@10 through GET /v1/search, beside the published
// BM25 0.665) and what building it costs for ~5,000 articles (time from the first search to a ready index,
// upstream calls the build made, the local D1 file's size).
//
// The data set is CC BY-NC 2.0: it is read from BENCH_DATA/scifact/scifact.json (BENCH_DATA: by default
// ../shared/bench-data, beside the repo), sent to the fake Helpjuice on loopback, and never copied into the
// repo (latest.json holds ids and scores, no text). When the file is absent the figures are "not measured",
// with the path, and BENCH_STRICT=1 fails the run.
//
//   node bench/scifact.mjs        this phase alone, on its own stack (prints the result as JSON)
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { check, n } from "./format.mjs";
import { HOST, byPath, classify, fakeLog, get, pct, round, send, waitForIndex } from "./lib.mjs";
import { notMeasured } from "./steps.mjs";

/** Published BM25 nDCG@10 on this split (BEIR paper; the data set's README). */
export const BM25_PUBLISHED = 0.665;
export const BM25_ANSERINI_FLAT = 0.6789;
/** GET /v1/search takes q of 1–200 characters (code points, after trimming). */
export const MAX_Q = 200;
const CONCURRENCY = 4;

export const scifactPath = (data) => join(data, "scifact", "scifact.json");

/** A claim as a q the API accepts: cut at the last word boundary that keeps it within MAX_Q characters. */
export function toQuery(text) {
  const t = text.trim().replace(/\s+/g, " ");
  if ([...t].length <= MAX_Q) return { q: t, cut: false };
  const cps = [...t].slice(0, MAX_Q + 1);
  let end = cps.lastIndexOf(" ");
  if (end <= 0) end = MAX_Q;
  return { q: cps.slice(0, end).join("").trim(), cut: true };
}

/** nDCG@10 as the data set's README gives it: binary gains, DCG over ranks 1..10, over the ideal DCG. */
export function ndcgAt10(rankedIds, judged) {
  const rel = (id) => (judged[String(id)] ? Number(judged[String(id)]) : 0);
  let dcg = 0;
  rankedIds.slice(0, 10).forEach((id, i) => (dcg += rel(id) / Math.log2(i + 2)));
  const ideal = Object.values(judged)
    .map(Number)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  return ideal > 0 ? dcg / ideal : 0;
}

/** Sizes of the local D1 files under wrangler's --persist-to directory (the .sqlite plus -wal/-shm). */
export function d1Files(persist) {
  const files = [];
  const walk = (dir, depth) => {
    if (depth > 6 || files.length > 100) return;
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) walk(p, depth + 1);
      else if (/\.sqlite(-wal|-shm)?$/.test(ent.name)) files.push({ path: relative(persist, p), bytes: statSync(p).size });
    }
  };
  const root = join(persist, "v3", "d1");
  if (existsSync(root)) walk(root, 0);
  return files;
}

/**
 * @param {object} o
 * @param {string} o.data       the data folder (BENCH_DATA)
 * @param {(opts: object) => Promise<any>} o.startStack
 * @param {(msg: string) => void} o.log
 * @param {(stop: () => Promise<void>) => void} [o.onStack]  told how to stop the stack (for a watchdog)
 * @param {Record<string, string>} [o.vars]  the worker's vars (bench/memory.mjs: INDEX_REPLICA)
 * @param {(stack: any, queries: string[]) => Promise<void>} [o.ready]  run once the index is ready, before the 300 queries
 */
export async function scifact({ data: dataDir, startStack, log, onStack = () => {}, vars, ready }) {
  const file = scifactPath(dataDir);
  if (!existsSync(file)) return notMeasured(`${file} is absent (BENCH_DATA names its folder): relevance, build time and D1 size were not measured`);
  const data = JSON.parse(readFileSync(file, "utf8"));
  const { docs, queries, qrels } = data;
  const judgedQueries = queries.filter((q) => qrels[q.id] && Object.keys(qrels[q.id]).length);
  log(`  SciFact: ${docs.length} docs, ${queries.length} queries (${judgedQueries.length} judged)`);

  // Ready when the widget script answers: it is a static asset, served without running the worker, so the
  // readiness probe does not count as the first request after a deploy, which would build the index from
  // the seed before the corpus below is loaded.
  // REQUEST_LOG=off as on the first stack (bench/stacks.mjs): wrangler dev relays and prints every log line,
  // a cost of the dev server that a deployed Worker does not pay on the request path.
  const stack = await startStack({ fakePort: 0, workerPort: 0, quiet: true, host: HOST, readyPath: "/hj-search.js", vars: { REQUEST_LOG: "off", ...vars } });
  onStack(() => stack.stop());
  try {
    // Doc ids are digit strings ("4983"); the fake takes them as article ids. One public category.
    const corpus = {
      categories: [{ id: 1, name: "SciFact", accessibility: 1 }],
      articles: docs.map((d) => ({ id: d.id, name: d.title.trim() || `doc ${d.id}`, body: d.text, format: "text", category_ids: [1] })),
    };
    let t = performance.now();
    const put = await send("PUT", `${stack.fakeUrl}/__fake/corpus`, corpus, 120_000);
    if (put.status !== 200) throw new Error(`PUT /__fake/corpus answered ${put.status}: ${put.body.slice(0, 300)}`);
    log(`  loaded into the fake in ${round((performance.now() - t) / 1000, 1)} s: ${put.body}`);

    // The first search starts the build (Helpjuice answers it); the clock runs until health says ready.
    const since = Date.now();
    t = performance.now();
    const first = await get(undefined, `${stack.workerUrl}/v1/search?q=${encodeURIComponent("cell")}&limit=10`);
    const built = await waitForIndex(stack.workerUrl, { timeoutMs: 180_000, since: t });
    const buildMs = built.ms;
    const files = d1Files(stack.persist);
    const buildLog = await fakeLog(stack.fakeUrl, since);
    const build = {
      ready: built.ready,
      seconds: round(buildMs / 1000, 1),
      firstSearch: { status: first.status, cacheStatus: first.headers["cache-status"] ?? null },
      health: built.index,
      // Everything the fake saw under /api/v3/ from the first search to ready; the first search's own
      // /api/v3/search (Helpjuice answering while the index builds) is not the build's.
      upstreamCalls: buildLog.filter((e) => !e.path.startsWith("/api/v3/search")).length,
      upstreamByPath: byPath(buildLog),
      upstreamStatuses: buildLog.reduce((m, e) => ((m[e.status] = (m[e.status] ?? 0) + 1), m), {}),
      d1: { bytes: files.reduce((n, f) => n + f.bytes, 0), files },
    };
    log(
      `  build: ${built.ready ? "ready" : "NOT ready"} after ${build.seconds} s, ${build.upstreamCalls} upstream calls (${JSON.stringify(build.upstreamByPath)}), ` +
        `D1 ${(build.d1.bytes / 1e6).toFixed(1)} MB, ${built.index?.articles ?? "?"} articles`,
    );
    if (!built.ready) return { build, error: `the index was not ready within 180 s (last: ${JSON.stringify(built.index)})` };
    if (ready) await ready(stack, queries.map((q) => toQuery(q.text).q));

    // All 300 queries, CONCURRENCY at a time, limit=10.
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const runSince = Date.now();
    const per = [];
    let next = 0;
    const deadline = performance.now() + 120_000;
    const worker = async () => {
      while (next < queries.length && performance.now() < deadline) {
        const item = queries[next++];
        const { q, cut } = toQuery(item.text);
        const t0 = performance.now();
        const r = await get(agent, `${stack.workerUrl}/v1/search?q=${encodeURIComponent(q)}&limit=10`, { "CF-Connecting-IP": "198.51.100.250" });
        const ms = performance.now() - t0;
        let ids = [];
        if (r.status === 200) ids = (JSON.parse(r.body).results ?? []).map((x) => String(x.id));
        const judged = qrels[item.id] ?? {};
        per.push({
          id: item.id,
          status: r.status,
          source: classify(r.headers["cache-status"]),
          cut,
          ms: round(ms, 1),
          ndcg10: round(ndcgAt10(ids, judged), 4),
          found: ids.filter((id) => judged[id]).length,
          judged: Object.keys(judged).length,
          results: ids.length,
          top: ids,
        });
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      agent.destroy();
    }
    per.sort((a, b) => Number(a.id) - Number(b.id));
    const upstreamDuring = (await fakeLog(stack.fakeUrl, runSince)).filter((e) => e.path.startsWith("/api/v3/search")).length;
    const scored = per.filter((p) => p.judged > 0);
    const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
    const lat = per.map((p) => p.ms).sort((a, b) => a - b);
    const count = (f) => per.reduce((m, p) => ((m[f(p)] = (m[f(p)] ?? 0) + 1), m), {});
    const cutQueries = per.filter((p) => p.cut).map((p) => {
      const text = queries.find((q) => q.id === p.id).text;
      return { id: p.id, characters: [...text].length, sentCharacters: [...toQuery(text).q].length };
    });
    return {
      dataset: "BEIR SciFact test split (CC BY-NC 2.0; read from BENCH_DATA, ../shared/bench-data by default, not shipped)",
      docs: docs.length,
      queries: per.length,
      build,
      relevance: {
        ndcgAt10: round(mean(scored.map((p) => p.ndcg10)), 4),
        queriesScored: scored.length,
        recallAt10: round(mean(scored.map((p) => p.found / p.judged)), 4),
        zeroResultQueries: per.filter((p) => p.status === 200 && p.results === 0).length,
        bm25Published: BM25_PUBLISHED,
        bm25AnseriniFlat: BM25_ANSERINI_FLAT,
        method:
          "GET /v1/search?q=<claim>&limit=10 anonymously once the index is ready; top-10 article ids against the qrels; DCG = Σ rel_i / log2(i + 1), i = 1..10, over the ideal DCG of the query's judged docs; mean over the queries",
      },
      cutQueries,
      status: count((p) => p.status),
      source: count((p) => p.source),
      upstreamSearchesDuringQueries: upstreamDuring,
      latencyMs: { p50: round(pct(lat, 50), 1), p95: round(pct(lat, 95), 1), concurrency: CONCURRENCY },
      perQuery: per.map(({ id, status, source, ndcg10, found, judged, results, top }) => ({ id, status, source, ndcg10, found, judged, results, top })),
    };
  } finally {
    await stack.stop();
  }
}

const BUDGETS = { scifactNdcg10: 0.68, buildUpstreamCalls: 10, buildSeconds: 60 };

export const phase = {
  name: "scifact",
  budgets: BUDGETS,
  skip: (options) => (options.skipScifact ? "BENCH_SKIP_SCIFACT=1" : null),
  async run({ result, log, options, cleanups, startStack }) {
    log("9/9 BEIR SciFact on a second stack: load 5,183 articles into the fake, build the index, 300 queries …");
    const sf = (result.scifact = await scifact({ data: options.data, startStack, log, onStack: (stop) => cleanups.push(stop) }));
    if (sf.notMeasured) log(`  not measured: ${sf.notMeasured}`);
    else if (sf.relevance) log(`  nDCG@10 ${sf.relevance.ndcgAt10} (BM25 published ${BM25_PUBLISHED}), recall@10 ${sf.relevance.recallAt10}, ${sf.cutQueries.length} claim(s) cut to 200 characters`);
    if (sf.error) throw new Error(sf.error);
  },
  rows(r) {
    const sf = r.scifact;
    if (!sf) return [];
    if (sf.skipped || sf.notMeasured) return [["SciFact (relevance, build time, D1 size)", sf.skipped ? "skipped" : "not measured", sf.skipped ?? sf.notMeasured]];
    const rows = [];
    if (sf.relevance) rows.push([`SciFact nDCG@10 (${sf.queries} queries, ${n(sf.docs)} docs)`, `${sf.relevance.ndcgAt10.toFixed(3)}`, `BM25 ${BM25_PUBLISHED} (published); budget ≥ ${BUDGETS.scifactNdcg10}`]);
    if (sf.build) {
      const b = sf.build;
      rows.push([`Index build, ${n(sf.docs)} articles: first search → ready`, `${b.seconds} s`, `budget ≤ ${BUDGETS.buildSeconds} s`]);
      rows.push(["  … upstream calls the build made", `${b.upstreamCalls}`, `budget ≤ ${BUDGETS.buildUpstreamCalls}; Helpjuice search: 1 per distinct query`]);
      rows.push(["  … local D1 files (sqlite + wal + shm)", `${(b.d1.bytes / 1e6).toFixed(1)} MB`, "—"]);
    }
    return rows;
  },
  checks(r) {
    const sf = r.scifact?.relevance || r.scifact?.build ? r.scifact : null;
    return [
      check(`SciFact nDCG@10 ≥ ${BUDGETS.scifactNdcg10}`, sf?.relevance?.ndcgAt10 ?? null, sf?.relevance?.ndcgAt10 >= BUDGETS.scifactNdcg10),
      check(`build: ≤ ${BUDGETS.buildUpstreamCalls} upstream calls`, sf?.build?.upstreamCalls ?? null, sf?.build?.upstreamCalls <= BUDGETS.buildUpstreamCalls),
      check(`build: ≤ ${BUDGETS.buildSeconds} s`, sf?.build?.ready ? sf.build.seconds : null, sf?.build?.seconds <= BUDGETS.buildSeconds),
    ];
  },
};

// Alone: `node bench/scifact.mjs`.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { startStack } = await import("../test/harness/stack.mjs");
  const { options } = await import("./options.mjs");
  const T0 = performance.now();
  const log = (m) => console.log(`[scifact ${((performance.now() - T0) / 1000).toFixed(1).padStart(5)}s] ${m}`);
  const watchdog = setTimeout(() => {
    console.error("scifact: still running after 8 min; stopping");
    process.exit(1);
  }, 8 * 60_000);
  watchdog.unref();
  const r = await scifact({ data: options.data, startStack, log });
  const { perQuery, ...rest } = r;
  console.log(JSON.stringify(rest, null, 2));
  process.exit(r.error ? 1 : 0);
}
