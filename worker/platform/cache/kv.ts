/**
 * Read-through KV cache with stale-while-revalidate. KV holds shaped answers with the time they were
 * stored in metadata; a fresh entry is served as is, a stale one is served while one background refresh
 * runs, so a failing or rate-limited upstream keeps serving the last good answer.
 */
import type { CacheOutcome } from "../../core/cache/status";
import { KEEP_STALE_SECONDS, freshness } from "../../core/cache/freshness";
import { UpstreamError } from "../../core/upstream/error";
import { flightEpoch, joinFlight, pendingFlight, purgedSince, startFlight } from "./single-flight";

/** A shaped answer: 200 with the body, or 404 with nothing (cached briefly). */
export interface Cached<T> {
  status: 200 | 404;
  body: T | null;
}

interface Meta {
  t: number;
  ttl: number;
}

/** KV's limit on a value is 25 MiB; we stay well under. (Keys are kept within KV's limit by cache-key.ts.) */
const MAX_VALUE_BYTES = 24 * 1024 * 1024;

export interface ReadThrough<T> {
  kv: KVNamespace;
  key: string;
  /** Seconds fresh, chosen by what came back (a 404 stays a shorter time). */
  ttl: (value: Cached<T>) => number;
  /** `background` is true for a refresh no visitor is waiting on. */
  load: (background: boolean) => Promise<Cached<T>>;
  waitUntil: (p: Promise<unknown>) => void;
  /** How long a request waits on another's call before making its own (default JOIN_TIMEOUT_MS). */
  joinTimeoutMs?: number;
}

/**
 * A joiner never waits on another request's call for longer than this: on Cloudflare a request whose only
 * pending work is another request's I/O is killed as hung once that request is cancelled or finishes, so
 * the joiner keeps a timer of its own and, when it fires, makes its own call. Longer than any upstream
 * call (UPSTREAM_TIMEOUT_MS is at most 60 s, 5 s by default), so in the normal case it never fires.
 */
export const JOIN_TIMEOUT_MS = 6_000;

const TIMED_OUT = Symbol("timed out");

/** The flight, or TIMED_OUT after `ms`: a timer in this request's own context keeps it alive. */
function within<T>(flight: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([flight, timeout]).finally(() => clearTimeout(timer));
}

/** What a flight of readThrough brings back: the answer, and whether it is on its way into KV. */
interface Loaded<T> {
  value: Cached<T>;
  stored: boolean;
  /** When the stored entry stops being fresh (ms since the epoch); only when stored. */
  freshUntil?: number;
}

/**
 * What readThrough answers: the answer, how the cache got it, and, when KV holds it as given, until when it
 * is fresh there (what an in-isolate tier in front of KV may hold it for, at most; routes/respond.ts).
 */
export interface ReadResult<T> {
  value: Cached<T>;
  outcome: CacheOutcome;
  freshUntil?: number;
}

const isMeta = (m: unknown): m is Meta =>
  typeof m === "object" &&
  m !== null &&
  Number.isFinite((m as Meta).t) &&
  Number.isFinite((m as Meta).ttl) &&
  (m as Meta).ttl >= 0;

/** An entry from an older version, or otherwise not ours, is a miss rather than a crash or a blank 200. */
const isCached = (v: unknown): v is Cached<unknown> =>
  typeof v === "object" &&
  v !== null &&
  (((v as Cached<unknown>).status === 200 && (v as Cached<unknown>).body != null) || (v as Cached<unknown>).status === 404);

const utf8Length = (s: string) => new TextEncoder().encode(s).byteLength;

async function loadAndStore<T>(o: ReadThrough<T>, background: boolean): Promise<Loaded<T>> {
  const since = flightEpoch();
  const value = await o.load(background);
  // A purge landed while upstream was answering: what came back may be the version the purge was for.
  if (purgedSince(o.key, since)) return { value, stored: false };
  const ttl = o.ttl(value);
  const meta: Meta = { t: Date.now(), ttl };
  const text = JSON.stringify(value);
  // UTF-8 is at most 3 bytes per UTF-16 unit; only count exactly when that bound is over the limit.
  if (text.length * 3 > MAX_VALUE_BYTES && utf8Length(text) > MAX_VALUE_BYTES) return { value, stored: false };
  o.waitUntil(
    o.kv
      .put(o.key, text, { metadata: meta, expirationTtl: Math.max(60, ttl + KEEP_STALE_SECONDS) })
      .catch(() => {}),
  );
  return { value, stored: true, freshUntil: meta.t + ttl * 1000 };
}

