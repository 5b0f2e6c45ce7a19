/**
 * Helpers for the Workers tests: call the real worker (in workerd, with local KV and Durable Objects)
 * with per-test settings, and steer the fake Helpjuice through its control routes.
 */
import { createExecutionContext, env, listDurableObjectIds, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { parseConfig } from "../../worker/core/config";
import { forgetIndexReadiness } from "../../worker/platform/index/edge-index";
import worker from "../../worker/index";
import { forgetFlights } from "../../worker/platform/cache/single-flight";
import type { Env } from "../../worker/env";
import { FAKE_ORIGIN, APP_ORIGIN, TEST_VARS } from "./vars";

export { FAKE_ORIGIN, APP_ORIGIN, TEST_VARS };

export interface Called {
  res: Response;
  /** Resolves when the request's background work (KV writes, refreshes) is done. */
  settled: Promise<void>;
}

/** Vars (as `wrangler dev --var` would set them) and per-client limiters, for one call. */
type Limiter = "ASK_LIMITER" | "EVENTS_LIMITER" | "CLIENT_LIMITER" | "VOTE_LIMITER";
export type Overrides = Partial<Record<Exclude<keyof Env, Limiter>, string>> & { [K in Limiter]?: RateLimit | string };

/**
 * A per-client Rate Limiting binding as a [[ratelimits]] table with `limit = n` would act within one period
 * (the binding wrangler.toml configures is simulated too, but with the limits that ship).
 */
export function limiter(n: number): RateLimit {
  const seen = new Map<string, number>();
  return {
    async limit({ key }) {
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      return { success: count <= n };
    },
  };
}

/** One request to the worker (a path, or a whole URL to choose the host), with vars overridden for this call only (as `wrangler dev --var` would). */
export async function call(path: string, init: RequestInit = {}, vars: Overrides = {}): Promise<Called> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(path.startsWith("http") ? path : `https://hj.example.com${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ...vars } as Env,
    ctx,
  );
  return { res, settled: waitOnExecutionContext(ctx) };
}

/** `call`, then wait for its background work, for tests that look at what was cached. */
export async function callSettled(path: string, init: RequestInit = {}, vars: Overrides = {}) {
  const { res, settled } = await call(path, init, vars);
  await settled;
  return res;
}

export async function fakeControl(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${FAKE_ORIGIN}/__fake${path}`, init);
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  user: string | null;
  keyVia: "header" | "query" | null;
  status: number;
}

export async function upstreamLog(path?: string): Promise<LoggedRequest[]> {
  const res = await fakeControl(`/log${path ? `?path=${encodeURIComponent(path)}` : ""}`);
  const body = (await res.json()) as { log?: LoggedRequest[] } | LoggedRequest[];
  return Array.isArray(body) ? body : (body.log ?? []);
}

export async function addFault(rule: Record<string, unknown>): Promise<void> {
  const res = await fakeControl("/faults", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(rule),
  });
  if (!res.ok) throw new Error(`fault not accepted: ${res.status} ${await res.text()}`);
}

export async function clearFaults(): Promise<void> {
  await fakeControl("/faults", { method: "DELETE" });
}

