import { beforeEach, describe, expect, it } from "vitest";
import { SEARCH_GENERATION_KEY } from "../../core/cache/key";
import { GENERATION_MEMO_MS, bumpSearchGeneration, forgetSearchGeneration, searchGeneration } from "./generation";

/** A KV namespace that counts its reads of the generation. */
function countingKv(initial: string | null) {
  const store = new Map<string, string>();
  if (initial !== null) store.set(SEARCH_GENERATION_KEY, initial);
  const kv = {
    reads: 0,
    store,
    async get(key: string) {
      kv.reads++;
      return store.get(key) ?? null;
    },
    async put(key: string, value: string) {
      store.set(key, value);
    },
  };
  return kv;
}

beforeEach(() => forgetSearchGeneration());

describe("the search generation, remembered for a few seconds", () => {
  it("is read from KV once per GENERATION_MEMO_MS, not on every search", async () => {
    const kv = countingKv(String(Date.now() + 10_000_000)); // above anything earlier tests saw
    const ns = kv as unknown as KVNamespace;
    const t = Date.now();
    const g = await searchGeneration(ns, t);
    expect(await searchGeneration(ns, t + 1)).toBe(g);
    expect(await searchGeneration(ns, t + GENERATION_MEMO_MS - 1)).toBe(g);
    expect(kv.reads).toBe(1);
    // Another isolate bumps it: seen once the memo lapses.
    kv.store.set(SEARCH_GENERATION_KEY, String(g + 1));
    expect(await searchGeneration(ns, t + GENERATION_MEMO_MS - 1)).toBe(g);
    expect(await searchGeneration(ns, t + GENERATION_MEMO_MS)).toBe(g + 1);
    expect(kv.reads).toBe(2);
  });

  it("sees this isolate's own bump at once", async () => {
    const kv = countingKv(String(Date.now() + 20_000_000));
    const ns = kv as unknown as KVNamespace;
    const g = await searchGeneration(ns);
    const next = await bumpSearchGeneration(ns);
    expect(next).toBeGreaterThan(g);
    const reads = kv.reads;
    expect(await searchGeneration(ns)).toBe(next);
    expect(kv.reads).toBe(reads);
  });

  it("keeps the highest generation seen when a read fails, and retries it next time", async () => {
    const kv = countingKv(String(Date.now() + 30_000_000));
    const ns = kv as unknown as KVNamespace;
    const g = await searchGeneration(ns);
    forgetSearchGeneration();
    const failing = { get: async () => Promise.reject(new Error("KV down")) } as unknown as KVNamespace;
    expect(await searchGeneration(failing)).toBe(g);
    expect(await searchGeneration(ns)).toBe(g);
  });
});
