// The first stack the load and browser phases share (fake Helpjuice + wrangler dev, fresh D1 and KV, through
// test/harness/stack.mjs), the bare worker beside it (test/harness/wrangler.mjs) and the host page's server,
// started together; and the demo index they all measure against, ready.
import { freePort } from "../test/harness/ports.mjs";
import { startStack } from "../test/harness/stack.mjs";
import { startWranglerDev } from "../test/harness/wrangler.mjs";
import { BARE_CONFIG } from "./coldstart.mjs";
import { startPageServer } from "./host-page.mjs";
import { HOST, get, waitForIndex } from "./lib.mjs";
import { QUERIES } from "./queries.mjs";

/** @returns {Promise<{stack: any, bareUrl: string|null, bareError: string|null, pageServer: any, stop(): Promise<void>}>} */
export async function startFirstStack({ options, result, cleanups, needBare, log }) {
  log("starting the stack (fake Helpjuice + wrangler dev, fresh D1 and KV) and the bare worker …");
  const pageServer = await startPageServer();
  cleanups.push(() => pageServer.stop());
  const workerPort = await freePort(HOST);
  const vars = {
    ALLOWED_ORIGINS: `http://${HOST}:${workerPort},http://localhost:${workerPort},${pageServer.origin}`,
    // The request log's line costs little on a deployed Worker (Workers Logs collect it after the response)
    // but wrangler dev relays every console.log to its Node process and prints it, which costs more than the
    // whole hot path. Off, so the latency figures are the worker's own; the bench reads nothing from the log.
    REQUEST_LOG: "off",
    // BENCH_INDEX_REPLICA=off: searches go to D1 every time, no in-isolate copy (the figure before it).
    ...(options.indexReplicaOff && { INDEX_REPLICA: "off" }),
  };
  result.indexReplica = options.indexReplicaOff ? "off (BENCH_INDEX_REPLICA=off)" : "on";
  const [stackR, bareR] = await Promise.allSettled([
    startStack({ fakePort: 0, workerPort, vars, quiet: true, host: HOST }),
    needBare ? startWranglerDev({ config: BARE_CONFIG, host: HOST, readyPath: "/" }) : Promise.reject(new Error("not wanted in this run (BENCH_PHASES)")),
  ]);
  const stops = [stackR, bareR].filter((r) => r.status === "fulfilled").map((r) => () => r.value.stop());
  cleanups.push(...stops);
  if (stackR.status === "rejected") throw new Error(`starting the stack: ${stackR.reason?.message ?? stackR.reason}`);
  const stack = stackR.value;
  const bareUrl = bareR.status === "fulfilled" ? bareR.value.url : null;
  log(`  worker ${stack.workerUrl}, fake ${stack.fakeUrl}${bareUrl ? `, bare worker ${bareUrl}` : ""}`);
  result.clientAddresses =
    "each simulated client sends its own CF-Connecting-IP (wrangler dev passes a client's header through; it only sets one when absent), so CLIENT_LIMITER keeps the limit wrangler.toml ships (30 a minute per client)";
  return {
    stack,
    bareUrl,
    bareError: bareR.status === "rejected" ? (bareR.reason?.message ?? String(bareR.reason)) : null,
    pageServer,
    stop: () => Promise.allSettled(stops.map((f) => f())),
  };
}

/** The demo index, ready: without the amplification run one search starts its build, as a deploy's first does. */
export async function demoIndexReady({ stack, result, searched }) {
  if (!searched) await get(undefined, `${stack.workerUrl}/v1/search?q=${encodeURIComponent(QUERIES[0])}`, { "CF-Connecting-IP": "198.51.100.203" });
  const idx = await waitForIndex(stack.workerUrl, { timeoutMs: 60_000 });
  result.demoIndex = idx.index;
  if (!idx.ready) throw new Error(`demo index, step 'first search → ready': waiting for /v1/health's index to be ready (60000 ms); last: ${JSON.stringify(idx.index)}`);
}
