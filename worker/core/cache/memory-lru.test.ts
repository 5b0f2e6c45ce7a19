import { describe, expect, it } from "vitest";
import { MemoryLru } from "./memory-lru";

describe("MemoryLru", () => {
  it("keeps what fits in its bytes, dropping the least recently used first", () => {
    const m = new MemoryLru(1_000, 60_000);
    const v = "x".repeat(100); // 200 bytes + key
    m.set("a", v, 0);
    m.set("b", v, 0);
    m.set("c", v, 0);
    m.set("d", v, 0);
    expect(m.get("a", 1)).toBe(v); // a is now the most recent
    m.set("e", v, 1);
    expect(m.bytes).toBeLessThanOrEqual(1_000);
    expect(m.get("b", 2)).toBeNull();
    expect(m.get("a", 2)).toBe(v);
    expect(m.get("e", 2)).toBe(v);
  });

  it("forgets an entry once its time is up", () => {
    const m = new MemoryLru(10_000, 5_000);
    m.set("k", "v", 1_000);
    expect(m.get("k", 5_999)).toBe("v");
    expect(m.get("k", 6_000)).toBeNull();
    expect(m.bytes).toBe(0);
  });

  it("refuses a value larger than a quarter of its bytes", () => {
    const m = new MemoryLru(1_000, 60_000);
    m.set("big", "x".repeat(200)); // 402 bytes
    expect(m.get("big")).toBeNull();
    expect(m.size).toBe(0);
  });

  it("replacing a key does not count it twice", () => {
    const m = new MemoryLru(10_000, 60_000);
    m.set("k", "x".repeat(10));
    m.set("k", "y".repeat(10));
    expect(m.size).toBe(1);
    expect(m.bytes).toBe(22);
  });
});
