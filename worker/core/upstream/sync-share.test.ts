import { describe, expect, it } from "vitest";
import { mayBorrow } from "./sync-share";

/** How many slots the sync can borrow in a row from an otherwise steady window. */
function borrowable(visitorShare: number, visitorsUsed: number): number {
  let b = 0;
  while (mayBorrow(visitorShare, visitorsUsed, b)) b++;
  return b;
}

describe("the sync borrowing the visitors' unused share", () => {
  it("takes half of what visitors left unused, and leaves the other half free for them", () => {
    expect(borrowable(90, 0)).toBe(45);
    expect(borrowable(90, 40)).toBe(25);
    expect(borrowable(90, 49)).toBe(20);
  });

  it("takes nothing while visitors use their share", () => {
    expect(borrowable(90, 90)).toBe(0);
    expect(borrowable(90, 89)).toBe(0);
    expect(borrowable(1, 0)).toBe(0);
  });

  it("stops as soon as visitors' use rises past what it leaves them", () => {
    expect(mayBorrow(90, 40, 24)).toBe(true);
    expect(mayBorrow(90, 42, 24)).toBe(false);
  });
});
