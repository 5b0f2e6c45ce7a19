import { describe, expect, it } from "vitest";
import { SlidingWindow } from "./sliding-window";

describe("SlidingWindow", () => {
  it("lets exactly `limit` events through in a window and tells when the next slot frees", () => {
    const w = new SlidingWindow(3, 60_000);
    expect(w.take(0).ok).toBe(true);
    expect(w.take(10_000).ok).toBe(true);
    expect(w.take(20_000).ok).toBe(true);
    const refused = w.take(30_000);
    expect(refused).toEqual({ ok: false, retryAfterMs: 30_000 });
    expect(w.take(60_000).ok).toBe(true); // the event at 0 has left the window
  });

  it("never allows more than the limit in any 60 s span, unlike a bucket refilled on the minute", () => {
    const w = new SlidingWindow(100, 60_000);
    const allowed: number[] = [];
    // Offered 10 events a second for three minutes, straddling minute boundaries.
    for (let t = 0; t < 180_000; t += 100) if (w.take(t).ok) allowed.push(t);
    for (let i = 0; i < allowed.length; i++) {
      const inSpan = allowed.filter((t) => t >= allowed[i] && t < allowed[i] + 60_000).length;
      expect(inSpan).toBeLessThanOrEqual(100);
    }
    expect(allowed.length).toBe(300);
  });

  it("refuses a refused event without recording it", () => {
    const w = new SlidingWindow(1, 1_000);
    w.take(0);
    for (let i = 0; i < 5; i++) w.take(500);
    expect(w.take(1_000).ok).toBe(true);
  });

  it("stays closed after an upstream 429 even with free slots", () => {
    const w = new SlidingWindow(10, 60_000);
    w.closeUntil(60_000);
    expect(w.take(59_999)).toEqual({ ok: false, retryAfterMs: 1 });
    expect(w.take(60_000).ok).toBe(true);
  });

  it("survives a snapshot and restore, so an evicted gate remembers the minute", () => {
    const w = new SlidingWindow(2, 60_000);
    w.take(0);
    w.take(1);
    const back = SlidingWindow.restore(2, 60_000, w.snapshot());
    expect(back.take(2).ok).toBe(false);
  });
});
