// Small helpers the bench phases share: a node:http GET with a timeout that never throws, percentiles,
// rounding, and the Cache-Status reading. Loopback only: every URL the bench builds is on HOST.
import http from "node:http";

export const HOST = "127.0.0.1";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The p-th percentile (nearest rank) of an ascending array; null when empty. */
export function pct(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const round = (n, d = 2) => (n === null || n === undefined || !Number.isFinite(n) ? null : Number(n.toFixed(d)));

/** GET with keep-alive (when given an agent) and a timeout; resolves {status: 0, error} on failure. */
export async function get(agent, url, headers = {}, timeoutMs = 15_000) {
  const first = await getOnce(agent, url, headers, timeoutMs);
  // A kept-alive connection the server closed while idle resets the next request sent on it before any
  // answer; a browser sends that GET again on a new connection, and so does this client (once). Counted, so
  // the report can say how often.
  if (first.error === "ECONNRESET" && first.reused) {
    resets++;
    return getOnce(agent, url, headers, timeoutMs);
  }
  return first;
}

let resets = 0;
/** GETs sent again after a kept-alive connection was reset under them (see get). */
export const connectionResets = () => resets;

function getOnce(agent, url, headers, timeoutMs) {
  return new Promise((resolve) => {
    let reused = false;
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", (e) => resolve({ status: 0, headers: {}, body: "", error: e.code ?? e.message }));
    });
    req.on("socket", (socket) => {
      reused = req.reusedSocket || socket.bytesWritten > 0;
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, headers: {}, body: "", error: e.code ?? e.message, reused: reused || req.reusedSocket }));
  });
}

/** A request with a body (PUT/POST/DELETE), JSON in and out; for the fake's control routes. */
export function send(method, url, body, timeoutMs = 60_000) {
  return new Promise((resolve) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = data ? { "Content-Type": "application/json", "Content-Length": data.length } : {};
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on("error", (e) => resolve({ status: 0, body: "", error: e.code ?? e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, body: "", error: e.code ?? e.message }));
    req.end(data ?? undefined);
  });
}

/**
 * What answered, from `Cache-Status`: "index" (hj-index), "kv" (hj-kv hit), "mem" (a memory tier's hit),
 * "kv-stale", "collapsed", "miss", "bypass", "none", "other". A local answer is index, kv, mem or kv-stale.
 */
export function classify(cs) {
  if (!cs) return "none";
  // RFC 9211 lists the caches nearest the origin first: the memory tier, nearest the visitor, comes last.
  if (/(^|,\s*)hj-mem;\s*hit/.test(cs)) return "mem";
  if (/^hj-index;\s*hit/.test(cs)) return "index";
  if (/; hit; ttl=-/.test(cs)) return "kv-stale";
  if (/; hit/.test(cs)) return "kv";
  if (/collapsed/.test(cs)) return "collapsed";
  if (/fwd=miss/.test(cs)) return "miss";
  if (/fwd=bypass/.test(cs)) return "bypass";
  return "other";
}
export const LOCAL = new Set(["index", "mem", "kv", "kv-stale"]);

/** The fake Helpjuice's request log under /api/v3/ from `since` (ms) on. */
export async function fakeLog(fakeUrl, since = 0) {
  const r = await get(undefined, `${fakeUrl}/__fake/log?path=/api/v3/`, {}, 10_000);
  if (r.status !== 200) throw new Error(`the fake's log answered HTTP ${r.status}`);
  return JSON.parse(r.body).log.filter((e) => e.time >= since);
}

/** Counts of log entries by path (query left out). */
export function byPath(entries) {
  const out = {};
  for (const e of entries) out[e.path] = (out[e.path] ?? 0) + 1;
  return out;
}

/** GET /v1/health until index.state is "ready"; bounded by `timeoutMs`. Returns {ready, ms, index, polls}. */
export async function waitForIndex(workerUrl, { timeoutMs = 120_000, everyMs = 200, since = performance.now() } = {}) {
  let index = null;
  let polls = 0;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && polls < Math.ceil(timeoutMs / everyMs) + 10) {
    polls++;
    const r = await get(undefined, `${workerUrl}/v1/health`, {}, 5_000);
    if (r.status === 200) {
      index = JSON.parse(r.body).index;
      if (index?.state === "ready") return { ready: true, ms: performance.now() - since, index, polls };
    }
    await sleep(everyMs);
  }
  return { ready: false, ms: performance.now() - since, index, polls };
}
