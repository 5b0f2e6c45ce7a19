/**
 * The only code that talks to Helpjuice. Every attempt first takes a slot from the global gate; GETs are
 * retried once on a fault that a retry can cure, with jitter, and only inside the one timeout budget.
 */
import type { Config } from "../core/config";
import { UpstreamError } from "../core/upstream-error";
import type { Viewer } from "../core/visibility";
import type { UpstreamGate } from "./gate";

export interface Upstream {
  cfg: Config;
  apiKey: string;
  gate: DurableObjectStub<UpstreamGate>;
  /** Who caused this call, for the per-client share of the gate; null for background refreshes. */
  client: string | null;
}

export function gateStub(ns: DurableObjectNamespace<UpstreamGate>): DurableObjectStub<UpstreamGate> {
  return ns.get(ns.idFromName("global"));
}

const MAX_ATTEMPTS = 2;

function authorise(url: URL, headers: Headers, apiKey: string, viewer: Viewer): void {
  if (viewer.kind === "user") {
    // Basic auth takes the Authorization header, so the key moves to the query, as the reference says.
    headers.set("Authorization", `Basic ${btoa(`${viewer.email}:`)}`);
    url.searchParams.set("api_key", apiKey);
  } else {
    headers.set("Authorization", apiKey);
  }
}

async function takeSlot(up: Upstream): Promise<void> {
  const d = await up.gate.acquire(up.cfg.rateLimit, up.client, up.cfg.clientRateLimit);
  if (!d.ok) throw new UpstreamError(d.reason === "client" ? "client_limited" : "gate_closed", d.retryAfterMs);
}

function retryable(e: unknown): boolean {
  return e instanceof UpstreamError ? e.fault === "bad_answer" : false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function attempt(up: Upstream, method: string, url: URL, viewer: Viewer, deadline: number): Promise<unknown> {
  await takeSlot(up);
  const headers = new Headers({ Accept: "application/json" });
  authorise(url, headers, up.apiKey, viewer);
  let res: Response;
  try {
    res = await fetch(url, { method, headers, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
  } catch (e) {
    const name = (e as Error)?.name;
    throw new UpstreamError(name === "TimeoutError" || name === "AbortError" ? "timeout" : "bad_answer");
  }
  if (res.status === 429) {
    await res.body?.cancel();
    await up.gate.close(up.cfg.rateLimit);
    throw new UpstreamError("gate_closed", 60_000);
  }
  if (!res.ok) {
    await res.body?.cancel();
    if (res.status === 404) throw new UpstreamError("not_found");
    if (res.status === 401 && viewer.kind === "user") throw new UpstreamError("unknown_user");
    if (res.status === 401 || res.status === 403) throw new UpstreamError("refused");
    throw new UpstreamError("bad_answer");
  }
  try {
    return await res.json();
  } catch (e) {
    if ((e as Error)?.name === "TimeoutError") throw new UpstreamError("timeout");
    throw new UpstreamError("bad_answer");
  }
}

async function call(up: Upstream, method: "GET" | "PUT", path: string, params: Record<string, string>, viewer: Viewer) {
  if (!up.cfg.baseUrl || !up.apiKey) throw new UpstreamError("refused");
  const deadline = Date.now() + up.cfg.timeoutMs;
  const attempts = method === "GET" ? MAX_ATTEMPTS : 1;
  for (let i = 1; ; i++) {
    const url = new URL(`${up.cfg.baseUrl}${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    try {
      return await attempt(up, method, url, viewer, deadline);
    } catch (e) {
      const backoff = 50 + Math.random() * 200;
      if (i >= attempts || !retryable(e) || Date.now() + backoff + 250 > deadline) throw e;
      await sleep(backoff);
    }
  }
}

export function searchUpstream(up: Upstream, query: string, category: number | undefined, viewer: Viewer) {
  const params: Record<string, string> = { query };
  if (category !== undefined) params.category_id = String(category);
  return call(up, "GET", "/api/v3/search", params, viewer);
}

export function articleUpstream(up: Upstream, id: number, lang: string | undefined, viewer: Viewer) {
  const params: Record<string, string> = { processed: "true" };
  if (lang) params.kb_language = lang;
  return call(up, "GET", `/api/v3/articles/${id}`, params, viewer);
}

export function voteUpstream(up: Upstream, id: number, vote: "up" | "down", viewer: Viewer) {
  return call(up, "PUT", `/api/v3/articles/${id}/${vote}vote`, {}, viewer);
}
