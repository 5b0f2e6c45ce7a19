import { describe, expect, it } from "vitest";
import { createFakeHelpjuice, FAKE_API_KEY } from "./index";
import { control, get } from "./testing";

function clocked(limit: number) {
  let t = 1_000_000;
  const fake = createFakeHelpjuice({ rateLimit: limit, now: () => t });
  return { fake, advance: (ms: number) => (t += ms) };
}

describe("rate limit", () => {
  it("answers the 101st request in a minute with 429, Helpjuice's exact body and no Retry-After", async () => {
    const { fake } = clocked(100);
    for (let i = 0; i < 100; i++) expect((await get(fake, "/api/v3/articles/1")).status).toBe(200);
    const res = await get(fake, "/api/v3/articles/1");
    expect(res.status).toBe(429);
    expect(await res.text()).toBe('{"message":"You have fired too many requests, please wait one minute."}');
    expect(res.headers.get("Retry-After")).toBeNull();
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(fake.state.log.at(-1)!.status).toBe(429);
  });

  it("counts every request: bad keys, 404s, 422s, unknown routes", async () => {
    const { fake } = clocked(4);
    expect((await get(fake, "/api/v3/articles/1", {})).status).toBe(403);
    expect((await get(fake, "/api/v3/articles/999999")).status).toBe(404);
    expect((await get(fake, "/api/v3/search?query=")).status).toBe(422);
    expect((await get(fake, "/api/v3/nope")).status).toBe(404);
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(429);
    expect((await get(fake, "/api/v3/articles/1", {})).status).toBe(429);
  });

  it("slides: a request leaves the window 60 s after it was made, not at the top of a minute", async () => {
    const { fake, advance } = clocked(3);
    await get(fake, "/api/v3/articles/1"); // t0
    advance(30_000);
    await get(fake, "/api/v3/articles/1"); // t0+30s
    await get(fake, "/api/v3/articles/1"); // t0+30s
    advance(29_999);
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(429); // t0+59.999s: three in the window
    advance(1);
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(200); // t0+60s: the first has left
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(429);
    advance(29_999);
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(429); // t0+89.999s: the two at +30s are still in
    advance(1);
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(200);
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(200);
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(429);
  });

  it("does not count refused requests against the window", async () => {
    const { fake, advance } = clocked(2);
    await get(fake, "/api/v3/articles/1");
    await get(fake, "/api/v3/articles/1");
    for (let i = 0; i < 5; i++) {
      advance(10_000);
      expect((await get(fake, "/api/v3/articles/1")).status).toBe(429);
    }
    advance(10_000); // 60 s after the first two
    expect((await get(fake, "/api/v3/articles/1", { Authorization: FAKE_API_KEY })).status).toBe(200);
  });

  it("leaves control routes out, and starts over on reset", async () => {
    const { fake } = clocked(1);
    await get(fake, "/api/v3/articles/1");
    for (let i = 0; i < 5; i++) expect((await control(fake, "/log")).status).toBe(200);
    expect(await (await control(fake, "/rate")).json()).toEqual({ limit: 1, used: 1, window_ms: 60_000 });
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(429);
    await control(fake, "/reset", { method: "POST" });
    expect((await get(fake, "/api/v3/articles/1")).status).toBe(200);
  });
});
