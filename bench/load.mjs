// Phase "load": cached search and cached article latency p50/p99 and requests/s under CONNECTIONS keep-alive
// connections, beside the bare worker in the same alternating rounds; and the insights cost (issue #13): the
// same warm search on a stack with INSIGHTS=off, in the same rounds.
import http from "node:http";
import { startStack } from "../test/harness/stack.mjs";
import { QUERIES } from "./queries.mjs";
import { check, statusText } from "./format.mjs";
import { HOST, LOCAL, classify, get, pct, round, waitForIndex } from "./lib.mjs";

/**
 * Closed-loop load: CONNECTIONS keep-alive connections, each sending its next request when the last one
 * answered. The targets take turns (ROUNDS rounds of LOAD_SECONDS / ROUNDS each), so whatever else the
 * machine is doing falls on all alike; each target gets a 1 s unrecorded warm-up first. Four rounds, not
 * two: the stacks' own background work (an insights batch stored, a sync pass) comes in bursts of a second
 * or two, and with two rounds one burst could fall on one target's half of the run (two runs of the same
 * code gave ×1.13 and ×1.32 for the warm search).
 */
const ROUNDS = 4;
async function loadPair(targets, { CONNECTIONS, LOAD_SECONDS }) {
  const MAX = 1_000_000;
  const state = targets.map((t) => ({
    ...t,
    agent: new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }),
    lat: new Float64Array(MAX),
    n: 0,
    bad: 0,
    status: {},
    seconds: 0,
  }));
  const run = async (s, ms, record) => {
    const end = performance.now() + ms;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end && s.n < MAX) {
          const t = performance.now();
          const r = await get(s.agent, s.url, s.headers, 10_000, true);
          const dt = performance.now() - t;
          if (!record) continue;
          s.status[r.status] = (s.status[r.status] ?? 0) + 1;
          if (r.status !== 200 || (s.check && !s.check(r))) s.bad++;
          s.lat[s.n++] = dt;
        }
      }),
    );
    if (record) s.seconds += (performance.now() - t0) / 1000;
  };
  for (const s of state) await run(s, 1000, false);
  for (let round = 0; round < ROUNDS; round++) for (const s of state) await run(s, (LOAD_SECONDS * 1000) / ROUNDS, true);
  return state.map((s) => {
    s.agent.destroy();
    const sorted = Array.from(s.lat.subarray(0, s.n)).sort((a, b) => a - b);
    return {
      requests: s.n,
      seconds: round(s.seconds, 2),
      rps: round(s.n / s.seconds, 0),
      p50Ms: round(pct(sorted, 50), 2),
      p99Ms: round(pct(sorted, 99), 2),
      notOk: s.bad,
      status: s.status,
    };
  });
}

