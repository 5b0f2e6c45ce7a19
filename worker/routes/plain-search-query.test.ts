import { describe, expect, it } from "vitest";
import { safeParse } from "valibot";
import { getQueryParams } from "hono/utils/url";
import { plainSearchQuery } from "./plain-search-query";
import { SearchQuery } from "./schemas";

/** What the app's validator makes of a URL: Hono's parser, one value per name, then SearchQuery. */
function validated(url: string): unknown {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(getQueryParams(url) as Record<string, string[]>)) {
    if (v.length !== 1) return "repeated";
    params[k] = v[0]!;
  }
  const r = safeParse(SearchQuery, params);
  return r.success ? r.output : "invalid";
}

const BASE = "https://hj.example/v1/search";

describe("a search's query string read without the validator", () => {
  it("reads what a widget sends, as the validator does", () => {
    for (const qs of [
      "q=reset%20password&limit=10",
      "q=Reset+Password&lang=es_ES",
      "q=%E2%9C%93%20caf%C3%A9&category=3&limit=50",
      "limit=1&q=a",
      `q=${"%F0%9F%98%80".repeat(200)}`,
      "q=%20%20padded%20%20&",
    ]) {
      const fast = plainSearchQuery(`${BASE}?${qs}`);
      expect(fast, qs).not.toBeNull();
      expect(fast, qs).toEqual(validated(`${BASE}?${qs}`));
    }
  });

  it("leaves to the validator what it does not read", () => {
    for (const qs of ["", "q=", "q=%20", "q=a&q=b", "q=a&limit=0", "q=a&limit=51", "q=a&limit=1.0", "q=a&lang=en", "q=a&category=0", "q=a&category=2147483648", "q=%E0%A4%A", "q=a&x=1", "Q=a", `q=${"ab".repeat(101)}`, `q=${"%F0%9F%98%80".repeat(201)}`])
      expect(plainSearchQuery(`${BASE}?${qs}`), qs).toBeNull();
  });

  it("never differs from the validator on random query strings", () => {
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const names = ["q", "q", "limit", "lang", "category", "x", "", "q%3D", "li+mit", "%71"];
    const values = ["reset", "a+b", "%20x%20", "%ZZ", "%E2%82", "10", "050", "0", "51", "es_ES", "en-us", "7", "2147483647", "", "+", "%2B", "&", "caf%C3%A9", "%F0%9F%98%80"];
    let taken = 0;
    for (let n = 0; n < 3_000; n++) {
      const pairs = Array.from({ length: 1 + Math.floor(next() * 4) }, () => (next() < 0.1 ? pick(names) : `${pick(names)}=${pick(values)}${next() < 0.3 ? pick(values) : ""}`));
      const url = `${BASE}?${pairs.join("&")}${next() < 0.05 ? "#frag" : ""}`;
      const fast = plainSearchQuery(url);
      if (fast === null) continue;
      taken++;
      expect(fast, url).toEqual(validated(url));
    }
    // The plain case is common among these too: the comparison above is not empty.
    expect(taken).toBeGreaterThan(50);
  });
});
