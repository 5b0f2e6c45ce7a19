// Cold start (issue #11): the time from spawning a fresh `wrangler dev` to its first 200, for the hj-search
// worker (test/harness/stack.mjs: the fake Helpjuice and a migrated local D1 are made first and not counted;
// the clock runs from the spawn to GET /v1/health's 200) and for the bare worker (bench/bare-worker, GET /),
// taking turns, `samples` each; the median is the figure. Everything is stopped before the next start, so no
// two are ever running at once. On its own: `node bench/coldstart.mjs [samples=3]`.
import { pathToFileURL } from "node:url";
import { startStack } from "../test/harness/stack.mjs";
import { startWranglerDev } from "../test/harness/wrangler.mjs";
import { n } from "./format.mjs";
import { HOST, round, sleep } from "./lib.mjs";

export const BARE_CONFIG = "bench/bare-worker/wrangler.toml";
/** How often the starting worker is asked whether it answers: the figure's resolution. */
const POLL_MS = 20;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

/**
 * @param {{samples?: number, log?: (m: string) => void, onStart?: (stop: () => Promise<void>) => void}} [o]
 */
export async function coldStart({ samples = 3, log = () => {}, onStart = () => {} } = {}) {
  const hj = [];
  const bare = [];
  for (let i = 0; i < samples; i++) {
    const s = await startStack({ fakePort: 0, workerPort: 0, host: HOST, quiet: true, pollMs: POLL_MS });
    onStart(() => s.stop());
    hj.push(s.startupMs);
    await s.stop();
    await sleep(200); // let the stopped group's last exits settle before the next spawn
    const b = await startWranglerDev({ config: BARE_CONFIG, host: HOST, readyPath: "/", pollMs: POLL_MS });
    onStart(() => b.stop());
    bare.push(b.startupMs);
    await b.stop();
    await sleep(200);
    log(`  cold start ${i + 1}/${samples}: hj-search ${Math.round(hj.at(-1))} ms, bare worker ${Math.round(bare.at(-1))} ms`);
  }
  const hjMedian = median(hj);
  const bareMedian = median(bare);
  return {
    what: "spawn of a fresh `wrangler dev` (its own --persist-to; wrangler bundles the worker, starts workerd) to the first 200: GET /v1/health for hj-search, GET / for the bare worker",
    samples,
    pollMs: POLL_MS,
    hj: { medianMs: round(hjMedian, 0), samplesMs: hj.map((x) => round(x, 0)) },
    bare: { medianMs: round(bareMedian, 0), samplesMs: bare.map((x) => round(x, 0)) },
    ratio: round(hjMedian / bareMedian, 2),
  };
}

// Issue #11: cold starts, before anything else runs (one wrangler dev at a time, nothing else on the cores).
export const phase = {
  name: "cold",
  budgets: {},
  async run({ result, log, options, cleanups }) {
    log(`3/9 cold start: a fresh wrangler dev to its first 200, hj-search and the bare worker taking turns, ${options.COLD_SAMPLES} each …`);
    const cs = (result.coldStart = await coldStart({ samples: options.COLD_SAMPLES, log, onStart: (stop) => cleanups.push(stop) }));
    log(`  median: hj-search ${cs.hj.medianMs} ms, bare worker ${cs.bare.medianMs} ms (×${cs.ratio})`);
  },
  rows(r) {
    const cs = r.coldStart;
    if (!cs) return [];
    return [[`Cold start: fresh wrangler dev → first 200, median of ${cs.samples}`, `${n(cs.hj.medianMs)} ms (${cs.hj.samplesMs.map(n).join(", ")})`, `bare worker ${n(cs.bare.medianMs)} ms (×${cs.ratio})`]];
  },
  checks: () => [],
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const n = Number(process.argv[2]) || 3;
  console.log(JSON.stringify(await coldStart({ samples: n, log: console.log }), null, 2));
  process.exit(0);
}
