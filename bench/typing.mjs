// The as-you-type replay: every prefix of the 120 longest distinct queries in bench/queries.mjs, as a widget
// without a debounce would send them (one search per keystroke), 32 in flight, against the edge index; and the
// same request paths against the bare worker, under the same concurrency, the two taking turns.
import http from "node:http";
import { normaliseQuery as key } from "../test/harness/query-key.mjs";
import { check, n as int } from "./format.mjs";
import { LOCAL, classify, fakeLog, get, pct, round } from "./lib.mjs";

export const TYPED_QUERIES = 120;

/**
 * The queries typed: distinct after normalising, the longest first (they have the most prefixes; ties keep
 * the file's order). Each is typed as written, trimmed; a prefix ending in a space is sent as it is (the
 * worker trims q), so the count of requests is the count of characters typed.
 */
export function typingPlan(queries, n = TYPED_QUERIES) {
  const seen = new Set();
  const distinct = [];
  for (const q of queries) {
    const k = key(q);
    if (seen.has(k)) continue;
    seen.add(k);
    distinct.push(q.trim());
  }
  const typed = distinct
    .map((q, i) => ({ q, i }))
    .sort((a, b) => [...b.q].length - [...a.q].length || a.i - b.i)
    .slice(0, n)
    .map((x) => x.q);
  const requests = [];
  typed.forEach((q, typist) => {
    const cps = [...q];
    for (let i = 1; i <= cps.length; i++) requests.push({ typist, q: cps.slice(0, i).join("") });
  });
  return { typed, requests, unused: distinct.filter((q) => !typed.includes(q)) };
}

const pathOf = (q) => `/v1/search?q=${encodeURIComponent(q)}&limit=10`;
/** The bare worker answering as many bytes as hj-search answered this request (bench/bare-worker/index.js). */
const sizedPathOf = (r) => `${pathOf(r.q)}${r.bytes ? `&bytes=${r.bytes}` : ""}`;

/** Closed loop: `concurrency` connections take the next request in order until the list (or time) runs out. */
/** `measure`: note each answer's bytes on its request; `path`: how a request is asked for. */
async function replay(base, requests, concurrency, { deadlineMs = 120_000, headers = () => ({}), measure = false, path = (r) => pathOf(r.q) } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const lat = [];
  const status = {};
  const source = {};
  const unexpected = [];
  let errors = 0;
  let next = 0;
  const deadline = performance.now() + deadlineMs;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length && performance.now() < deadline) {
        const r0 = requests[next++];
        const t = performance.now();
        const r = await get(agent, `${base}${path(r0)}`, headers(r0), 10_000);
        lat.push(performance.now() - t);
        if (measure) r0.bytes = Buffer.byteLength(r.body);
        status[r.status] = (status[r.status] ?? 0) + 1;
        const kind = classify(r.headers["cache-status"]);
        source[kind] = (source[kind] ?? 0) + 1;
        if (r.error) errors++;
        if (r.status !== 200 && unexpected.length < 5) unexpected.push({ status: r.status, q: r0.q, body: r.body.slice(0, 300), error: r.error });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { lat, status, source, errors, unexpected, seconds, sent: next };
}

/**
 * @param {object} o
 * @param {{workerUrl: string, fakeUrl: string}} o.stack  the whole stack, its index ready
 * @param {string|null} o.bareUrl                          the bare worker, or null
 * @param {string[]} o.queries
 * @param {number} o.concurrency
 * @param {(m: string) => void} o.log
 */
