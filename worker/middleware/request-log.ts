/**
 * One structured JSON line per request, for Workers Logs (`[observability]` in wrangler.toml) and
 * `wrangler tail`: the route (its pattern, never the URL: a query can hold an e-mail address), the status,
 * Cache-Status, the upstream calls made before the answer with their milliseconds, and what the request saw
 * of the upstream gate. Never a key, a token, an e-mail address or a query's text.
 *
 * Upstream calls are seen where they leave the worker (fetch), within this request's async context, so the
 * Helpjuice client needs no hook: only their method, path (never the query, which can carry `api_key`),
 * status and time are kept. Calls a request leaves running in the background are not in its line.
 *
 * `REQUEST_LOG`: "off" or "on"; unset, a line is written for every request that came through Cloudflare's
 * network (it has `request.cf`: deployed, and `wrangler dev`), not for in-process calls such as the Workers tests'.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../app-env";

export interface UpstreamCall {
  method: string;
  path: string;
  /** null: no answer (timed out, aborted or the connection failed). */
  status: number | null;
  ms: number;
}

export interface RequestLine {
  msg: "request";
  method: string;
  route: string;
  status: number;
  ms: number;
  cache_status: string | null;
  /** "user" when a user token was verified; never who. */
  viewer: "anonymous" | "user" | null;
  upstream: UpstreamCall[];
  upstream_ms: number;
  /** What this request saw of the upstream gate: not asked (no upstream call was needed), open, closed, or this client over its share. */
  gate: "not_asked" | "open" | "closed" | "client_limited";
  colo: string | null;
}

interface Trace {
  calls: UpstreamCall[];
}

const traces = new AsyncLocalStorage<Trace>();
let wrapped = false;

/** Upstream paths name articles by number; anything else that looks like a word is kept, an e-mail never. */
const safePath = (path: string) => path.replace(/[^/]*@[^/]*/g, "[redacted]");

/** Once per isolate: outbound fetches made inside a traced request are timed into its trace. */
function traceFetch(): void {
  if (wrapped) return;
  wrapped = true;
  const original = globalThis.fetch;
  globalThis.fetch = async function tracedFetch(input: RequestInfo | URL, init?: RequestInit) {
    const trace = traces.getStore();
    if (!trace) return original(input, init);
    let path = "?";
    try {
      path = safePath(new URL(input instanceof Request ? input.url : String(input)).pathname);
    } catch {
      /* not a URL: left as "?" */
    }
    const call: UpstreamCall = { method: (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase(), path, status: null, ms: 0 };
    trace.calls.push(call);
    const started = Date.now();
    try {
      const res = await original(input, init);
      call.status = res.status;
      return res;
    } finally {
      call.ms = Date.now() - started;
    }
  } as typeof fetch;
}

/**
 * `request.cf`, read once per request: workerd builds the object from the request's metadata on every read
 * (about a twentieth of a cached search's CPU under `wrangler dev`), and a log line asks twice.
 */
const cfs = new WeakMap<Request, { colo?: unknown } | undefined>();
function cfOf(req: Request): { colo?: unknown } | undefined {
  if (cfs.has(req)) return cfs.get(req);
  const cf = (req as { cf?: { colo?: unknown } }).cf;
  cfs.set(req, cf);
  return cf;
}

/** The Cloudflare location that took the request, when there is one. */
export const coloOf = (req: Request): string | null => (cfOf(req)?.colo as string | undefined) ?? null;

export function logging(setting: string | undefined, req: Request): boolean {
  if (setting === "off") return false;
  if (setting === "on") return true;
  return cfOf(req) !== undefined;
}

function gateSeen(status: number, cacheStatus: string | null, retryAfter: string | null, calls: UpstreamCall[]): RequestLine["gate"] {
  if (status === 429 || /client-limited/.test(cacheStatus ?? "")) return "client_limited";
  if ((status === 503 && retryAfter !== null) || /gate-closed/.test(cacheStatus ?? "")) return "closed";
  return calls.length ? "open" : "not_asked";
}

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!logging((c.env as { REQUEST_LOG?: string } | undefined)?.REQUEST_LOG, c.req.raw)) return next();
  traceFetch();
  const trace: Trace = { calls: [] };
  const started = Date.now();
  try {
    await traces.run(trace, next);
  } finally {
    const res = c.res;
    const calls = trace.calls.map((call) => ({ ...call }));
    const route = routePath(c, -1);
    const viewer = (c.get("viewer") as { kind?: string } | undefined)?.kind;
    const line: RequestLine = {
      msg: "request",
      method: c.req.method,
      route: route === "*" || route === "/*" ? "(none)" : route,
      status: res.status,
      ms: Date.now() - started,
      cache_status: res.headers.get("Cache-Status"),
      viewer: viewer === "user" ? "user" : viewer === "anonymous" ? "anonymous" : null,
      upstream: calls,
      upstream_ms: calls.reduce((n, call) => n + call.ms, 0),
      gate: gateSeen(res.status, res.headers.get("Cache-Status"), res.headers.get("Retry-After"), calls),
      colo: coloOf(c.req.raw),
    };
    console.log(JSON.stringify(line));
  }
};
