// The whole stack on this machine: the fake Helpjuice (in this process) and `wrangler dev` (a child
// process group) pointed at it. For `npm start` and end-to-end tests. Plain ESM for Node 20.
//
//   const stack = await startStack({ fakePort: 0, workerPort: 0 });   // 0 = any free port
//   await fetch(`${stack.workerUrl}/v1/search?q=password`);
//   stack.fake.state.log / fetch(`${stack.fakeUrl}/__fake/log`)
//   await stack.stop();
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { untilAnswers } from "./answers.mjs";
import { devConfig } from "./dev-config.mjs";
import { freePort, portIsFree } from "./ports.mjs";
import { onShutdown } from "./procs.mjs";
import { launchWrangler, runWrangler } from "./wrangler.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FAKE_ENTRY = join(ROOT, "test", "fake-helpjuice", "server.ts");
const FAKE_BUNDLE = join(ROOT, "dist", "fake-helpjuice.mjs");

/** The seed's pictures (test/fake-helpjuice/images/*.svg), which the fake serves at /images/<name>. */
function seedImages() {
  const dir = join(ROOT, "test", "fake-helpjuice", "images");
  const files = {};
  for (const name of readdirSync(dir)) if (name.endsWith(".svg")) files[`/images/${name}`] = { type: "image/svg+xml", body: readFileSync(join(dir, name)) };
  return files;
}

