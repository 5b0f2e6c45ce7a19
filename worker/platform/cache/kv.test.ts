/**
 * Joining another request's upstream call, when that call never comes back (on Cloudflare: the request that
 * started it was cancelled, and its I/O with it). The joiner must answer by itself, not hang.
 */
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { forgetFlights } from "./single-flight";
import { bypass, readThrough, type Cached } from "./kv";

const never = <T>() => new Promise<T>(() => {});

beforeEach(() => forgetFlights());

describe("a joiner whose flight never lands", () => {
  it("readThrough: makes its own call after joinTimeoutMs, and stores it", async () => {
    const key = `t:join:${Math.random()}`;
    const waits: Promise<unknown>[] = [];
    const base = { kv: env.HJ_CACHE, key, ttl: () => 60, waitUntil: (p: Promise<unknown>) => void waits.push(p), joinTimeoutMs: 50 };
    // The first request's call hangs forever (its request was cancelled).
    void readThrough<string>({ ...base, load: never<Cached<string>> });
    let own = 0;
    const t0 = Date.now();
    const joined = await readThrough<string>({
      ...base,
      load: async () => {
        own++;
        return { status: 200, body: "fresh" };
      },
    });
    expect(joined.value).toEqual({ status: 200, body: "fresh" });
    expect(own).toBe(1);
    expect(Date.now() - t0).toBeLessThan(2_000);
    // The flight that hangs was handed to waitUntil, so the runtime keeps it going rather than dropping it.
    expect(waits.length).toBeGreaterThan(0);
  });

  it("readThrough: a joiner of a call that lands in time shares it", async () => {
    const key = `t:share:${Math.random()}`;
    let calls = 0;
    const load = async (): Promise<Cached<string>> => {
      calls++;
      await new Promise((r) => setTimeout(r, 30));
      return { status: 200, body: "shared" };
    };
    const o = { kv: env.HJ_CACHE, key, ttl: () => 60, waitUntil: () => {}, load, joinTimeoutMs: 2_000 };
    const [a, b] = await Promise.all([readThrough(o), readThrough(o)]);
    expect(a.value.body).toBe("shared");
    expect(b.value.body).toBe("shared");
    expect(calls).toBe(1);
    expect(b.outcome).toMatchObject({ kind: "miss", collapsed: true });
  });

  it("bypass (signed users): makes its own call when the joined one never lands", async () => {
    const key = `u:someone@example.com:t:${Math.random()}`;
    void bypass(key, never<Cached<string>>);
    const started = Date.now();
    const got = bypass(key, async () => ({ status: 200 as const, body: "mine" }));
    // JOIN_TIMEOUT_MS is seconds; this proves the joiner is not stuck forever on the dead call.
    await expect(got).resolves.toMatchObject({ value: { body: "mine" } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("freshUntil: how long an answer may be held in front of KV", () => {
  it("is the stored entry's freshness on a miss, a collapsed join and a hit; none once stale or not stored", async () => {
    const key = `t:fresh:${Math.random()}`;
    const waits: Promise<unknown>[] = [];
    const o = {
      kv: env.HJ_CACHE,
      key,
      ttl: () => 60,
      waitUntil: (p: Promise<unknown>) => void waits.push(p),
      load: async (): Promise<Cached<string>> => {
        await new Promise((r) => setTimeout(r, 20));
        return { status: 200, body: "v" };
      },
    };
    const t0 = Date.now();
    const [miss, joined] = await Promise.all([readThrough(o), readThrough(o)]);
    await Promise.all(waits);
    for (const r of [miss, joined]) {
      expect(r.freshUntil).toBeGreaterThanOrEqual(t0 + 60_000);
      expect(r.freshUntil).toBeLessThanOrEqual(Date.now() + 60_000);
    }
    forgetFlights("t:unrelated:"); // an unrelated purge changes nothing
    const hit = await readThrough(o);
    expect(hit.outcome.kind).toBe("hit");
    expect(hit.freshUntil).toBe(miss.freshUntil);

    // A stale entry: served (and refreshed) by KV, never held in front of it.
    await env.HJ_CACHE.put(key, JSON.stringify({ status: 200, body: "old" }), { metadata: { t: Date.now() - 120_000, ttl: 60 } });
    const stale = await readThrough(o);
    expect(stale.outcome).toMatchObject({ kind: "hit" });
    expect(stale.freshUntil).toBeUndefined();
    await Promise.all(waits);

    // A purge while upstream answers: not stored, so nothing to hold either.
    const key2 = `t:purged:${Math.random()}`;
    const purged = await readThrough({
      ...o,
      key: key2,
      load: async () => {
        forgetFlights(key2);
        return { status: 200 as const, body: "pre-purge" };
      },
    });
    expect(purged.outcome).toMatchObject({ kind: "miss", stored: false });
    expect(purged.freshUntil).toBeUndefined();
  });
});
