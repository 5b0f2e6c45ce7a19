import { expect, it } from "vitest";
import { freshness } from "./freshness";

it("is fresh for the TTL with the seconds left, then stale with a negative ttl", () => {
  expect(freshness(0, 300, 100_000)).toEqual({ fresh: true, ttl: 200 });
  expect(freshness(0, 300, 300_000).fresh).toBe(false);
  expect(freshness(0, 300, 330_000)).toEqual({ fresh: false, ttl: -30 });
});
