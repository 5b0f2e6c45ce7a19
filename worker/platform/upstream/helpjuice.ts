/**
 * The only code that talks to Helpjuice. Every attempt first takes a slot from the global gate; GETs are
 * retried once on a fault that a retry can cure, with jitter, and only inside the one timeout budget. The
 * budget covers the gate, the connection and every byte of the body, and nothing outlives it: a timed-out
 * fetch is aborted, not left running.
 */
import type { Config } from "../../core/config";
import { UpstreamError } from "../../core/upstream/error";
import type { Viewer } from "../../core/articles/visibility";
import { readCapped } from "../bounded-body";
import { CLIENT_LIMIT_PERIOD_S, withinClientLimit } from "../client-limit";
import { UPSTREAM_429_CLOSE_MS, type UpstreamGate } from "./gate";

export interface Upstream {
  cfg: Config;
  apiKey: string;
  gate: DurableObjectStub<UpstreamGate>;
  /** Who caused this call, for the per-client limit (CLIENT_LIMITER); null for background refreshes. */
  client: string | null;
  /** The per-client limit's binding; absent for background work and the Durable Objects' own calls. */
  limiter?: RateLimit;
  /** Set for the index sync's calls: they take slots from its reserved share (gate.ts). */
  sync?: { urgent: boolean };
}

export function gateStub(ns: DurableObjectNamespace<UpstreamGate>): DurableObjectStub<UpstreamGate> {
  return ns.get(ns.idFromName("global"));
}

const MAX_ATTEMPTS = 2;
/**
 * The most of an upstream body we read. A real article is well under a megabyte; past this it is not an
 * answer we want to hold in memory, shape or store (KV takes at most 25 MiB a value).
 */
export const MAX_UPSTREAM_BODY_BYTES = 8 * 1024 * 1024;
/** A page of up to 1,000 articles with their bodies: larger than any one article, still bounded. */
export const MAX_LISTING_BYTES = 48 * 1024 * 1024;
/** The budget for one sync call (a listing page), when UPSTREAM_TIMEOUT_MS is shorter. */
const SYNC_TIMEOUT_MS = 30_000;
/** When the gate itself cannot be asked (an overloaded or failing Durable Object): try again shortly. */
const GATE_TROUBLE_RETRY_MS = 5_000;
/** Longest close an upstream Retry-After may ask of the gate. */
const MAX_429_CLOSE_MS = 10 * 60_000;

/** Base64 of UTF-8 (btoa alone throws on anything past Latin-1, as in an internationalised email). */
function base64Utf8(s: string): string {
  let bin = "";
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function authorise(url: URL, headers: Headers, apiKey: string, viewer: Viewer): void {
  if (viewer.kind === "user") {
    // Basic auth takes the Authorization header, so the key moves to the query, as the reference says.
    headers.set("Authorization", `Basic ${base64Utf8(`${viewer.email}:`)}`);
    url.searchParams.set("api_key", apiKey);
  } else {
    headers.set("Authorization", apiKey);
  }
}

/** Rejects with `make()` once `signal` aborts; never an unhandled rejection. */
function onAbort(signal: AbortSignal, make: () => unknown): Promise<never> {
  const p = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(make());
    else signal.addEventListener("abort", () => reject(make()), { once: true });
  });
  p.catch(() => {});
  return p;
}

async function takeSlot(up: Upstream, signal: AbortSignal): Promise<void> {
  // One client's share first (in this location: it protects the budget from one visitor), then the account's
  // (every location: the gate).
  if (!(await withinClientLimit(up.limiter, up.client))) throw new UpstreamError("client_limited", CLIENT_LIMIT_PERIOD_S * 1000);
  let d: Awaited<ReturnType<UpstreamGate["acquire"]>>;
  try {
    d = await Promise.race([
      up.sync
        ? up.gate.acquireSync(up.cfg.rateLimit, up.cfg.syncReserved, up.sync.urgent)
        : up.gate.acquire(up.cfg.rateLimit, up.cfg.syncReserved),
      // Out of time before the gate answered: nothing was sent, so this is the gate's trouble, never an
      // ambiguous upstream timeout (a vote outbox must know the difference).
      onAbort(signal, () => new UpstreamError("gate_closed", GATE_TROUBLE_RETRY_MS)),
    ]);
  } catch (e) {
    if (e instanceof UpstreamError) throw e;
    // Without the gate we cannot know the account's minute is not spent: fail closed, briefly.
    throw new UpstreamError("gate_closed", GATE_TROUBLE_RETRY_MS);
  }
  if (!d.ok) throw new UpstreamError("gate_closed", d.retryAfterMs);
}

