/**
 * One upstream call per key at a time in this isolate. A settled answer is kept for a moment, because a
 * request whose KV read started before the first call's write would otherwise miss and call again.
 *
 * A purge (forgetFlights) also cuts loose the calls still under way for its keys: later requests do not
 * join them, and `purgedSince` tells their writers not to put pre-purge data back into KV.
 */
const JOIN_AFTER_SETTLE_MS = 2_000;
/** Purges remembered for `purgedSince`; far longer than any upstream call (the timeout is at most 60 s). */
const PURGE_MEMORY_MS = 10 * 60_000;
const MAX_PURGES = 1_000;

interface Flight {
  promise: Promise<unknown>;
  settledAt: number | null;
  /** A refresh of a stale entry: a visitor who can be served the stale entry should not wait on it. */
  background: boolean;
}

const flights = new Map<string, Flight>();

function sweep(now: number): void {
  for (const [k, f] of flights) if (f.settledAt !== null && now - f.settledAt > JOIN_AFTER_SETTLE_MS) flights.delete(k);
}

export function joinFlight<T>(key: string, now = Date.now()): Promise<T> | null {
  const f = flights.get(key);
  if (!f) return null;
  if (f.settledAt !== null && now - f.settledAt > JOIN_AFTER_SETTLE_MS) {
    flights.delete(key);
    return null;
  }
  return f.promise as Promise<T>;
}

/**
 * Only a call still under way. A request about to read KV joins nothing settled: KV already holds that
 * answer, and reading it gives the honest hit and freshness instead of a memo that may outlive a short TTL.
 * With `foregroundOnly`, a background refresh is not joined either: whoever started it found a stale entry
 * in KV, and the next visitor should get that entry at once rather than wait on (or fail with) upstream.
 */
export function pendingFlight<T>(key: string, opts: { foregroundOnly?: boolean } = {}): Promise<T> | null {
  const f = flights.get(key);
  if (!f || f.settledAt !== null) return null;
  if (opts.foregroundOnly && f.background) return null;
  return f.promise as Promise<T>;
}

export function startFlight<T>(key: string, run: () => Promise<T>, opts: { background?: boolean } = {}): Promise<T> {
  // Settled answers nobody joined would otherwise stay in memory for the isolate's life.
  sweep(Date.now());
  let promise: Promise<T>;
  try {
    promise = run();
  } catch (e) {
    promise = Promise.reject(e);
  }
  const flight: Flight = { promise, settledAt: null, background: opts.background ?? false };
  flights.set(key, flight);
  flight.promise.then(
    () => {
      flight.settledAt = Date.now();
    },
    // A failure is not remembered: the next request may try again.
    () => {
      if (flights.get(key) === flight) flights.delete(key);
    },
  );
  return promise;
}

// ---- purges ------------------------------------------------------------------------------------------

let epoch = 0;
const purges: Array<{ prefix: string; epoch: number; at: number }> = [];

/** A mark to take before an upstream call, to ask `purgedSince` about afterwards. */
export function flightEpoch(): number {
  return epoch;
}

/** Was a key with this name purged after `since` was taken? Then what was loaded before is not to be stored. */
export function purgedSince(key: string, since: number): boolean {
  // Marks older than what we remember are treated as purged: a lost write is cheaper than stale data.
  if (purges.length > 0 && since < purges[0].epoch - 1) return true;
  return purges.some((p) => p.epoch > since && key.startsWith(p.prefix));
}

/**
 * Forget answers for keys that start with `prefix` (a purge must not be undone by the memo), and cut loose
 * the calls still under way: what they bring back was asked for before the purge.
 */
export function forgetFlights(prefix = ""): void {
  for (const k of [...flights.keys()]) if (k.startsWith(prefix)) flights.delete(k);
  const now = Date.now();
  purges.push({ prefix, epoch: ++epoch, at: now });
  while (purges.length > MAX_PURGES || (purges.length > 0 && now - purges[0].at > PURGE_MEMORY_MS)) purges.shift();
}

/** Calls and memos held now (for tests: the map must not grow with every key ever asked for). */
export function flightCount(): number {
  return flights.size;
}
