import { describe, expect, it } from "vitest";
import { configOf, parseConfig } from "./config";
import type { Env } from "../env";

const env = (vars: Record<string, string>) => ({ ...vars }) as unknown as Env;

describe("configOf: the config parsed once per isolate and environment", () => {
  it("is the same object for the same env, and for another env object with the same vars", () => {
    const a = env({ SEARCH_TTL: "120", ALLOWED_ORIGINS: "https://a.example" });
    const cfg = configOf(a);
    expect(configOf(a)).toBe(cfg);
    expect(configOf(env({ ALLOWED_ORIGINS: "https://a.example", SEARCH_TTL: "120" }))).toBe(cfg);
    expect(cfg).toEqual(parseConfig(a));
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it("is parsed anew for other vars, or when the index's bindings come or go", () => {
    const cfg = configOf(env({ SEARCH_TTL: "120" }));
    const other = configOf(env({ SEARCH_TTL: "121" }));
    expect(other).not.toBe(cfg);
    expect(other.searchTtl).toBe(121);
    const withIndex = configOf({ SEARCH_TTL: "120", HJ_INDEX: {}, INDEX_SYNC: {} } as unknown as Env);
    expect(withIndex).not.toBe(cfg);
    expect(withIndex.syncReserved).toBeGreaterThan(0);
    expect(cfg.syncReserved).toBe(0);
  });
});
