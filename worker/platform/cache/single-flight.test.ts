import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flightCount, flightEpoch, forgetFlights, joinFlight, pendingFlight, purgedSince, startFlight } from "./single-flight";

beforeEach(() => forgetFlights());
afterEach(() => vi.useRealTimers());

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe("single flight", () => {
  it("joins a call under way; a background refresh is not joined by who can be served stale", async () => {
    const d = deferred<number>();
    const p = startFlight("k", () => d.promise, { background: true });
    expect(pendingFlight("k")).toBe(p);
    expect(pendingFlight("k", { foregroundOnly: true })).toBeNull();
    expect(joinFlight("k")).toBe(p);
    d.resolve(1);
    await p;
    expect(pendingFlight("k")).toBeNull();
  });

  it("forgets a failure at once, and a thrown (not rejected) load does not escape as a throw", async () => {
    const p = startFlight("boom", () => {
      throw new Error("sync");
    });
    await expect(p).rejects.toThrow("sync");
    expect(joinFlight("boom")).toBeNull();
  });

  it("does not keep settled answers for ever (the isolate's memory is not a cache)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
    for (let i = 0; i < 100; i++) await startFlight(`q${i}`, async () => i);
    expect(flightCount()).toBe(100);
    vi.setSystemTime(1_000_000 + 5_000);
    await startFlight("later", async () => 0);
    expect(flightCount()).toBe(1);
  });

  it("a purge cuts loose the calls under way for its prefix and tells their writers", async () => {
    const d = deferred<string>();
    const since = flightEpoch();
    const p = startFlight("a:12:default", () => d.promise);
    const other = startFlight("a:120:default", async () => "x");
    forgetFlights("a:12:");
    expect(pendingFlight("a:12:default")).toBeNull();
    expect(joinFlight("a:12:default")).toBeNull();
    expect(purgedSince("a:12:default", since)).toBe(true);
    expect(purgedSince("a:120:default", since)).toBe(false);
    expect(purgedSince("a:12:default", flightEpoch())).toBe(false);
    expect(joinFlight("a:120:default")).toBe(other);
    d.resolve("old");
    expect(await p).toBe("old"); // who joined before the purge still gets an answer
  });
});
