/**
 * The real queue: a search's event goes to HJ_EVENTS (the local Queue wrangler.toml configures) and comes
 * back through this worker's own queue() consumer into D1, with no test hand in between.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { callSettled, resetAll } from "./support";

beforeAll(resetAll);

async function searchesOf(query: string): Promise<number> {
  const row = await env.HJ_INDEX!.prepare("SELECT SUM(searches) AS n FROM insight_queries WHERE query = ?").bind(query).first<{ n: number | null }>();
  return row?.n ?? 0;
}

describe("the queue round trip", () => {
  it("a search reaches D1 through HJ_EVENTS and queue(), and the response did not wait for it", async () => {
    expect(env.HJ_EVENTS).toBeDefined();
    // Letters only: a run of digits would be scrubbed to [number].
    const q = `round trip ${[...crypto.getRandomValues(new Uint8Array(8))].map((b) => String.fromCharCode(97 + (b % 26))).join("")}`;
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const res = await callSettled(`/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(4_000);
    }
    const deadline = Date.now() + 25_000;
    while ((await searchesOf(q)) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await searchesOf(q)).toBe(2);
  }, 30_000);
});

describe("gathering per isolate (INSIGHTS_FLUSH_MS)", () => {
  it("sends the events of requests within the window as one queue message, none lost", async () => {
    const sent: { events: unknown[] }[] = [];
    const queue = {
      send: async (body: { events: unknown[] }) => void sent.push(structuredClone(body)),
      sendBatch: async (msgs: Iterable<{ body: { events: unknown[] } }>) => {
        for (const m of msgs) sent.push(structuredClone(m.body));
      },
    };
    const vars = { HJ_EVENTS: queue, INSIGHTS_FLUSH_MS: "300" } as unknown as Record<string, string>;
    const started = Date.now();
    // Not awaited one by one: three visitors at once, as on a busy site.
    const answers = await Promise.all(["gather one", "gather two", "gather three"].map((q) => callSettled(`/v1/search?q=${encodeURIComponent(q)}`, {}, vars)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // settled only once the window had passed
    expect(sent).toHaveLength(1);
    expect(sent[0]!.events).toHaveLength(3);
  });
});
