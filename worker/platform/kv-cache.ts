/**
 * Read-through KV cache with stale-while-revalidate. KV holds shaped answers with the time they were
 * stored in metadata; a fresh entry is served as is, a stale one is served while one background refresh
 * runs, so a failing or rate-limited upstream keeps serving the last good answer.
 */
import type { CacheOutcome } from "../core/cache-status";
import { KEEP_STALE_SECONDS, freshness } from "../core/freshness";
import { joinFlight, pendingFlight, startFlight } from "./single-flight";

/** A shaped answer: 200 with the body, or 404 with nothing (cached briefly). */
export interface Cached<T> {
  status: 200 | 404;
  body: T | null;
}

interface Meta {
  t: number;
  ttl: number;
}

export interface ReadThrough<T> {
  kv: KVNamespace;
  key: string;
  /** Seconds fresh, chosen by what came back (a 404 stays a shorter time). */
  ttl: (value: Cached<T>) => number;
  /** `background` is true for a refresh no visitor is waiting on. */
  load: (background: boolean) => Promise<Cached<T>>;
  waitUntil: (p: Promise<unknown>) => void;
}

async function loadAndStore<T>(o: ReadThrough<T>, background: boolean): Promise<Cached<T>> {
  const value = await o.load(background);
  const ttl = o.ttl(value);
  const meta: Meta = { t: Date.now(), ttl };
  o.waitUntil(
    o.kv
      .put(o.key, JSON.stringify(value), { metadata: meta, expirationTtl: Math.max(60, ttl + KEEP_STALE_SECONDS) })
      .catch(() => {}),
  );
  return value;
}

export async function readThrough<T>(o: ReadThrough<T>): Promise<{ value: Cached<T>; outcome: CacheOutcome }> {
  const joined = pendingFlight<Cached<T>>(o.key);
  if (joined) return { value: await joined, outcome: { kind: "miss", stored: true, collapsed: true } };

  let got: KVNamespaceGetWithMetadataResult<Cached<T>, Meta> | null = null;
  try {
    got = await o.kv.getWithMetadata<Cached<T>, Meta>(o.key, "json");
  } catch {
    // KV trouble is not the visitor's problem: go upstream as on a miss.
  }
  if (got?.value && got.metadata) {
    const f = freshness(got.metadata.t, got.metadata.ttl, Date.now());
    if (!f.fresh && !pendingFlight(o.key)) {
      // Errors here are ignored on purpose: the stale answer is still served and the next request retries.
      o.waitUntil(startFlight(o.key, () => loadAndStore(o, true)).catch(() => {}));
    }
    return { value: got.value, outcome: { kind: "hit", ttl: f.ttl } };
  }

  const late = joinFlight<Cached<T>>(o.key);
  if (late) return { value: await late, outcome: { kind: "miss", stored: true, collapsed: true } };
  const value = await startFlight(o.key, () => loadAndStore(o, false));
  return { value, outcome: { kind: "miss", stored: true } };
}

/** For impersonated requests: never KV, but still one call per user and key at a time. */
export async function bypass<T>(key: string, load: (background: false) => Promise<Cached<T>>): Promise<{ value: Cached<T>; outcome: CacheOutcome }> {
  const joined = joinFlight<Cached<T>>(key);
  const value = await (joined ?? startFlight(key, () => load(false)));
  return { value, outcome: { kind: "bypass" } };
}