/** The closed-loop load on a warm search and a warm article, with the bare worker, taking turns. */
async function warmLoads({ stack, bareUrl, bareError, result, cleanups, options, log }) {
  const { CONNECTIONS, LOAD_SECONDS } = options;
  log(`6/9 warm-key and warm-article latency: ${CONNECTIONS} connections × ${LOAD_SECONDS} s on a warm key, then the bare worker …`);
  const warmUrl = `${stack.workerUrl}/v1/search?q=${encodeURIComponent(QUERIES[0])}`;
  let probe = await get(undefined, warmUrl, { "CF-Connecting-IP": "198.51.100.201" });
  if (!LOCAL.has(classify(probe.headers["cache-status"]))) probe = await get(undefined, warmUrl, { "CF-Connecting-IP": "198.51.100.201" });
  if (!LOCAL.has(classify(probe.headers["cache-status"])))
    throw new Error(`the warm key was not answered locally: HTTP ${probe.status} ${probe.headers["cache-status"] ?? ""}`);
  const isLocal = (r) => LOCAL.has(classify(r.headers["cache-status"]));
  // Issue #11: a cached article beside the cached search: the warm key's first result (a public article
  // of the fake's seed), as the widget's reader asks for it, warmed until answered without Helpjuice.
  const articleId = JSON.parse(probe.body).results?.[0]?.id;
  if (!Number.isInteger(articleId)) throw new Error(`the warm key found no article: ${probe.body.slice(0, 200)}`);
  const articleUrl = `${stack.workerUrl}/v1/articles/${articleId}?lang=en_US`;
  let articleProbe = null;
  for (let i = 0; i < 3 && !(articleProbe?.status === 200 && isLocal(articleProbe)); i++)
    articleProbe = await get(undefined, articleUrl, { "CF-Connecting-IP": "198.51.100.202" });
  if (!(articleProbe.status === 200 && isLocal(articleProbe)))
    throw new Error(`the warm article was not answered locally: HTTP ${articleProbe.status} ${articleProbe.headers["cache-status"] ?? ""}`);
  const targets = [{ url: warmUrl, headers: { "CF-Connecting-IP": "198.51.100.201" }, check: isLocal }];
  targets.push({ url: articleUrl, headers: { "CF-Connecting-IP": "198.51.100.202" }, check: isLocal, article: true });
  // The same path as hj-search's warm key, so both workers are reached the same way (wrangler.toml and
  // bench/bare-worker/wrangler.toml send /v1/* to the worker before the asset router looks for a file).
  if (bareUrl) targets.push({ url: `${bareUrl}${new URL(warmUrl).pathname}${new URL(warmUrl).search}`, headers: {}, bare: true });
  // Issue #13: the cost of recording insights on the search path. The same warm search on a stack with
  // INSIGHTS=off, measured in the same rounds.
  let offStack = null;
  try {
    offStack = await startStack({ fakePort: 0, workerPort: 0, vars: { INSIGHTS: "off", REQUEST_LOG: "off" }, quiet: true, host: HOST });
    cleanups.push(() => offStack.stop());
    await get(undefined, `${offStack.workerUrl}/v1/search?q=${encodeURIComponent(QUERIES[0])}`);
    await waitForIndex(offStack.workerUrl);
    const offUrl = `${offStack.workerUrl}/v1/search?q=${encodeURIComponent(QUERIES[0])}`;
    for (let i = 0; i < 2; i++) await get(undefined, offUrl, { "CF-Connecting-IP": "198.51.100.201" });
    targets.push({ url: offUrl, headers: { "CF-Connecting-IP": "198.51.100.201" }, check: isLocal, insightsOff: true });
  } catch (e) {
    log(`  the INSIGHTS=off stack did not start: ${e.message}`);
  }
  const measured = await loadPair(targets, options);
  const hj = measured[0];
  const art = measured[targets.findIndex((t) => t.article)];
  const bare = bareUrl ? measured[targets.findIndex((t) => t.bare)] : null;
  const off = offStack ? measured[targets.findIndex((t) => t.insightsOff)] : null;
  if (off) {
    result.insightsCost = {
      what: "warm anonymous search p50 with insights on (the main stack) against a stack with INSIGHTS=off, same rounds",
      onP50Ms: hj.p50Ms,
      offP50Ms: off.p50Ms,
      percent: round((hj.p50Ms / off.p50Ms - 1) * 100, 1),
    };
    log(`  insights recording: p50 ${hj.p50Ms} ms on, ${off.p50Ms} ms off (${result.insightsCost.percent}%)`);
    await offStack.stop();
  }
  log(`  hj-search warm key: ${hj.rps} req/s, p50 ${hj.p50Ms} ms, p99 ${hj.p99Ms} ms (${hj.notOk} not a 200 answered locally)`);
  result.latency = {
    url: `/v1/search?q=${encodeURIComponent(QUERIES[0])} (warm)`,
    answeredBy: probe.headers["cache-status"]?.split(";")[0] ?? "?",
    connections: CONNECTIONS,
    client: `node:http keep-alive, closed loop, on the same cores as workerd; ${ROUNDS} alternating rounds per target`,
    wranglerDev: "both workers under `wrangler dev --log-level log`; hj-search with REQUEST_LOG=off (wrangler dev relays and prints every log line, a cost a deployed Worker does not have on the request path)",
    hj,
    bare: bare ?? null,
    article: {
      url: `/v1/articles/${articleId}?lang=en_US (warm)`,
      answeredBy: articleProbe.headers["cache-status"] ?? "?",
      ...art,
    },
  };
  log(`  hj-search warm article: ${art.rps} req/s, p50 ${art.p50Ms} ms, p99 ${art.p99Ms} ms (${art.notOk} not a 200 answered locally)`);
  if (bare) {
    log(`  bare worker:   ${bare.rps} req/s, p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms`);
    result.latency.ratio = { p50: round(hj.p50Ms / bare.p50Ms, 2), p99: round(hj.p99Ms / bare.p99Ms, 2), rpsPercent: round((hj.rps / bare.rps) * 100, 0) };
    result.latency.article.ratio = { p50: round(art.p50Ms / bare.p50Ms, 2), p99: round(art.p99Ms / bare.p99Ms, 2), rpsPercent: round((art.rps / bare.rps) * 100, 0) };
  } else {
    result.latency.error = `bare worker did not start: ${bareError}`;
    log(`  the bare worker did not start: ${bareError}`);
  }
  // A 500 is reported (statuses in the table, the 500 budget), not fatal: the figures after it are still wanted.
  // Any other answer than a 200 from a local tier means the figure is not the cached path's: the run stops.
  for (const [name, m] of [["warm-key", hj], ["warm-article", art]]) {
    const n500 = m.status[500] ?? 0;
    if (n500) log(`  !!! ${n500} answers of 500 in the ${name} run: ${JSON.stringify(m.status)}`);
    if (m.notOk > n500) throw new Error(`${m.notOk - n500} responses in the ${name} run were not a 200 answered locally (${JSON.stringify(m.status)})`);
  }
}