const missOutcome = (stored: boolean, collapsed = false): CacheOutcome =>
  collapsed ? { kind: "miss", stored, collapsed } : { kind: "miss", stored };

/**
 * Another visitor's call, joined. If it failed because *that* visitor was over their share of the gate,
 * the failure is theirs, not ours: this request asks again on its own account (once).
 */
async function joinAs<T>(o: ReadThrough<T>, flight: Promise<Loaded<T>>, again: boolean): Promise<ReadResult<T>> {
  try {
    const l = await within(flight, o.joinTimeoutMs ?? JOIN_TIMEOUT_MS);
    if (l === TIMED_OUT) {
      const own = await loadAndStore(o, false);
      return { value: own.value, outcome: missOutcome(own.stored), freshUntil: own.freshUntil };
    }
    return { value: l.value, outcome: missOutcome(l.stored, true), freshUntil: l.freshUntil };
  } catch (e) {
    if (again && e instanceof UpstreamError && e.fault === "client_limited") return readThrough(o, false);
    throw e;
  }
}

export async function readThrough<T>(o: ReadThrough<T>, again = true): Promise<ReadResult<T>> {
  // A miss already on its way upstream: KV has nothing for this key, so there is no point reading it.
  const joined = pendingFlight<Loaded<T>>(o.key, { foregroundOnly: true });
  if (joined) return joinAs(o, joined, again);

  let got: KVNamespaceGetWithMetadataResult<unknown, unknown> | null = null;
  try {
    got = await o.kv.getWithMetadata<unknown, unknown>(o.key, "json");
  } catch {
    // KV trouble (or an entry that is not JSON) is not the visitor's problem: go upstream as on a miss.
  }
  if (got && isCached(got.value) && isMeta(got.metadata)) {
    const now = Date.now();
    const f = freshness(got.metadata.t, got.metadata.ttl, now);
    if (!f.fresh && !pendingFlight(o.key)) {
      // Errors here are ignored on purpose: the stale answer is still served and the next request retries.
      o.waitUntil(startFlight(o.key, () => loadAndStore(o, true), { background: true }).catch(() => {}));
    }
    return {
      value: got.value as Cached<T>,
      outcome: { kind: "hit", ttl: f.ttl },
      // An entry stamped in the future (clock skew) is fresh for its TTL from now, no longer.
      freshUntil: f.fresh ? Math.min(got.metadata.t, now) + got.metadata.ttl * 1000 : undefined,
    };
  }

  const late = joinFlight<Loaded<T>>(o.key);
  if (late) return joinAs(o, late, again);
  const flight = startFlight(o.key, () => loadAndStore(o, false));
  // Others may join this call: it must finish even if this request is cancelled first.
  o.waitUntil(flight.catch(() => {}));
  const loaded = await flight;
  return { value: loaded.value, outcome: missOutcome(loaded.stored), freshUntil: loaded.freshUntil };
}

/** For impersonated requests: never KV, but still one call per user and key at a time. */
export async function bypass<T>(
  key: string,
  load: (background: false) => Promise<Cached<T>>,
  waitUntil?: (p: Promise<unknown>) => void,
): Promise<{ value: Cached<T>; outcome: CacheOutcome }> {
  const joined = joinFlight<Cached<T>>(key);
  if (joined) {
    const v = await within(joined, JOIN_TIMEOUT_MS);
    return { value: v === TIMED_OUT ? await load(false) : v, outcome: { kind: "bypass" } };
  }
  const flight = startFlight(key, () => load(false));
  waitUntil?.(flight.catch(() => {}));
  return { value: await flight, outcome: { kind: "bypass" } };
}
