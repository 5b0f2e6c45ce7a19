/** The in-isolate tier in front of KV: bounds, freshness, and purges crossing it (platform/cache/answer-memory.ts). */
import { Hono } from "hono";
import { etag } from "hono/etag";
import { beforeEach, describe, expect, it } from "vitest";
import { ANSWER_MEMORY_BYTES, ANSWER_MEMORY_TTL_MS, MAX_ANSWER_BYTES, answerMemory, etagOf, forgetAnswers, recall, remember } from "./answer-memory";
import { flightEpoch, forgetFlights } from "./single-flight";

beforeEach(() => {
  forgetAnswers();
  forgetFlights();
});

const body = (n: number) => JSON.stringify({ article: { id: 1, html: "x".repeat(n) } });

describe("answer memory", () => {
  it("gives back the body, its ETag and freshness, and the ETag is hono/etag's", async () => {
    const now = Date.now();
    const text = body(1_000);
    const tag = await remember("a:1:default", text, now + 60_000, flightEpoch(), now);
    const hit = recall("a:1:default", now + 1);
    expect(hit).toEqual({ body: text, etag: tag, freshUntil: now + 60_000 });
    const app = new Hono().use(etag()).get("/", (c) => c.body(text));
    expect((await app.request("/")).headers.get("ETag")).toBe(tag);
    // The largest body held still hashes in one piece there.
    const big = "y".repeat(MAX_ANSWER_BYTES);
    const big2 = new Hono().use(etag()).get("/", (c) => c.body(big));
    expect((await big2.request("/")).headers.get("ETag")).toBe(await etagOf(new TextEncoder().encode(big)));
  });

  it("never outlives KV's freshness, nor its own TTL (the bound for purges made in other isolates)", async () => {
    const now = Date.now();
    await remember("a:1:default", body(10), now + 2_000, flightEpoch(), now);
    expect(recall("a:1:default", now + 1_999)).not.toBeNull();
    expect(recall("a:1:default", now + 2_000)).toBeNull();
    await remember("a:2:default", body(10), now + 3_600_000, flightEpoch(), now);
    expect(recall("a:2:default", now + ANSWER_MEMORY_TTL_MS - 1)).not.toBeNull();
    expect(recall("a:2:default", now + ANSWER_MEMORY_TTL_MS)).toBeNull();
    // Nothing stale goes in: stale-while-revalidate stays KV's.
    expect(await remember("a:3:default", body(10), now, flightEpoch(), now)).toBeNull();
    expect(answerMemory.size).toBe(0);
  });

  it("drops an entry once a purge in this isolate names its key, and keeps the rest", async () => {
    const now = Date.now();
    await remember("a:1:default", body(10), now + 60_000, flightEpoch(), now);
    await remember("a:1:es_ES", body(10), now + 60_000, flightEpoch(), now);
    await remember("a:12:default", body(10), now + 60_000, flightEpoch(), now);
    forgetFlights("a:1:"); // what purgeArticle does for article 1
    expect(recall("a:1:default", now)).toBeNull();
    expect(recall("a:1:es_ES", now)).toBeNull();
    expect(recall("a:12:default", now)).not.toBeNull();
    forgetFlights(); // every key
    expect(recall("a:12:default", now)).toBeNull();
  });

  it("does not take in an answer read before a purge of its key", async () => {
    const now = Date.now();
    const before = flightEpoch(); // taken before the KV read …
    forgetFlights("a:1:"); // … a purge lands while it is under way …
    const tag = await remember("a:1:default", body(10), now + 60_000, before, now); // … and the answer comes back
    expect(tag).not.toBeNull(); // the response still gets its ETag
    expect(recall("a:1:default", now)).toBeNull();
    expect(answerMemory.size).toBe(0);
  });

  it("is bounded in bytes: too big an answer is not held, and the least recently used go first", async () => {
    const now = Date.now();
    expect(await remember("a:1:default", "z".repeat(MAX_ANSWER_BYTES + 1), now + 60_000, flightEpoch(), now)).toBeNull();
    expect(answerMemory.size).toBe(0);
    // Multi-byte text: the limit is on UTF-8 bytes, as hono hashes them.
    expect(await remember("a:1:default", "é".repeat(MAX_ANSWER_BYTES / 2 + 1), now + 60_000, flightEpoch(), now)).toBeNull();
    expect(answerMemory.size).toBe(0);
    const each = 200_000; // characters: ~400 kB counted each
    const n = Math.ceil(ANSWER_MEMORY_BYTES / (each * 2)) + 5;
    for (let i = 0; i < n; i++) await remember(`a:${i}:default`, "w".repeat(each), now + 60_000, flightEpoch(), now);
    expect(answerMemory.bytes).toBeLessThanOrEqual(ANSWER_MEMORY_BYTES);
    expect(recall("a:0:default", now)).toBeNull(); // the oldest went
    expect(recall(`a:${n - 1}:default`, now)).not.toBeNull();
  });
});
