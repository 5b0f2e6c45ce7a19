import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { articlePrefix } from "../../worker/core/cache/key";
import { callSettled, fakeControl, json, resetAll, TEST_VARS, upstreamLog } from "./support";
import { TRANSLATED, PUBLIC } from "./seed-facts";

beforeEach(resetAll);

const SECRET = TEST_VARS.WEBHOOK_SECRET;

function hook(body: unknown, secret: string | null = SECRET, vars: Record<string, string> = {}) {
  const qs = secret === null ? "" : `?secret=${encodeURIComponent(secret)}`;
  return callSettled(
    `/v1/webhooks/helpjuice${qs}`,
    {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    },
    vars,
  );
}

const articleEvent = (id: number, action = "update") => ({
  event: `question_${action}`,
  activity_fields: { action, trackable_type: "Question", trackable_id: id },
});

/** Change an article in the fake, as an editor would in Helpjuice. */
async function editArticle(id: number, patch: Record<string, unknown>) {
  const res = await fakeControl(`/articles/${id}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(patch),
  });
  if (!res.ok) throw new Error(`the fake refused the edit: ${res.status} ${await res.text()}`);
}

const articleKeys = async (id: number) => (await env.HJ_CACHE.list({ prefix: articlePrefix(id) })).keys.map((k) => k.name);
const searches = async () => (await upstreamLog()).filter((e) => e.path === "/api/v3/search");

const pub = TRANSLATED;
const other = PUBLIC.find((a) => a.id !== pub.id)!;

describe("POST /v1/webhooks/helpjuice", () => {
  it("purges every cached language of the article, so the next read shows the edit", async () => {
    const before = (await json(await callSettled(`/v1/articles/${pub.id}`))).article;
    await callSettled(`/v1/articles/${pub.id}?lang=es_ES`);
    await callSettled(`/v1/articles/${other.id}`);
    expect(await articleKeys(pub.id)).toHaveLength(2);

    await editArticle(pub.id, { name: "Renamed by an editor" });
    // Without the webhook the cache keeps the old title.
    expect((await json(await callSettled(`/v1/articles/${pub.id}`))).article.title).toBe(before.title);

    const res = await hook(articleEvent(pub.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await json(res)).toEqual({ article: pub.id, purged: 2, searches_retired: true });
    expect(await articleKeys(pub.id)).toEqual([]);
    expect(await articleKeys(other.id)).toHaveLength(1);

    const after = await callSettled(`/v1/articles/${pub.id}`);
    expect(after.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    expect((await json(after)).article.title).toBe("Renamed by an editor");
  });

  it("hides an article the moment it is made internal", async () => {
    expect((await callSettled(`/v1/articles/${pub.id}`)).status).toBe(200);
    await editArticle(pub.id, { accessibility: 0 });
    await hook(articleEvent(pub.id));
    expect((await callSettled(`/v1/articles/${pub.id}`)).status).toBe(404);
  });

  it("retires cached searches with a content event, by generation rather than by listing", async () => {
    await callSettled("/v1/search?q=password");
    expect((await callSettled("/v1/search?q=password")).headers.get("Cache-Status")).toMatch(/^hj-kv; hit/);
    const res = await hook({ event: "category_update", activity_fields: { trackable_type: "Category", trackable_id: 3 } });
    expect(await json(res)).toEqual({ article: null, purged: 0, searches_retired: true });
    const next = await callSettled("/v1/search?q=password");
    expect(next.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    expect(await searches()).toHaveLength(2);
  });

  it("accepts the trackable fields at the top level and ids as strings", async () => {
    await callSettled(`/v1/articles/${pub.id}`);
    const res = await hook({ event: "question_update", trackable_type: "Question", trackable_id: String(pub.id) });
    expect((await json(res)).purged).toBe(1);
  });

  it("leaves searches cached for a user event", async () => {
    await callSettled("/v1/search?q=password");
    const res = await hook({ event: "user_delete", activity_fields: { trackable_type: "User", trackable_id: 3 } });
    expect(await json(res)).toEqual({ article: null, purged: 0, searches_retired: false });
    expect((await callSettled("/v1/search?q=password")).headers.get("Cache-Status")).toMatch(/^hj-kv; hit/);
  });

  it.each([
    ["a wrong secret", "wrong-secret"],
    ["a secret one character short", SECRET.slice(0, -1)],
    ["the secret with extra characters", `${SECRET}x`],
    ["an empty secret", ""],
    ["no secret", null],
  ])("answers 401 to %s and purges nothing", async (_, secret) => {
    await callSettled(`/v1/articles/${pub.id}`);
    await callSettled("/v1/search?q=password");
    const res = await hook(articleEvent(pub.id), secret);
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("unauthorized");
    expect(await articleKeys(pub.id)).toHaveLength(1);
    expect((await callSettled("/v1/search?q=password")).headers.get("Cache-Status")).toMatch(/^hj-kv; hit/);
  });

  it("answers 401 to every request when no WEBHOOK_SECRET is configured", async () => {
    await callSettled(`/v1/articles/${pub.id}`);
    for (const secret of ["", SECRET, "undefined"]) {
      expect((await hook(articleEvent(pub.id), secret, { WEBHOOK_SECRET: "" })).status).toBe(401);
    }
    expect(await articleKeys(pub.id)).toHaveLength(1);
  });

  it.each([
    ["broken JSON", '{"event": '],
    ["a JSON string", '"question_update"'],
    ["a JSON array", "[1,2]"],
    ["nothing", ""],
  ])("answers 400 to %s", async (_, body) => {
    const res = await hook(body);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("bad_request");
  });

  it("answers 413 to a body over 64 kB", async () => {
    const res = await hook({ ...articleEvent(pub.id), pad: "x".repeat(70_000) });
    expect(res.status).toBe(413);
  });

  it("answers GET with 405", async () => {
    const res = await callSettled(`/v1/webhooks/helpjuice?secret=${SECRET}`);
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("POST");
  });

  it("is described in /v1/openapi.json", async () => {
    const doc = await json(await callSettled("/v1/openapi.json"));
    const op = doc.paths["/v1/webhooks/helpjuice"]?.post;
    expect(op).toBeTruthy();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "401"]));
  });
});
