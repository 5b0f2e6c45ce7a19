// The bench's options, all from the environment (`npm run bench` takes no flags): how much of each phase,
// which phases, where the data and the results are. Read once, at import.
import { join, resolve } from "node:path";
import { ROOT } from "../test/harness/stack.mjs";

const num = (name, fallback) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const on = (name) => process.env[name] === "1";

/** In run order. `hot` stands for issue #11's own phases. */
export const ALL_PHASES = ["size", "bundle", "cold", "amplification", "typing", "load", "keystroke", "reader", "scifact", "memory", "votes", "ask"];
const HOT = ["bundle", "cold", "typing", "load", "reader"];

function phases(list) {
  const set = new Set(list.split(",").map((p) => p.trim()).flatMap((p) => (p === "hot" ? HOT : p === "all" ? ALL_PHASES : [p])));
  for (const p of set) if (!ALL_PHASES.includes(p)) throw new Error(`BENCH_PHASES: no phase "${p}" (phases: hot, all, ${ALL_PHASES.join(", ")})`);
  return set;
}

const PHASES = phases(process.env.BENCH_PHASES || "all");
const whole = ALL_PHASES.every((p) => PHASES.has(p));

export const options = {
  SEARCHES: num("BENCH_SEARCHES", 5000),
  CLIENTS: num("BENCH_CLIENTS", 50),
  AMP_SECONDS: num("BENCH_AMP_SECONDS", 75),
  ZIPF_S: 1.1,
  SEED: 20261128,
  CONNECTIONS: num("BENCH_CONNECTIONS", 32),
  LOAD_SECONDS: num("BENCH_LOAD_SECONDS", 5),
  BROWSER_QUERIES: num("BENCH_BROWSER_QUERIES", 40),
  READER_SAMPLES: num("BENCH_READER_SAMPLES", 24),
  /** How long a result stays active before Enter: past the widget's 100 ms prefetch dwell (issue #11). */
  READER_DWELL_MS: 150,
  COLD_SAMPLES: num("BENCH_COLD_SAMPLES", 3),
  phases: PHASES,
  /** UPSTREAM_RATE_LIMIT: wrangler.toml's value, and Helpjuice's 100 a minute. */
  gate: 100,
  skipBrowser: on("BENCH_SKIP_BROWSER"),
  skipScifact: on("BENCH_SKIP_SCIFACT"),
  skipVotes: on("BENCH_SKIP_VOTES"),
  skipAsk: on("BENCH_SKIP_ASK"),
  /** A missed budget or a phase not measured (its data missing) fails the run. */
  strict: on("BENCH_STRICT"),
  indexReplicaOff: process.env.BENCH_INDEX_REPLICA === "off",
  /** The data sets that are not ours to ship (SciFact): relative to the repository, not to the shell's folder. */
  data: resolve(ROOT, process.env.BENCH_DATA || join("..", "shared", "bench-data")),
  /** latest.json for a whole run; a partial run (BENCH_PHASES) never overwrites it. */
  out: process.env.BENCH_OUT || join(ROOT, "bench", "results", whole ? "latest.json" : "partial.json.tmp"),
};

export const want = (phase) => PHASES.has(phase);
