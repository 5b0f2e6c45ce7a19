// `wrangler` as the harness runs it, for any config: in a process group of its own (so it can be ended with
// workerd and everything else it started), SIGTERM then SIGKILL after a grace period, ended too when this
// process gets SIGINT/SIGTERM/SIGHUP (procs.mjs's onShutdown) or exits. Plain ESM for Node 20.
//
//   const w = await startWranglerDev({ config: "bench/bare-worker/wrangler.toml", readyPath: "/" });
//   await fetch(w.url); … await w.stop();
//   const r = await runWrangler(["deploy", "--dry-run", "--outdir", dir]);   // {code, output, ms}
//
// test/harness/stack.mjs starts the hj-search worker (with the fake Helpjuice and a migrated D1) the same way.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { untilAnswers } from "./answers.mjs";
import { freePort } from "./ports.mjs";
import { onShutdown, signalGroup, stopGroup } from "./procs.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
/**
 * No metrics, no cf.json fetch, no banner: what the harness always sets for wrangler. And no watching of the
 * config: the harness never edits it under a running wrangler dev, and a rewrite by another stack starting
 * (dev-config.mjs) must not reload this one's workerd.
 */
export const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true",
};
const OUTPUT_KEEP = 64 * 1024;

/**
 * Spawns `wrangler …args` as a process group and registers its clean-up.
 * `setQuiet(false)` shows its output from then on (`npm start`: once the stack is ready and seeded).
 * @returns {{pid: number, exited: Promise<number|string|null>, hasExited(): boolean, output(): string, setQuiet(q: boolean): void, stop(o?: {graceMs?: number}): Promise<void>}}
 */
export function launchWrangler(args, { cwd = ROOT, env = {}, quiet = true } = {}) {
  const child = spawn(WRANGLER, args, {
    cwd,
    detached: true, // its own process group: wrangler and workerd are ended together
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...WRANGLER_ENV, ...env },
  });
  let output = "";
  let loud = !quiet;
  const remember = (chunk, stream) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEEP);
    if (loud) stream.write(chunk);
  };
  child.stdout.on("data", (d) => remember(d, process.stdout));
  child.stderr.on("data", (d) => remember(d, process.stderr));
  let hasExited = false;
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? signal));
    child.once("error", (err) => {
      output += `\n${err.message}`;
      resolve(err.code ?? "error");
    });
  }).finally(() => (hasExited = true));
  const onExit = () => signalGroup(child.pid, "SIGKILL");
  process.on("exit", onExit);
  let stopping = null;
  let offShutdown = () => {};
  const stop = ({ graceMs = 5_000 } = {}) =>
    (stopping ??= (async () => {
      offShutdown();
      await stopGroup(child.pid, { graceMs });
      process.off("exit", onExit);
    })());
  offShutdown = onShutdown(() => stop());
  return { pid: child.pid, exited, hasExited: () => hasExited, output: () => output, setQuiet: (q) => void (loud = !q), stop };
}

/**
 * Runs `wrangler …args` to its end (bounded by `timeoutMs`), then ends whatever it left in its group.
 * @returns {Promise<{code: number|string|null, output: string, ms: number, timedOut: boolean}>}
 */
export async function runWrangler(args, { timeoutMs = 120_000, ...opts } = {}) {
  const t0 = performance.now();
  const w = launchWrangler(args, opts);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    w.stop({ graceMs: 2_000 });
  }, timeoutMs);
  const code = await w.exited;
  clearTimeout(timer);
  const ms = performance.now() - t0;
  await w.stop({ graceMs: 2_000 });
  return { code, output: w.output(), ms, timedOut };
}

/**
 * Starts `wrangler dev -c config` on `host:port` (0: a free one) with the harness's flags (local state in a
 * fresh --persist-to directory unless one is given, request logging on) and resolves once GET `readyPath`
 * answers 200, polled every `pollMs`. `startupMs` is the time from the spawn to that first 200: a cold start.
 * @param {object} o
 * @param {string} o.config                 the wrangler.toml (relative to the repository, or absolute)
 * @param {number} [o.port=0]
 * @param {string} [o.host="127.0.0.1"]
 * @param {Record<string,string>} [o.vars]  `--var NAME:value`
 * @param {string} [o.persist]              --persist-to (kept by stop()); by default a temporary one (removed)
 * @param {string} [o.readyPath="/"]
 * @param {number} [o.timeoutMs=60000]
 * @param {number} [o.pollMs=250]
 * @param {boolean} [o.quiet=true]
 * @returns {Promise<{url: string, pid: number, persist: string, startupMs: number, exited: Promise<any>, output(): string, stop(): Promise<void>}>}
 */
export async function startWranglerDev({ config, port = 0, host = "127.0.0.1", vars = {}, persist, readyPath = "/", timeoutMs = 60_000, pollMs = 250, quiet = true }) {
  const p = port || (await freePort(host));
  const ownPersist = !persist;
  const dir = persist ?? mkdtempSync(join(tmpdir(), "hj-wrangler-"));
  const args = ["dev", "-c", isAbsolute(config) ? config : join(ROOT, config), "--port", String(p), "--ip", host, "--persist-to", dir];
  args.push("--inspector-port", String(await freePort(host)), "--show-interactive-dev-session=false", "--log-level", "log");
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  const t0 = performance.now();
  const w = launchWrangler(args, { quiet });
  const stop = async () => {
    await w.stop();
    if (ownPersist) rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://${host}:${p}`;
  const up = await untilAnswers({ url: `${url}${readyPath}`, timeoutMs, pollMs, hasExited: w.hasExited });
  if (!up.ok) {
    await stop();
    throw new Error(
      (up.exited ? `wrangler dev (${config}) exited before it answered.` : `wrangler dev (${config}) did not answer GET ${readyPath} within ${Math.round(timeoutMs / 1000)} s (last: ${up.last}).`) +
        `\n--- wrangler output ---\n${w.output().trim()}`,
    );
  }
  const startupMs = performance.now() - t0;
  return { url, pid: w.pid, persist: dir, startupMs, exited: w.exited, output: w.output, stop };
}
