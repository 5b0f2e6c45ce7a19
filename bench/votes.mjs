// Votes in a burst (issue #14): `votes` visitors vote at once, spread over `articles` cold articles (a fresh
// stack: nothing cached, no index), against a gate of `gate` calls a minute. Measures how many were accepted
// (200, counted: true) and how fast, then waits until the fake Helpjuice has received every vote, and reports
// the time to deliver all, the densest 60 s of upstream calls (never above the gate) and any vote counted
// twice. Used by `npm run bench` (200 votes, gate 100) and on its own:
//
//   node bench/votes.mjs [votes=20] [gate=10] [articles=5]     # the "done when": 20, 10, 5
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import http from "node:http";
import { HOST, fakeLog, round, sleep } from "./lib.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function post(url, body, headers) {
  return new Promise((resolve) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(url, { method: "POST", headers: { ...headers, "Content-Type": "application/json", "Content-Length": data.length } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, body: "", error: e.message }));
    req.end(data);
  });
}

async function fakeVotes(fakeUrl) {
  return new Promise((resolve, reject) => {
    http
      .get(`${fakeUrl}/__fake/votes`, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString()).votes));
      })
      .on("error", reject);
  });
}

/** The most calls in any 60 s, from the fake's log times (ms). */
function densest(times) {
  const t = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 60_000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/**
 * @param {{startStack: Function, votes?: number, gate?: number, articles?: number, maxWaitMs?: number, log?: (s: string) => void, onStack?: (stop: () => Promise<void>) => void}} o
 */
export async function votesBurst({ startStack, votes = 200, gate = 100, articles = 20, maxWaitMs = 5 * 60_000, log = () => {}, onStack }) {
  const stack = await startStack({ fakePort: 0, workerPort: "auto", host: HOST, quiet: true, vars: { UPSTREAM_RATE_LIMIT: String(gate) } });
  onStack?.(() => stack.stop());
  try {
    const { ARTICLES, HOSTILE_ARTICLE_IDS, PUBLIC_IN_INTERNAL_CATEGORY_IDS } = await loadSeed();
    const ids = ARTICLES.filter(
      (a) => a.published && a.accessibility === 1 && !HOSTILE_ARTICLE_IDS.includes(a.id) && !PUBLIC_IN_INTERNAL_CATEGORY_IDS.includes(a.id),
    )
      .slice(0, articles)
      .map((a) => a.id);
    if (ids.length < articles) throw new Error(`the seed has only ${ids.length} public articles`);
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: votes }, (_, i) => {
        const started = performance.now();
        return post(`${stack.workerUrl}/v1/articles/${ids[i % ids.length]}/vote`, { vote: "up" }, {
          Origin: stack.workerUrl,
          "X-HJ-Visitor": `bench-visitor-${i}`,
          "CF-Connecting-IP": `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        }).then((r) => ({ ...r, ms: performance.now() - started }));
      }),
    );
    const acceptedMs = Date.now() - t0;
    const accepted = answers.filter((r) => r.status === 200 && JSON.parse(r.body).counted === true).length;
    const latencies = answers.map((r) => r.ms).sort((a, b) => a - b);
    log(`  ${accepted}/${votes} accepted (counted: true) in ${acceptedMs} ms; statuses ${JSON.stringify(count(answers.map((r) => r.status)))}`);

    let delivered = 0;
    let deliveredMs = null;
    const deadline = Date.now() + maxWaitMs;
    let lastLog = 0;
    while (Date.now() < deadline) {
      const v = await fakeVotes(stack.fakeUrl);
      delivered = Object.values(v).reduce((n, c) => n + c.up + c.down, 0);
      if (delivered >= accepted) {
        deliveredMs = Date.now() - t0;
        break;
      }
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log(`  … ${delivered}/${accepted} delivered after ${round((Date.now() - t0) / 1000, 0)} s`);
      }
      await sleep(250);
    }
    await sleep(3_000); // anything sent twice would show up now
    const finalVotes = await fakeVotes(stack.fakeUrl);
    const finalDelivered = Object.values(finalVotes).reduce((n, c) => n + c.up + c.down, 0);
    const calls = await fakeLog(stack.fakeUrl, t0);
    const health = await new Promise((resolve) =>
      http.get(`${stack.workerUrl}/v1/health`, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
      }),
    );
    return {
      votes,
      gatePerMinute: gate,
      articles,
      accepted,
      acceptedAllWithinMs: acceptedMs,
      acceptP50Ms: round(latencies[Math.floor(latencies.length / 2)], 1),
      acceptMaxMs: round(latencies[latencies.length - 1], 1),
      delivered: finalDelivered,
      countedTwice: Math.max(0, finalDelivered - accepted),
      deliveredAllSeconds: deliveredMs === null ? null : round(deliveredMs / 1000, 1),
      upstreamCalls: calls.length,
      upstreamByKind: count(calls.map((e) => `${e.method} ${e.path.replace(/\/\d+/g, "/:id")} ${e.status}`)),
      maxCallsInAny60s: densest(calls.map((e) => e.time)),
      healthVotes: health.votes,
    };
  } finally {
    await stack.stop();
  }
}

/** The fake's seed, bundled for Node, to pick public articles the way the tests do (test/worker/seed-facts.ts). */
async function loadSeed() {
  const dir = mkdtempSync(join(os.tmpdir(), "hj-votes-seed-"));
  const out = join(dir, "seed.mjs");
  await build({ entryPoints: [join(ROOT, "test", "fake-helpjuice", "seed", "index.ts")], outfile: out, bundle: true, platform: "node", format: "esm", logLevel: "warning" });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function count(xs) {
  const out = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [votes = 20, gate = 10, articles = 5] = process.argv.slice(2).map(Number);
  const { startStack } = await import("../test/harness/stack.mjs");
  const r = await votesBurst({ startStack, votes, gate, articles, log: (s) => console.log(s) });
  console.log(JSON.stringify(r, null, 2));
  const ok = r.accepted === votes && r.delivered === votes && r.maxCallsInAny60s <= gate;
  console.log(ok ? "OK" : "FAIL");
  process.exit(ok ? 0 : 1);
}

// In the background beside SciFact, on a stack of its own: it mostly waits on the gate's minute, so it costs
// that phase little and the run no extra minutes. No table row: its figures are in latest.json.
export const phase = {
  name: "votes",
  budgets: {},
  background: true,
  skip: (options) => (options.skipVotes ? "BENCH_SKIP_VOTES=1" : null),
  async run({ result, log, options, cleanups, startStack }) {
    log(`votes: a burst of 200 on 20 cold articles against a gate of ${options.gate} a minute, on a stack of its own, in the background …`);
    const v = (result.votes = await votesBurst({ startStack, votes: 200, gate: options.gate, articles: 20, log, onStack: (stop) => cleanups.push(stop) }).catch((e) => ({
      error: String(e.message ?? e),
    })));
    if (v.error) throw new Error(v.error);
    log(
      `  votes: ${v.accepted}/${v.votes} accepted within ${v.acceptedAllWithinMs} ms, ${v.delivered} delivered ` +
        `in ${v.deliveredAllSeconds} s, ${v.countedTwice} counted twice, max ${v.maxCallsInAny60s} calls in any 60 s (gate ${v.gatePerMinute})`,
    );
    if (v.maxCallsInAny60s > v.gatePerMinute) throw new Error(`${v.maxCallsInAny60s} upstream calls in 60 s, above the gate`);
  },
  rows: () => [],
  checks: () => [],
};
