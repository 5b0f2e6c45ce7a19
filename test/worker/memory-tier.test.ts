/**
 * The in-isolate tier in front of KV for anonymous articles and Helpjuice-sourced searches (docs/design.md, "Hot
 * path"; platform/cache/answer-memory.ts): what it answers, how it says so, purges crossing it, and impersonated
 * answers never entering it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { sign } from "hono/jwt";
import { answerMemory } from "../../worker/platform/cache/answer-memory";
import { callSettled, fakeControl, json, resetAll, TEST_VARS, upstreamLog } from "./support";
import { INTERNAL, PUBLIC, TRANSLATED } from "./seed-facts";
import { STAFF_EMAIL } from "../fake-helpjuice/seed/users";

beforeEach(resetAll);

const MEM_HIT = /^hj-kv; hit; ttl=\d+, hj-mem; hit$/;
const pub = TRANSLATED;
const other = PUBLIC.find((a) => a.id !== pub.id)!;
const calls = async (path: string) => (await upstreamLog()).filter((e) => e.path.startsWith(path)).length;

function hook(body: unknown) {
  return callSettled(`/v1/webhooks/helpjuice?secret=${encodeURIComponent(TEST_VARS.WEBHOOK_SECRET)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
const articleEvent = (id: number) => ({ event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: id } });

async function editArticle(id: number, patch: Record<string, unknown>) {
  const res = await fakeControl(`/articles/${id}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(patch) });
  if (!res.ok) throw new Error(`the fake refused the edit: ${res.status}`);
}

const asUser = async (email = STAFF_EMAIL) => ({
  headers: { Authorization: `Bearer ${await sign({ sub: email, aud: "hj-search", exp: Math.floor(Date.now() / 1000) + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256")}` },
});

describe("the memory tier", () => {
  it("answers a repeated anonymous article from memory: same body and ETag, hj-mem listed after hj-kv", async () => {
    const first = await callSettled(`/v1/articles/${pub.id}`);
    expect(first.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    const firstBody = await first.text();
    const second = await callSettled(`/v1/articles/${pub.id}`);
    expect(second.headers.get("Cache-Status")).toMatch(MEM_HIT);
    expect(Number(/ttl=(\d+)/.exec(second.headers.get("Cache-Status")!)![1])).toBeLessThanOrEqual(3600);
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(second.headers.get("Content-Type")).toBe(first.headers.get("Content-Type"));
    expect(second.headers.get("Cache-Control")).toBe(first.headers.get("Cache-Control"));
    expect(second.headers.get("Vary")).toBe(first.headers.get("Vary"));
    const revalidated = await callSettled(`/v1/articles/${pub.id}`, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(revalidated.status).toBe(304);
    expect(await calls(`/api/v3/articles/${pub.id}`)).toBe(1);
  });

  it("answers a repeated anonymous search from memory, echoing the query as each visitor typed it", async () => {
    const a = await callSettled("/v1/search?q=password&limit=3");
    expect(a.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    const b = await callSettled("/v1/search?q=password&limit=3");
    expect(b.headers.get("Cache-Status")).toMatch(MEM_HIT);
    expect(await b.text()).toBe(await a.text());
    // Another shape of the same KV entry: KV answers it (and then memory holds that shape too).
    const typed = await callSettled("/v1/search?q=PassWord&limit=3");
    expect(typed.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=\d+$/);
    expect((await json(typed)).query).toBe("PassWord");
    const typedAgain = await callSettled("/v1/search?q=PassWord&limit=3");
    expect(typedAgain.headers.get("Cache-Status")).toMatch(MEM_HIT);
    expect((await json(typedAgain)).query).toBe("PassWord");
    expect((await callSettled("/v1/search?q=password&limit=2")).headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=\d+$/);
    expect(await calls("/api/v3/search")).toBe(1);
  });

  it("a webhook purge crosses it at once in this isolate: the next read shows the edit", async () => {
    const before = (await json(await callSettled(`/v1/articles/${pub.id}`))).article;
    await callSettled(`/v1/articles/${other.id}`);
    expect((await callSettled(`/v1/articles/${pub.id}`)).headers.get("Cache-Status")).toMatch(MEM_HIT);
    await editArticle(pub.id, { name: "Renamed while in memory" });
    // Without the webhook, memory (like KV) keeps the old title.
    expect((await json(await callSettled(`/v1/articles/${pub.id}`))).article.title).toBe(before.title);
    await hook(articleEvent(pub.id));
    const after = await callSettled(`/v1/articles/${pub.id}`);
    expect(after.headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    expect((await json(after)).article.title).toBe("Renamed while in memory");
    // Another article's entry was not purged.
    expect((await callSettled(`/v1/articles/${other.id}`)).headers.get("Cache-Status")).toMatch(MEM_HIT);
  });

  it("a content webhook retires remembered searches at once in this isolate", async () => {
    await callSettled("/v1/search?q=password");
    expect((await callSettled("/v1/search?q=password")).headers.get("Cache-Status")).toMatch(MEM_HIT);
    await hook({ event: "category_update", activity_fields: { trackable_type: "Category", trackable_id: 3 } });
    expect((await callSettled("/v1/search?q=password")).headers.get("Cache-Status")).toBe("hj-kv; fwd=miss; stored");
    expect(await calls("/api/v3/search")).toBe(2);
  });

  it("holds an answer no longer than KV calls it fresh: stale-while-revalidate stays KV's", async () => {
    const vars = { ARTICLE_TTL: "1" };
    await callSettled(`/v1/articles/${pub.id}`, {}, vars);
    expect((await callSettled(`/v1/articles/${pub.id}`, {}, vars)).headers.get("Cache-Status")).toMatch(MEM_HIT);
    await new Promise((r) => setTimeout(r, 1_100));
    const stale = await callSettled(`/v1/articles/${pub.id}`, {}, vars);
    expect(stale.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=-\d+$/);
    expect(stale.status).toBe(200);
  });

  it("never takes in an impersonated answer, nor serves one to a signed user", async () => {
    const size = answerMemory.size;
    const user = await asUser();
    for (let i = 0; i < 2; i++) {
      const s = await callSettled("/v1/search?q=password", user);
      expect(s.headers.get("Cache-Status")).toBe("hj-kv; fwd=bypass");
      expect(s.headers.get("Cache-Control")).toBe("private, no-store");
      const a = await callSettled(`/v1/articles/${INTERNAL.id}`, user);
      expect(a.status).toBe(200);
      expect(a.headers.get("Cache-Status")).toBe("hj-kv; fwd=bypass");
    }
    expect(answerMemory.size).toBe(size);
    // What a signed user saw is not what an anonymous visitor gets.
    expect((await callSettled(`/v1/articles/${INTERNAL.id}`)).status).toBe(404);
    // And an anonymous answer in memory is not what a signed user gets.
    await callSettled(`/v1/articles/${pub.id}`);
    expect((await callSettled(`/v1/articles/${pub.id}`)).headers.get("Cache-Status")).toMatch(MEM_HIT);
    expect((await callSettled(`/v1/articles/${pub.id}`, user)).headers.get("Cache-Status")).toBe("hj-kv; fwd=bypass");
  });
});