/** Bundles the fake's Node entry to dist/fake-helpjuice.mjs (dependencies stay external) and imports it. */
export async function loadFake() {
  await build({
    entryPoints: [FAKE_ENTRY],
    outfile: FAKE_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  // A fresh URL each time, so a rebuilt bundle is really re-imported within one process.
  return import(`${pathToFileURL(FAKE_BUNDLE).href}?v=${Date.now()}`);
}

/**
 * Starts the fake Helpjuice and `wrangler dev` against it; resolves once GET /v1/health answers 200 (which it
 * does only while nothing is misconfigured: the defaults below count as well configured).
 * @param {object} [opts]
 * @param {number|"auto"} [opts.fakePort=8788]   0 or "auto" for any free port
 * @param {number|"auto"} [opts.workerPort=8787] 0 or "auto" for any free port
 * @param {Record<string,string>} [opts.vars] extra `--var NAME:value` for the worker (win over the defaults below)
 * @param {boolean} [opts.quiet=true]     false shows wrangler's output (setQuiet() changes it later)
 * @param {string[]} [opts.args]          more `wrangler dev` arguments
 * @param {string} [opts.host="127.0.0.1"]
 * @param {number} [opts.fakeRateLimit]   the fake's requests per minute (default 100, as Helpjuice)
 * @param {number} [opts.clientLimit]     every per-client limit ([[ratelimits]]) set to this (dev-config.mjs)
 * @param {number} [opts.timeoutMs=60000] how long to wait for the worker
 * @param {string} [opts.readyPath="/v1/health"]
 * @param {number} [opts.pollMs=250]      how often readyPath is asked while the worker starts
 * @returns {Promise<{workerUrl: string, fakeUrl: string, apiKey: string, fake: any, persist: string, exited: Promise<number|string|null>, hasExited(): boolean, output(): string, setQuiet(q: boolean): void, ready(timeoutMs?: number): Promise<void>, stop(): Promise<void>, startupMs: number}>}
 *   `persist`: the wrangler --persist-to directory (local KV, D1, Durable Objects); removed by stop().
 *   `startupMs`: from spawning `wrangler dev` to the first 200 on readyPath (a cold start; the fake and the
 *   migrations come before it and are not counted).
 */
export async function startStack(opts = {}) {
  let {
    fakePort = 8788,
    workerPort = 8787,
    vars = {},
    quiet = true,
    host = "127.0.0.1",
    fakeRateLimit,
    clientLimit,
    timeoutMs = 60_000,
    readyPath = "/v1/health",
    pollMs = 250,
    args: moreArgs = [],
  } = opts;
  if (fakePort === "auto") fakePort = 0;
  if (workerPort === "auto") workerPort = 0;

  const mod = await loadFake();
  let wport = workerPort || (await freePort(host));
  if (!(await portIsFree(wport, host))) throw new Error(`port ${wport} on ${host} is in use (is another wrangler dev or npm start running?)`);
  let running;
  try {
    running = await mod.startFakeHelpjuice({ port: fakePort, host, rateLimit: fakeRateLimit, files: seedImages() });
  } catch (e) {
    throw new Error(`the fake Helpjuice could not listen on ${host}:${fakePort}: ${e.message}`);
  }
  const persist = mkdtempSync(join(tmpdir(), "hj-stack-"));
  mkdirSync(join(ROOT, "dist", "public"), { recursive: true }); // wrangler.toml's [assets] directory

  const allVars = {
    HELPJUICE_BASE_URL: running.url,
    HELPJUICE_API_KEY: mod.FAKE_API_KEY, // a secret in production; a plain var is fine for local dev
    // The edge index wants webhooks, so /v1/health (the readiness check below) is 503 without this.
    WEBHOOK_SECRET: "dev-stack-webhook-secret",
    ALLOWED_ORIGINS: `http://localhost:${wport},http://127.0.0.1:${wport}`,
    ...vars,
  };
  // The edge index's schema on the local D1 this run persists to: a fresh local state plus the migrations is
  // all the worker needs (docs/design.md). Non-interactive (stdin closed, CI=true), so wrangler does not prompt.
  // A process group of its own too (it runs workerd), so a signal during startup can end it as a whole.
  const offCleanup = onShutdown(async () => {
    await running.close().catch(() => {});
    rmSync(persist, { recursive: true, force: true });
  });
  const migrated = await runWrangler(["d1", "migrations", "apply", "HJ_INDEX", "--local", "--persist-to", persist], { env: { CI: "true" } });
  offCleanup();
  if (migrated.code !== 0) {
    await running.close();
    rmSync(persist, { recursive: true, force: true });
    throw new Error(`applying migrations/ to the local D1 failed.\n--- wrangler output ---\n${migrated.output.trim()}`);
  }

  // A port picked free can be taken before workerd binds it (ports are picked before the fake starts and the
  // migrations run, and wrangler picks some of its own the same way): a start that fails on an address in use
  // is made again on other ports, twice at most.
  let w;
  let spawnedAt;
  let stop;
  let workerUrl;
  for (let attempt = 1; ; attempt++) {
    workerUrl = `http://${host}:${wport}`;
    const launchVars = { ...allVars, ALLOWED_ORIGINS: vars.ALLOWED_ORIGINS ?? `http://localhost:${wport},http://127.0.0.1:${wport}` };
    const args = ["dev", "-c", devConfig({ clientLimit }), "--port", String(wport), "--ip", host, "--persist-to", persist, "--inspector-port", String(await freePort(host))];
    args.push("--show-interactive-dev-session=false", "--log-level", "log"); // kept for error messages even when quiet
    for (const [name, value] of Object.entries(launchVars)) args.push("--var", `${name}:${value}`);
    args.push(...moreArgs);

    spawnedAt = performance.now();
    // wrangler and workerd in a process group of their own, ended together (SIGTERM, then SIGKILL), also on
    // SIGINT/SIGTERM/SIGHUP to this process or its exit (wrangler.mjs).
    const launched = launchWrangler(args, { quiet });
    w = launched;
    let stopping = null;
    let offShutdown = () => {};
    stop = () =>
      (stopping ??= (async () => {
        offShutdown();
        await launched.stop();
        await running.close().catch(() => {});
        rmSync(persist, { recursive: true, force: true });
      })());
    offShutdown = onShutdown(stop);

    const up = await untilAnswers({ url: `${workerUrl}${readyPath}`, timeoutMs, pollMs, hasExited: w.hasExited });
    if (up.ok) break;
    if (up.exited && attempt < 3 && /address already in use/i.test(w.output())) {
      offShutdown();
      await launched.stop();
      if (!workerPort) wport = await freePort(host);
      continue;
    }
    await stop();
    throw new Error(
      (up.exited ? "wrangler dev exited before the worker answered." : `wrangler dev did not answer GET ${readyPath} on ${workerUrl} within ${Math.round(timeoutMs / 1000)} s (last: ${up.last}).`) +
        `\n--- wrangler output ---\n${w.output().trim()}`,
    );
  }
  const exited = w.exited;
  const startupMs = performance.now() - spawnedAt;

  // After a reload of workerd (wrangler rebuilt, or restarted it), the worker refuses connections for a
  // moment: a caller that met one asks ready() to wait for it rather than fail on it.
  const ready = async (ms = 30_000) => {
    const again = await untilAnswers({ url: `${workerUrl}${readyPath}`, timeoutMs: ms, pollMs, hasExited: w.hasExited });
    if (!again.ok)
      throw new Error(`waiting for GET ${readyPath} on ${workerUrl} (${ms} ms): ${again.exited ? `wrangler dev exited (${await exited})` : `last ${again.last}`}`);
  };
  return { workerUrl, fakeUrl: running.url, apiKey: mod.FAKE_API_KEY, fake: running.fake, persist, exited, hasExited: w.hasExited, ready, stop, output: () => w.output(), setQuiet: w.setQuiet, startupMs };
}

/**
 * Whether `stack`'s worker still answers GET /v1/health at all (a few tries, 2 s each); when it does not, `why` says
 * what is known: wrangler's exit status if it has exited, and the tail of its output.
 */
export async function stackAnswers(stack, tries = 3) {
  const up = await untilAnswers({ url: `${stack.workerUrl}/v1/health`, timeoutMs: tries * 2_500, pollMs: 500, anyStatus: true, hasExited: stack.hasExited });
  if (up.ok) return { ok: true }; // any answer: the worker is up (health's own verdict is not the question here)
  const status = stack.hasExited() ? `wrangler dev exited (${await stack.exited})` : `wrangler dev is running but ${stack.workerUrl} does not answer (${up.last})`;
  return { ok: false, why: `${status}\n--- the last of its output ---\n${stack.output().trim().slice(-4_000)}` };
}