const BUDGETS = { insightsCostPercent: 5, cachedSearchP50VsBare: 1.3, cachedArticleP50VsBare: 1.3 };

export const phase = {
  name: "load",
  budgets: BUDGETS,
  needs: { stack: true, bare: true },
  run: warmLoads,
  rows(r) {
    if (!r.latency?.hj) return [];
    const { hj, bare, ratio, connections } = r.latency;
    const art = r.latency.article;
    const rows = [
      [
        `Cached search (warm key) p50 / p99 (${connections} connections, ${r.latency.answeredBy})`,
        `${hj.p50Ms} / ${hj.p99Ms} ms`,
        bare ? `bare worker ${bare.p50Ms} / ${bare.p99Ms} ms (×${ratio.p50} / ×${ratio.p99}); budget p50 ≤ ×${BUDGETS.cachedSearchP50VsBare}` : "bare worker: not measured",
      ],
    ];
    if (art?.p50Ms !== undefined)
      rows.push([
        `Cached article p50 / p99 (${connections} connections, ${art.answeredBy})`,
        `${art.p50Ms} / ${art.p99Ms} ms`,
        bare ? `bare worker ${bare.p50Ms} / ${bare.p99Ms} ms (×${art.ratio.p50} / ×${art.ratio.p99}); budget p50 ≤ ×${BUDGETS.cachedArticleP50VsBare}` : "bare worker: not measured",
      ]);
    rows.push([
      "Warm key requests/s (search / article)",
      `${hj.rps}${art?.rps !== undefined ? ` / ${art.rps}` : ""}`,
      bare ? `bare worker ${bare.rps} (${ratio.rpsPercent}%${art?.ratio ? ` / ${art.ratio.rpsPercent}%` : ""})` : "bare worker: not measured",
    ]);
    if (art?.status) rows.push(["  … statuses (search / article)", `${statusText(hj.status)} / ${statusText(art.status)}`, "every answer a 200 from a local tier"]);
    const ic = r.insightsCost;
    if (ic) rows.push(["Insights recording on the search path (warm key p50)", `${ic.onP50Ms} ms on / ${ic.offP50Ms} ms off (${ic.percent}%)`, `budget ≤ ${BUDGETS.insightsCostPercent}%`]);
    return rows;
  },
  checks: (r) => [
    check(`insights (#13): recording costs ≤ ${BUDGETS.insightsCostPercent}% of search p50`, r.insightsCost?.percent ?? null, r.insightsCost?.percent <= BUDGETS.insightsCostPercent),
    check(`#11: cached search p50 ≤ ${BUDGETS.cachedSearchP50VsBare}× the bare worker`, r.latency?.ratio?.p50 ?? null, r.latency?.ratio?.p50 <= BUDGETS.cachedSearchP50VsBare),
    check(`#11: cached article p50 ≤ ${BUDGETS.cachedArticleP50VsBare}× the bare worker`, r.latency?.article?.ratio?.p50 ?? null, r.latency?.article?.ratio?.p50 <= BUDGETS.cachedArticleP50VsBare),
  ],
};