export async function typingReplay({ stack, bareUrl, queries, concurrency, log }) {
  const plan = typingPlan(queries);
  const n = plan.requests.length;
  // Each typist (one per query) has its own address, as visitors do.
  const ipOf = (r) => ({ "CF-Connecting-IP": `203.0.113.${(r.typist % 250) + 1}` });
  // Warm-up, not recorded: 1 s for each target on a query the replay does not type (nothing of the replay is
  // pre-warmed in any cache).
  const warmQ = plan.unused.find((q) => /^[a-z]+$/.test(q)) ?? "warm";
  const warm = Array.from({ length: 100_000 }, () => ({ typist: 249, q: warmQ }));
  await replay(stack.workerUrl, warm, concurrency, { deadlineMs: 1000, headers: ipOf });
  if (bareUrl) await replay(bareUrl, warm, concurrency, { deadlineMs: 1000 });

  // Two rounds, the targets taking turns: the first half of the typists, then the second half.
  const half = plan.requests.findIndex((r) => r.typist >= plan.typed.length / 2);
  const halves = [plan.requests.slice(0, half), plan.requests.slice(half)];
  const since = Date.now();
  // The bare worker twice: answering the same bytes hj-search answered each request (the budget's
  // baseline: what the worker adds, not what moving its answer's bytes through wrangler dev's proxy and
  // this client costs both), and answering its constant 0.3 kB body.
  const hj = [];
  const bare = [];
  const bareConstant = [];
  for (const part of halves) {
    hj.push(await replay(stack.workerUrl, part, concurrency, { headers: ipOf, measure: true }));
    if (bareUrl) bare.push(await replay(bareUrl, part, concurrency, { path: sizedPathOf }));
    if (bareUrl) bareConstant.push(await replay(bareUrl, part, concurrency));
  }
  await new Promise((r) => setTimeout(r, 300)); // late log entries
  const upstream = await fakeLog(stack.fakeUrl, since);
  const merge = (runs) => {
    if (!runs.length) return null;
    const lat = runs.flatMap((r) => r.lat).sort((a, b) => a - b);
    const sum = (f) => runs.reduce((m, r) => { for (const [k, v] of Object.entries(f(r))) m[k] = (m[k] ?? 0) + v; return m; }, {});
    const seconds = runs.reduce((s, r) => s + r.seconds, 0);
    return {
      requests: lat.length,
      seconds: round(seconds, 2),
      rps: round(lat.length / seconds, 0),
      p50Ms: round(pct(lat, 50), 2),
      p95Ms: round(pct(lat, 95), 2),
      p99Ms: round(pct(lat, 99), 2),
      status: sum((r) => r.status),
      source: sum((r) => r.source),
      transportErrors: runs.reduce((s, r) => s + r.errors, 0),
      unexpected: runs.flatMap((r) => r.unexpected).slice(0, 5),
    };
  };
  const h = merge(hj);
  const b = merge(bare);
  const bc = merge(bareConstant);
  const bytes = plan.requests.filter((r) => r.bytes !== undefined).map((r) => r.bytes);
  const local = Object.entries(h.source).filter(([k]) => LOCAL.has(k)).reduce((s, [, v]) => s + v, 0);
  const result = {
    queriesTyped: plan.typed.length,
    requests: n,
    // Without the index each distinct prefix is one Helpjuice search (the KV cache answers repeats).
    distinctPrefixes: new Set(plan.requests.map((r) => key(r.q))).size,
    concurrency,
    choice: "the 120 longest distinct queries of bench/queries.mjs (most prefixes), every prefix from the first character, in typing order",
    rounds: "2: the first half of the typists' requests to hj-search, then to the bare worker answering the same bytes, then to the bare worker's constant body; then the second half; each target had a 1 s unrecorded warm-up on a query the replay does not type",
    meanAnswerBytes: round(bytes.reduce((a, x) => a + x, 0) / Math.max(1, bytes.length), 0),
    hj: h,
    answeredLocally: local,
    bare: b,
    ratio: b ? { p50: round(h.p50Ms / b.p50Ms, 2), p95: round(h.p95Ms / b.p95Ms, 2) } : null,
    bareConstant: bc,
    ratioConstant: bc ? { p50: round(h.p50Ms / bc.p50Ms, 2), p95: round(h.p95Ms / bc.p95Ms, 2) } : null,
    upstream: {
      searches: upstream.filter((e) => e.path.startsWith("/api/v3/search")).length,
      all: upstream.length,
      byPath: upstream.reduce((m, e) => ((m[e.path] = (m[e.path] ?? 0) + 1), m), {}),
    },
  };
  log(
    `  typing: ${h.requests} requests, status ${JSON.stringify(h.status)}, source ${JSON.stringify(h.source)}, upstream searches ${result.upstream.searches}; ` +
      `p50 ${h.p50Ms} / p95 ${h.p95Ms} ms` +
      (b ? `; bare, same bytes, p50 ${b.p50Ms} / p95 ${b.p95Ms} ms (×${result.ratio.p50} / ×${result.ratio.p95})` : "") +
      (bc ? `; bare, constant body, p50 ${bc.p50Ms} (×${result.ratioConstant.p50}); answers ${result.meanAnswerBytes} B on average` : ""),
  );
  return result;
}

const BUDGETS = { typingNon200: 0, typingUpstreamSearches: 0, typingP50VsBare: 1.5 };
const non200 = (t) => Object.entries(t.hj.status).filter(([k]) => k !== "200").reduce((s, [, v]) => s + v, 0);

export const phase = {
  name: "typing",
  budgets: BUDGETS,
  needs: { stack: true, bare: true },
  async run({ result, log, options, stack, bareUrl, queries }) {
    log(`5/9 as-you-type replay against the ready index (${result.demoIndex.articles} articles), ${options.CONNECTIONS} in flight, then the bare worker; every status counted …`);
    result.typing = await typingReplay({ stack, bareUrl, queries, concurrency: options.CONNECTIONS, log });
  },
  rows(r) {
    const t = r.typing;
    if (!t) return [];
    const st = Object.entries(t.hj.status).map(([k, v]) => `${int(v)} × ${k}`).join(", ");
    return [
      [`As-you-type replay: ${int(t.requests)} prefixes of ${t.queriesTyped} queries, ${t.concurrency} in flight`, st, `budget: 0 answers other than 200`],
      ["  … upstream searches during the replay", `${t.upstream.searches}`, `budget 0; without the index: ${int(t.distinctPrefixes)} (one per distinct prefix, cold KV)`],
      [
        "  … p50 / p95 latency",
        `${t.hj.p50Ms} / ${t.hj.p95Ms} ms`,
        t.bare ? `bare worker answering the same bytes ${t.bare.p50Ms} / ${t.bare.p95Ms} ms (×${t.ratio.p50} / ×${t.ratio.p95}); budget p50 ≤ ×${BUDGETS.typingP50VsBare}` : "bare worker: not measured",
      ],
      ...(t.bareConstant
        ? [["  … beside the bare worker's constant body", `×${t.ratioConstant.p50} / ×${t.ratioConstant.p95}`, `its p50 / p95 ${t.bareConstant.p50Ms} / ${t.bareConstant.p95Ms} ms; hj-search's answers ${int(t.meanAnswerBytes)} B on average, the constant 0.3 kB`]]
        : []),
    ];
  },
  checks(r) {
    const t = r.typing;
    return [
      check("typing: 0 answers other than 200", t ? non200(t) : null, t && non200(t) === BUDGETS.typingNon200),
      check("typing: 0 upstream searches", t?.upstream.searches ?? null, t?.upstream.searches === BUDGETS.typingUpstreamSearches),
      check(`typing: p50 ≤ ${BUDGETS.typingP50VsBare}× the bare worker`, t?.ratio?.p50 ?? null, t?.ratio?.p50 <= BUDGETS.typingP50VsBare),
    ];
  },
};
