import { describe, expect, it } from "vitest";
import { createFakeHelpjuice, FAKE_API_KEY } from "./index";
import { BASE, body, control, get, postJson } from "./testing";

describe("/__fake control routes", () => {
  it("need no key, are never logged, and allow any origin", async () => {
    const fake = createFakeHelpjuice();
    const res = await control(fake, "/log", { headers: { Origin: "http://localhost:8000" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const pre = await control(fake, "/faults", {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:8000", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(pre.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    expect(fake.state.log).toEqual([]);
    expect((await control(fake, "/nope")).status).toBe(404);
  });

  it("GET /log lists requests with their query, user, key source and status; ?path= filters by prefix", async () => {
    let t = 5_000;
    const fake = createFakeHelpjuice({ now: () => t });
    await get(fake, "/api/v3/search?query=sso&category_id=5");
    t = 6_000;
    await fake.fetch(new Request(`${BASE}/api/v3/articles/12?processed=true&api_key=${FAKE_API_KEY}`));
    const { log } = await body(await control(fake, "/log"));
    expect(log).toEqual([
      { seq: 1, method: "GET", path: "/api/v3/search", query: { query: "sso", category_id: "5" }, user: null, keyVia: "header", status: 200, time: 5_000 },
      { seq: 2, method: "GET", path: "/api/v3/articles/12", query: { processed: "true", api_key: FAKE_API_KEY }, user: null, keyVia: "query", status: 200, time: 6_000 },
    ]);
    expect((await body(await control(fake, "/log?path=/api/v3/articles"))).log.map((e: any) => e.seq)).toEqual([2]);
    await control(fake, "/log", { method: "DELETE" });
    expect(fake.state.log).toEqual([]);
  });

  it("POST /articles/:id patches content (staleness, webhooks) and bumps updated_at; reset restores the seed", async () => {
    let t = Date.UTC(2030, 0, 1);
    const fake = createFakeHelpjuice({ now: () => t });
    const res = await control(fake, "/articles/12", postJson({ name: "Reset your password (updated)", body: "<p>New steps.</p>" }));
    expect(res.status).toBe(200);
    const a = (await body(await get(fake, "/api/v3/articles/12"))).article;
    expect(a.name).toBe("Reset your password (updated)");
    expect(a.answer.body).toBe("<p>New steps.</p>");
    expect(a.updated_at).toBe("2030-01-01T00:00:00.000Z");
    expect((await body(await get(fake, "/api/v3/search?query=updated"))).searches[0].id).toBe(12);

    await control(fake, "/articles/12", postJson({ language: "es_ES", name: "Restablecer (nuevo)" }));
    expect((await body(await get(fake, "/api/v3/articles/12?kb_language=es_ES"))).article.name).toBe("Restablecer (nuevo)");

    await control(fake, "/articles/3", postJson({ published: false }));
    await control(fake, "/articles/4", postJson({ accessibility: 0 }));
    const hits = (await body(await get(fake, "/api/v3/search?query=workspace"))).searches;
    expect(hits.find((h: any) => h.id === 4).is_internal).toBe(true);

    await control(fake, "/reset", { method: "POST" });
    expect((await body(await get(fake, "/api/v3/articles/12"))).article.name).toBe("Reset your password");
    expect((await body(await get(fake, "/api/v3/articles/3"))).article.published).toBe(true);
  });

  it("rejects bad patches", async () => {
    const fake = createFakeHelpjuice();
    expect((await control(fake, "/articles/999", postJson({ name: "x" }))).status).toBe(404);
    expect((await control(fake, "/articles/12", postJson({ published: "yes" }))).status).toBe(400);
    expect((await control(fake, "/articles/12", postJson({ accessibility: 7 }))).status).toBe(400);
    expect((await control(fake, "/articles/12", postJson({ title: "x" }))).status).toBe(400);
  });

  it("POST /reset clears the log, votes and faults", async () => {
    const fake = createFakeHelpjuice();
    await get(fake, "/api/v3/articles/1");
    await fake.fetch(new Request(`${BASE}/api/v3/articles/1/upvote`, { method: "PUT", headers: { Authorization: FAKE_API_KEY } }));
    await control(fake, "/faults", postJson({ path: "/x", kind: "error" }));
    const log = fake.state.log;
    expect((await control(fake, "/reset", { method: "POST" })).status).toBe(200);
    expect(log).toHaveLength(0); // the same array, emptied
    expect(fake.state.votes.size).toBe(0);
    expect(fake.state.faults).toHaveLength(0);
  });
});
