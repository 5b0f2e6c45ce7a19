/**
 * The edge index: the first build (its upstream calls counted), what enters it, and searching it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { buildIndex, call, callSettled, indexStatus, json, resetAll, upstreamLog } from "./support";

const INDEX = { SEARCH_SOURCE: "index" } as const;

beforeEach(resetAll);

describe("the first build", () => {
  it("lists categories and one page of articles, and then reports ready", async () => {
    await buildIndex();
    const log = await upstreamLog("/api/v3/");
    expect(log.map((e) => e.path).sort()).toEqual(["/api/v3/articles", "/api/v3/categories"]);
    const list = log.find((e) => e.path === "/api/v3/articles")!;
    expect(list.query).toMatchObject({ "filter[accessibility]": "1", "filter[is_published]": "true", "filter[language]": "en_US", limit: "1000" });
    const status = await indexStatus();
    expect(status.state).toBe("ready");
    expect(status.articles).toBeGreaterThan(20);
    expect(status.languages).toEqual(["en_US"]);
    expect(status.last_error).toBeNull();
  });

  it("the first search after a deploy goes to Helpjuice and starts the build", async () => {
    const { res, settled } = await call("/v1/search?q=password", {}, INDEX);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toMatch(/^hj-kv/);
    await settled;
    expect((await indexStatus()).state).toMatch(/building|ready/);
  });
});

describe("searching the index", () => {
  beforeEach(() => buildIndex());

  it("answers from the index with no upstream call", async () => {
    const before = (await upstreamLog("/api/v3/")).length;
    const res = await callSettled("/v1/search?q=reset%20password", {}, INDEX);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("hj-index; hit");
    const body = await json(res);
    expect(body.query).toBe("reset password");
    expect(body.results[0].title).toMatch(/password/i);
    expect(body.results[0].snippet.length).toBeLessThanOrEqual(200);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
  });

  it("matches the last word as a prefix while it is typed", async () => {
    const body = await json(await callSettled("/v1/search?q=passw", {}, INDEX));
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results[0].title).toMatch(/password/i);
  });

  it("corrects typos in longer words", async () => {
    for (const q of ["pasword", "invoces", "webhok"]) {
      const body = await json(await callSettled(`/v1/search?q=${q}`, {}, INDEX));
      expect(body.results.length, q).toBeGreaterThan(0);
    }
  });
});