/** Empty the worker's KV, the gate's window and the vote ledgers, and put the fake back to its seed. */
export async function resetAll(): Promise<void> {
  await quiesceVotes();
  await fakeControl("/reset", { method: "POST" });
  forgetFlights();
  let cursor: string | undefined;
  do {
    const page = await env.HJ_CACHE.list({ cursor });
    await Promise.all(page.keys.map((k) => env.HJ_CACHE.delete(k.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  await resetGate();
  await resetIndex();
  await resetInsights();
  // Vote ledgers and per-client vote allowances: every object the tests so far have touched.
  for (const id of await listDurableObjectIds(env.VOTES)) {
    await runInDurableObject(env.VOTES.get(id), async (instance, state) => {
      await state.storage.deleteAlarm();
      await state.storage.deleteAll();
      const ledger = instance as unknown as { pending: Map<string, unknown>; window: unknown; box: unknown };
      ledger.pending.clear();
      ledger.window = null;
      ledger.box = null;
    });
  }
}

/**
 * The vote outbox delivers in its alarm, in the background: stop it, and let the votes already on their way
 * land, so none of them reaches the fake after its reset (where it would show up in the next test's log).
 */
async function quiesceVotes(): Promise<void> {
  const until = Date.now() + 5_000;
  for (const id of await listDurableObjectIds(env.VOTES)) {
    const stub = env.VOTES.get(id);
    await runInDurableObject(stub, async (_, state) => {
      await state.storage.deleteAlarm();
      // A pass already running picks nothing more once its queue is gone.
      if (state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'vote_outbox'").toArray().length)
        state.storage.sql.exec("DELETE FROM vote_outbox");
    });
    while (Date.now() < until) {
      const busy = await runInDurableObject(stub, (instance) => {
        const box = (instance as unknown as { box: { inFlight: Set<string> } | null }).box;
        return Boolean(box?.inFlight.size);
      });
      if (!busy) break;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** The index sync's one object. */
export const indexSync = () => env.INDEX_SYNC!.get(env.INDEX_SYNC!.idFromName("global"));

/** Empty the edge index (D1 rows and the sync's state), as a fresh deploy would have it. */
/** Insights' aggregates (migrations/0002_insights.sql). */
export async function resetInsights(): Promise<void> {
  const tables = ["insight_days", "insight_queries", "insight_articles", "insight_titles", "insight_batches", "insight_missing"];
  await env.HJ_INDEX!.batch(tables.map((t) => env.HJ_INDEX!.prepare(`DELETE FROM ${t}`)));
}

export async function resetIndex(): Promise<void> {
  forgetIndexReadiness();
  await env.HJ_INDEX!.batch(
    ["DELETE FROM docs_fts", "DELETE FROM docs", "DELETE FROM categories", "DELETE FROM article_categories", "DELETE FROM sync_meta"].map((q) =>
      env.HJ_INDEX!.prepare(q),
    ),
  );
  await runInDurableObject(indexSync(), async (instance, state) => {
    await state.storage.deleteAlarm();
    await state.storage.deleteAll();
    (instance as unknown as { s: unknown }).s = null;
  });
}

/** The worker's configuration with these vars, as the sync receives it from a request. */
export const configWith = (vars: Partial<Record<keyof Env, string>> = {}) => parseConfig({ ...env, ...vars } as Env);

/**
 * Waits until the sync has nothing left to do: the work a deployed worker does in the background, in its
 * alarms. Workerd runs an alarm that is due by itself; one the gate postponed is run at once here (the gate
 * refuses it again if the window is really spent), so `maxMs` bounds the wait. Returns whether it went idle.
 */
export async function drainSync(maxMs = 10_000): Promise<boolean> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const busy = await runInDurableObject(indexSync(), async (instance) => {
      const s = (instance as unknown as { s: { pass: unknown; queue: unknown[] } | null }).s;
      return Boolean(s && (s.pass || s.queue.length));
    });
    if (!busy) return true;
    if (!(await runDurableObjectAlarm(indexSync()))) await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/** A first build, through the same call the first search after a deploy makes, run to the end. */
export async function buildIndex(vars: Partial<Record<keyof Env, string>> = {}): Promise<void> {
  await indexSync().ensureBuilt(configWith({ SEARCH_SOURCE: "index", ...vars }));
  await drainSync();
  forgetIndexReadiness();
}

export async function indexStatus() {
  return indexSync().status();
}

/** The upstream gate with an empty window, as a fresh deploy has it. */
export async function resetGate(): Promise<void> {
  const gate = env.UPSTREAM_GATE.get(env.UPSTREAM_GATE.idFromName("global"));
  await runInDurableObject(gate, async (instance, state) => {
    await state.storage.deleteAll();
    (instance as unknown as { global: unknown }).global = null;
    (instance as unknown as { sync: unknown }).sync = null;
    (instance as unknown as { lent: unknown }).lent = null;
  });
}

/** Helpjuice's webhook for an edit of article `id`, as Helpjuice posts it (with the worker's secret). */
export function articleWebhook(id: number, vars: Partial<Record<keyof Env, string>> = {}) {
  return callSettled(
    `/v1/webhooks/helpjuice?secret=${encodeURIComponent(TEST_VARS.WEBHOOK_SECRET)}`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: id } }),
    },
    vars,
  );
}
