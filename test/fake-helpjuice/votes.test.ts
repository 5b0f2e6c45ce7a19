import { describe, expect, it } from "vitest";
import { createFakeHelpjuice, FAKE_API_KEY, VIEWER_EMAIL } from "./index";
import { BASE, basic, body, control } from "./testing";

const put = (fake: ReturnType<typeof createFakeHelpjuice>, path: string, headers: Record<string, string> = { Authorization: FAKE_API_KEY }) =>
  fake.fetch(new Request(`${BASE}${path}`, { method: "PUT", headers }));

describe("PUT /api/v3/articles/:id/upvote and /downvote", () => {
  it("answers 200 with the article and counts each vote", async () => {
    const fake = createFakeHelpjuice();
    const res = await put(fake, "/api/v3/articles/12/upvote");
    expect(res.status).toBe(200);
    expect((await body(res)).article).toMatchObject({ id: 12, name: "Reset your password" });
    await put(fake, "/api/v3/articles/12/upvote");
    await put(fake, "/api/v3/articles/12/downvote");
    await put(fake, "/api/v3/articles/3/downvote");
    expect(fake.state.votes.get(12)).toEqual({ up: 2, down: 1 });
    expect(fake.state.votes.get(3)).toEqual({ up: 0, down: 1 });
    expect(await body(await control(fake, "/votes"))).toEqual({ votes: { "12": { up: 2, down: 1 }, "3": { up: 0, down: 1 } } });
  });

  it("needs the key, and 404s unknown or invisible articles without counting", async () => {
    const fake = createFakeHelpjuice();
    expect((await put(fake, "/api/v3/articles/12/upvote", {})).status).toBe(403);
    expect((await put(fake, "/api/v3/articles/999999/upvote")).status).toBe(404);
    const asViewer = await fake.fetch(
      new Request(`${BASE}/api/v3/articles/60/upvote?api_key=${FAKE_API_KEY}`, { method: "PUT", headers: { Authorization: basic(VIEWER_EMAIL) } }),
    );
    expect(asViewer.status).toBe(404);
    expect(fake.state.votes.size).toBe(0);
  });

  it("forgets votes on reset", async () => {
    const fake = createFakeHelpjuice();
    await put(fake, "/api/v3/articles/12/upvote");
    fake.reset();
    expect(fake.state.votes.size).toBe(0);
  });
});
