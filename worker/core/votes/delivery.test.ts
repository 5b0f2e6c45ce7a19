import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffMs, decide, oldestPendingSeconds } from "./delivery";

const f = (fault: Parameters<typeof decide>[1]["fault"], retryable = false, retryAfterMs = 0) => ({ fault, retryable, retryAfterMs });

describe("what the outbox does with an outcome", () => {
  it("waits for the gate on a closed gate or a 429 (nothing was counted)", () => {
    expect(decide("vote", f("gate_closed", false, 60_000))).toMatchObject({ kind: "pause", ms: 60_000 });
    expect(decide("check", f("gate_closed", false, 0)).kind).toBe("pause");
  });
  it("retries 5xx and dropped connections, and our own refused key", () => {
    expect(decide("vote", f("bad_answer", true)).kind).toBe("retry");
    expect(decide("vote", f("refused")).kind).toBe("retry");
    expect(decide("vote", f(null, true)).kind).toBe("retry");
  });
  it("never sends again a vote that timed out after sending: unconfirmed, not retried", () => {
    expect(decide("vote", f("timeout"))).toMatchObject({ kind: "drop", outcome: "unconfirmed" });
    // A visibility read that timed out sent no vote: retried.
    expect(decide("check", f("timeout")).kind).toBe("retry");
  });
  it("drops what can never count: 404, other 4xx, an unknown user", () => {
    expect(decide("vote", f("not_found"))).toMatchObject({ kind: "drop", outcome: "dropped" });
    expect(decide("vote", f("bad_answer", false))).toMatchObject({ kind: "drop", outcome: "dropped" });
    expect(decide("vote", f("unknown_user"))).toMatchObject({ kind: "drop", outcome: "dropped" });
  });
});

describe("backoff", () => {
  it("doubles from 2 s with ±20 % jitter, at most 5 minutes", () => {
    expect(backoffMs(1, 0.5)).toBe(2_000);
    expect(backoffMs(2, 0.5)).toBe(4_000);
    expect(backoffMs(3, 0)).toBe(6_400);
    expect(backoffMs(3, 0.999)).toBeLessThanOrEqual(9_600);
    expect(backoffMs(30, 0.5)).toBe(BACKOFF_MAX_MS);
  });
  it("oldest_pending_s: whole seconds, null with nothing pending", () => {
    expect(oldestPendingSeconds(null, 5_000)).toBeNull();
    expect(oldestPendingSeconds(1_000, 4_900)).toBe(3);
  });
});
