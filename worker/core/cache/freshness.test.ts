import { expect, it } from "vitest";
import { freshness } from "./freshness";

it("is fresh for the TTL with the seconds left, then stale with a negative ttl", () => {
  expect(freshness(0, 300, 100_000)).toEqual({ fresh: true, ttl: 200 });
  expect(freshness(0, 300, 300_000).fresh).toBe(false);
  expect(freshness(0, 300, 330_000)).toEqual({ fresh: false, ttl: -30 });
});

it("never calls a stale entry ttl=0, and never promises more than the TTL", () => {
  expect(freshness(0, 300, 300_000)).toEqual({ fresh: false, ttl: -1 });
  expect(freshness(0, 300, 300_400)).toEqual({ fresh: false, ttl: -1 });
  expect(freshness(0, 300, 299_600)).toEqual({ fresh: true, ttl: 0 });
  expect(freshness(10_000, 300, 0)).toEqual({ fresh: true, ttl: 300 });
});
