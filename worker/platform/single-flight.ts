/**
 * One upstream call per key at a time in this isolate. A settled answer is kept for a moment, because a
 * request whose KV read started before the first call's write would otherwise miss and call again.
 */
const JOIN_AFTER_SETTLE_MS = 2_000;

interface Flight {
  promise: Promise<unknown>;
  settledAt: number | null;
}

const flights = new Map<string, Flight>();

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
 */
export function pendingFlight<T>(key: string): Promise<T> | null {
  const f = flights.get(key);
  return f && f.settledAt === null ? (f.promise as Promise<T>) : null;
}

export function startFlight<T>(key: string, run: () => Promise<T>): Promise<T> {
  const flight: Flight = { promise: run(), settledAt: null };
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
  return flight.promise as Promise<T>;
}

/** Forget settled answers for keys that start with `prefix` (a purge must not be undone by the memo). */
export function forgetFlights(prefix = ""): void {
  for (const [k, f] of flights) if (k.startsWith(prefix) && f.settledAt !== null) flights.delete(k);
}
