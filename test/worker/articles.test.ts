import { beforeEach, describe, expect, it } from "vitest";
import { FAKE_API_KEY } from "../fake-helpjuice/index";
import { addFault, callSettled, FAKE_ORIGIN, fakeControl, json, resetAll, upstreamLog } from "./support";

beforeEach(resetAll);

/** The owner's view of one article, straight from the fake, to decide what a visitor should get. */
async function owner(id: number, lang?: string) {
  const url = `${FAKE_ORIGIN}/api/v3/articles/${id}?processed=true${lang ? `&kb_language=${lang}` : ""}`;
  const res = await fetch(url, { headers: { Authorization: FAKE_API_KEY } });
  return res.status === 200 ? ((await res.json()) as { article: Record<string, any> }).article : null;
}

/** Every article id the owner can list, with its flags. */
async function catalogue() {
  const res = await fetch(`${FAKE_ORIGIN}/api/v3/articles?limit=1000`, { headers: { Authorization: FAKE_API_KEY } });
  return ((await res.json()) as { articles: Array<Record<string, any>> }).articles;
}

const articleCalls = async () => (await upstreamLog()).filter((e) => e.path.startsWith("/api/v3/articles/"));

describe("GET /v1/articles/:id", () => {
  it("answers the contract's fields with the processed body, asking upstream for it", async () => {
    const pub = (await catalogue()).find((a) => a.published && a.accessibility === 1)!;
    const res = await callSettled(`/v1/articles/${pub.id}`);
    expect(res.status).toBe(200);
    const { article } = await json(res);
    expect(Object.keys(article).sort()).toEqual(["description", "html", "id", "language", "title", "updated_at", "url"]);
    expect(article).toMatchObject({ id: pub.id, title: pub.name });
    expect(article.html.length).toBeGreaterThan(0);
    const [entry] = await articleCalls();
    expect(entry.query.processed).toBe("true");
  });

  it("expands inserted-article blocks (processed=true) and keeps them readable", async () => {
    const arts = await catalogue();
    for (const a of arts.filter((x) => x.published && x.accessibility === 1)) {
      const full = await owner(a.id);
      const answer = Array.isArray(full!.answer) ? full!.answer[0] : full!.answer;
      if (!String(answer?.processed_body ?? "").includes("helpjuice-inserted-article")) continue;
      const { article } = await json(await callSettled(`/v1/articles/${a.id}`));
      expect(article.html).toContain("helpjuice-inserted-article");
      return;
    }
    throw new Error("the seed has no public article with an inserted-article block");
  });

  it("reads articles whose answer is a single object as well as an array", async () => {
    const arts = (await catalogue()).filter((a) => a.published && a.accessibility === 1);
    const shapes = new Set<string>();
    for (const a of arts) {
      const full = await owner(a.id);
      const shape = Array.isArray(full!.answer) ? "array" : "object";
      if (shapes.has(shape)) continue;
      shapes.add(shape);
      const res = await callSettled(`/v1/articles/${a.id}`);
      expect(res.status).toBe(200);
      expect((await json(res)).article.html.length).toBeGreaterThan(0);
    }
    expect([...shapes].sort()).toEqual(["array", "object"]);
  });

  it("hides internal, private and unpublished articles from anonymous visitors as 404s", async () => {
    const hidden = (await catalogue()).filter((a) => !a.published || a.accessibility !== 1);
    expect(hidden.length).toBeGreaterThan(2);
    for (const a of hidden) {
      const res = await callSettled(`/v1/articles/${a.id}`);
      expect(res.status, `article ${a.id}`).toBe(404);
      const text = await res.text();
      expect(text).not.toContain(a.name);
      expect(JSON.parse(text).error.code).toBe("not_found");
    }
  });

  it("caches a 404 briefly, so a scan of missing ids does not reach upstream each time", async () => {
    expect((await callSettled("/v1/articles/999999")).status).toBe(404);
    const again = await callSettled("/v1/articles/999999");
    expect(again.status).toBe(404);
    expect(again.headers.get("Cache-Status")).toMatch(/^hj-kv; hit; ttl=([1-9]|[1-5]\d|60)$/);
    expect(await articleCalls()).toHaveLength(1);
  });

  it("returns a translation for kb_language, cached apart from other languages", async () => {
    const arts = (await catalogue()).filter((a) => a.published && a.accessibility === 1);
    let found: { id: number; en: string; es: string } | null = null;
    for (const a of arts) {
      const es = await owner(a.id, "es_ES");
      if (es && es.name !== a.name) {
        found = { id: a.id, en: a.name, es: es.name };
        break;
      }
    }
    expect(found).not.toBeNull();
    await fakeControl("/log", { method: "DELETE" }); // forget the probes above
    const es = (await json(await callSettled(`/v1/articles/${found!.id}?lang=es_ES`))).article;
    expect(es).toMatchObject({ title: found!.es, language: "es_ES" });
    const en = (await json(await callSettled(`/v1/articles/${found!.id}`))).article;
    expect(en.title).toBe(found!.en);
    const calls = await articleCalls();
    expect(calls.map((c) => c.query.kb_language)).toEqual(["es_ES", undefined]);
  });

  it("falls back to the default language when there is no translation", async () => {
    const pub = (await catalogue()).find((a) => a.published && a.accessibility === 1)!;
    const { article } = await json(await callSettled(`/v1/articles/${pub.id}?lang=pt_PT`));
    expect(article.title).toBe(pub.name);
  });

  it("serves the cached article when upstream is down after the TTL", async () => {
    const pub = (await catalogue()).find((a) => a.published && a.accessibility === 1)!;
    const vars = { ARTICLE_TTL: "1" };
    const before = await json(await callSettled(`/v1/articles/${pub.id}`, {}, vars));
    await new Promise((r) => setTimeout(r, 1_100));
    await addFault({ path: `/api/v3/articles/${pub.id}`, kind: "timeout" });
    const res = await callSettled(`/v1/articles/${pub.id}`, {}, { ...vars, UPSTREAM_TIMEOUT_MS: "300" });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(before);
  });
});
