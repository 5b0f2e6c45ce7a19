import { describe, expect, it } from "vitest";
import { LimitGrace } from "./limit-grace";

describe("a client's first requests in a period, counted in the isolate", () => {
  it("lets the first few go on, then each waits, until the period is over", () => {
    const g = new LimitGrace(3, 60_000);
    expect([0, 1, 2, 3, 4].map((i) => g.take("198.51.100.7", 1_000 + i))).toEqual([true, true, true, false, false]);
    expect(g.take("198.51.100.7", 60_999)).toBe(false);
    expect(g.take("198.51.100.7", 61_000)).toBe(true);
  });

  it("counts each client on its own", () => {
    const g = new LimitGrace(1, 60_000);
    expect(g.take("a", 0)).toBe(true);
    expect(g.take("b", 0)).toBe(true);
    expect(g.take("a", 1)).toBe(false);
  });

  it("forgets everything when it holds too many clients, so memory stays bounded", () => {
    const g = new LimitGrace(1, 60_000, 2);
    g.take("a", 0);
    g.take("b", 0);
    expect(g.take("a", 1)).toBe(false);
    g.take("c", 2); // the third client: the two before are forgotten
    expect(g.take("a", 3)).toBe(true);
  });
});