function retryable(e: unknown): boolean {
  return e instanceof UpstreamError && e.retryable;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Helpjuice sends no Retry-After with its 429 (docs/design.md); if one ever comes, a longer wait is honoured. */
function closeFor(res: Response): number {
  const s = Number(res.headers.get("Retry-After"));
  return Number.isFinite(s) && s > 0 ? Math.min(MAX_429_CLOSE_MS, Math.max(UPSTREAM_429_CLOSE_MS, s * 1000)) : UPSTREAM_429_CLOSE_MS;
}

/** The body as text, at most `max` bytes, and no later than the deadline. */
async function readBody(res: Response, signal: AbortSignal, max: number): Promise<string> {
  const declared = Number(res.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw new UpstreamError("bad_answer");
  }
  if (!res.body) return "";
  const aborted = onAbort(signal, () => new UpstreamError("timeout"));
  let all: Uint8Array | null;
  try {
    all = await readCapped(res.body, max, (read) => Promise.race([read, aborted]));
  } catch (e) {
    if (e instanceof UpstreamError) throw e;
    // The stream broke off: a timeout if that is why, else a truncated (so unusable) answer.
    throw signal.aborted ? new UpstreamError("timeout") : new UpstreamError("bad_answer", 0, true);
  }
  if (!all) throw new UpstreamError("bad_answer");
  return new TextDecoder().decode(all);
}

async function attempt(up: Upstream, method: string, url: URL, viewer: Viewer, deadline: number, maxBytes: number): Promise<unknown> {
  // One clock for the whole attempt: the gate, the connection and the body. Aborting cancels the fetch.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(1, deadline - Date.now()));
  const signal = controller.signal;
  try {
    await takeSlot(up, signal);
    const headers = new Headers({ Accept: "application/json" });
    authorise(url, headers, up.apiKey, viewer);
    let res: Response;
    try {
      // Redirects are not followed: the key (in a header, or the query for impersonation) must not be
      // carried to wherever a Location points.
      res = await fetch(url, { method, headers, signal, redirect: "manual" });
    } catch {
      // The error's message may quote the URL, which can carry api_key: only its kind goes on.
      throw signal.aborted ? new UpstreamError("timeout") : new UpstreamError("bad_answer", 0, true);
    }
    if (res.status === 429) {
      await res.body?.cancel().catch(() => {});
      const ms = closeFor(res);
      await up.gate.close(up.cfg.rateLimit, ms, up.cfg.syncReserved).catch(() => {});
      throw new UpstreamError("gate_closed", ms);
    }
    if (res.status < 200 || res.status > 299) {
      await res.body?.cancel().catch(() => {});
      if (res.status === 404) throw new UpstreamError("not_found");
      if (res.status === 401 && viewer.kind === "user") throw new UpstreamError("unknown_user");
      if (res.status === 401 || res.status === 403) throw new UpstreamError("refused");
      // 5xx may pass; 3xx, 422 and the rest of 4xx will say the same thing again.
      throw new UpstreamError("bad_answer", 0, res.status >= 500);
    }
    const text = await readBody(res, signal, maxBytes);
    // A vote's answer is undocumented: an empty 2xx is taken as counted. A GET must bring JSON.
    if (method !== "GET" && text.trim() === "") return null;
    try {
      return JSON.parse(text);
    } catch {
      // A 200 that is not JSON is a maintenance or login page in front of the API, which may pass.
      throw new UpstreamError("bad_answer", 0, true);
    }
  } finally {
    clearTimeout(timer);
  }
}

async function call(up: Upstream, method: "GET" | "PUT", path: string, params: Record<string, string>, viewer: Viewer, maxBytes = MAX_UPSTREAM_BODY_BYTES) {
  if (!up.cfg.baseUrl || !up.apiKey) throw new UpstreamError("refused");
  // The sync waits on no visitor, and a page of 1,000 articles takes Helpjuice a while to write.
  const deadline = Date.now() + (up.sync ? Math.max(up.cfg.timeoutMs, SYNC_TIMEOUT_MS) : up.cfg.timeoutMs);
  const attempts = method === "GET" ? MAX_ATTEMPTS : 1;
  for (let i = 1; ; i++) {
    const url = new URL(`${up.cfg.baseUrl}${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    try {
      return await attempt(up, method, url, viewer, deadline, maxBytes);
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

/** One page of the article listing, as the account owner (each article is checked by the caller). */
export function listArticles(up: Upstream, params: Record<string, string>) {
  return call(up, "GET", "/api/v3/articles", params, { kind: "anonymous" }, MAX_LISTING_BYTES);
}

/** A listing of more pages than this is not trusted to be read whole (1,000 categories a page). */
const MAX_CATEGORY_PAGES = 10;

/**
 * Every category, as the account owner. Collections are paged (the reference: 25 by default, `limit` up
 * to 1,000, `meta.total_pages`), and visibility is decided from this listing, so it is read whole or not
 * at all: a page that fails, or more pages than MAX_CATEGORY_PAGES, fails the listing (callers then
 * treat articles as not known to be public). An answer without `meta` is one page, as the reference's
 * example is.
 */
export async function listCategories(up: Upstream): Promise<unknown> {
  const pageOf = (page: number) =>
    call(up, "GET", "/api/v3/categories", { limit: "1000", page: String(page) }, { kind: "anonymous" }, MAX_LISTING_BYTES);
  const first = (await pageOf(1)) as { categories?: unknown; meta?: { total_pages?: unknown } } | null;
  const pages = Number(first?.meta?.total_pages);
  if (!Number.isSafeInteger(pages) || pages <= 1) return first;
  if (pages > MAX_CATEGORY_PAGES || !Array.isArray(first?.categories)) throw new UpstreamError("bad_answer");
  const all: unknown[] = [...first.categories];
  for (let page = 2; page <= pages; page++) {
    const next = (await pageOf(page)) as { categories?: unknown } | null;
    if (!Array.isArray(next?.categories)) throw new UpstreamError("bad_answer");
    all.push(...next.categories);
  }
  return { ...first, categories: all };
}

export function listActivities(up: Upstream, params: Record<string, string>) {
  return call(up, "GET", "/api/v3/activities", params, { kind: "anonymous" });
}
