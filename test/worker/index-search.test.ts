/**
 * Searching the edge index as people type, in several languages: prefixes, typos, stemming, accents,
 * Japanese, categories, ranking and snippets. Built once from the fake's seed, with four languages.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ARTICLES, INTERNAL_ARTICLE_IDS, PUBLIC_ARTICLE_IDS, PUBLIC_IN_INTERNAL_CATEGORY_IDS } from "../fake-helpjuice/index";
import { buildIndex, callSettled, json, resetAll, upstreamLog } from "./support";

const LANGS = "en_US,es_ES,de_DE,ja_JP";
const VARS = { SEARCH_SOURCE: "index", KB_LANGUAGES: LANGS } as const;

interface Hit {
  id: number;
  title: string;
  snippet: string;
  url: string;
  category: { id: number; name: string } | null;
}

async function search(qs: string): Promise<{ res: Response; hits: Hit[] }> {
  const res = await callSettled(`/v1/search?${qs}`, {}, VARS);
  const body = res.status === 200 ? await json(res) : { results: [] };
  return { res, hits: body.results as Hit[] };
}
const titles = async (qs: string) => (await search(qs)).hits.map((h) => h.title);

beforeAll(async () => {
  await resetAll();
  await buildIndex({ KB_LANGUAGES: LANGS });
});

describe("the index's content", () => {
  it("holds every public article of a public category, in each language it is written in, and nothing else", async () => {
    const { results } = await env.HJ_INDEX!.prepare("SELECT article_id AS id, lang FROM docs").all<{ id: number; lang: string }>();
    const en = results.filter((r) => r.lang === "en_US").map((r) => r.id).sort((a, b) => a - b);
    expect(en).toEqual([...PUBLIC_ARTICLE_IDS].sort((a, b) => a - b));
    for (const r of results) expect(PUBLIC_ARTICLE_IDS).toContain(r.id);
    const ja = ARTICLES.filter((a) => PUBLIC_ARTICLE_IDS.includes(a.id) && "ja_JP" in a.translations).map((a) => a.id);
    expect(results.filter((r) => r.lang === "ja_JP").map((r) => r.id).sort((a, b) => a - b)).toEqual(ja.sort((a, b) => a - b));
  });

  it("costs no upstream call to search", async () => {
    const before = (await upstreamLog("/api/v3/")).length;
    for (const q of ["password", "invoice", "webhook", "sso", "slack"]) expect((await search(`q=${q}`)).res.status).toBe(200);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
  });
});

describe("as people type", () => {
  it("finds a word from its first letters", async () => {
    expect((await titles("q=passw"))[0]).toMatch(/password/i);
    expect((await titles("q=invo"))[0]).toMatch(/invoice/i);
  });

  it("reaches a stemmed word from a longer prefix (configura → configure, configuration)", async () => {
    const hits = await titles("q=integra");
    expect(hits.length).toBeGreaterThan(0);
  });

  it("needs every word when every word matches something, the last one as a prefix", async () => {
    const hits = (await search("q=reset%20passw")).hits;
    expect(hits[0].title).toMatch(/reset/i);
    expect(hits[0].title).toMatch(/password/i);
  });

  it("stems English: a plural finds the singular and back", async () => {
    expect(await titles("q=invoices%20download")).toContain("Download invoices and receipts");
    expect((await titles("q=webhooks"))[0]).toMatch(/webhook/i);
  });

  it("corrects typos in longer words against the index's own vocabulary", async () => {
    expect((await titles("q=pasword"))[0]).toMatch(/password/i);
    expect((await titles("q=invoces"))[0]).toMatch(/invoice/i);
    expect((await titles("q=webhok"))[0]).toMatch(/webhook/i);
  });

  it("does not invent matches for short unknown words", async () => {
    expect(await titles("q=zq")).toEqual([]);
  });
});

describe("languages", () => {
  it("folds accents: kundigung finds Kündigung in German", async () => {
    const hits = await titles("q=kundigung&lang=de_DE");
    expect(hits).toContain("Abonnement ändern oder kündigen");
  });

  it("stems Spanish: contrasenas finds Restablecer la contraseña", async () => {
    expect(await titles("q=contrasenas&lang=es_ES")).toContain("Restablecer la contraseña");
  });

  it("segments Japanese, which has no spaces, at index and query time", async () => {
    expect(await titles("q=パスワード&lang=ja_JP")).toContain("パスワードを再設定する");
    expect(await titles("q=請求書&lang=ja_JP")).toContain("請求書と領収書をダウンロードする");
    // A query of several words, typed without spaces too.
    expect((await titles("q=パスワードを変更&lang=ja_JP"))[0]).toBe("パスワードを変更する");
  });

  it("lang selects that language's rows; one the index does not mirror gets the default language", async () => {
    const de = await titles("q=rechnungen&lang=de_DE");
    expect(de.length).toBeGreaterThan(0);
    expect(await titles("q=rechnungen&lang=en_US")).toEqual([]);
    expect((await titles("q=password&lang=fr_FR"))[0]).toMatch(/password/i);
  });
});

describe("ranking, categories and snippets", () => {
  it("ranks title matches first (weighted BM25)", async () => {
    const { hits } = await search("q=password");
    expect(hits.length).toBeGreaterThan(5);
    for (const h of hits.slice(0, 3)) expect(h.title).toMatch(/password/i);
  });

  it("filters by category", async () => {
    const all = (await search("q=password")).hits;
    const cats = new Set(all.map((h) => h.category!.id));
    expect(cats.size).toBeGreaterThan(1);
    const one = [...cats][0];
    const filtered = (await search(`q=password&category=${one}`)).hits;
    expect(filtered.length).toBeGreaterThan(0);
    for (const h of filtered) expect(h.category!.id).toBe(one);
  });

  it("gives a plain-text snippet of at most 200 characters around the match", async () => {
    const { hits } = await search("q=verification%20link");
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.snippet.length).toBeLessThanOrEqual(200);
      expect(h.snippet).not.toMatch(/<|>/);
    }
    expect(hits[0].snippet.toLowerCase()).toContain("verification");
  });

  it("keeps a table's cells and a list's items apart in snippets", async () => {
    // Article 16's table and article 46's list (the fake's seed): cells, rows and items each end visibly.
    const table = (await search("q=goodwill")).hits.find((h) => h.id === 16);
    expect(table?.snippet).toContain("during the previous period. Credit · Refunds or goodwill credits applied to this invoice. Tax · VAT or sales tax");
    const list = (await search("q=okta")).hits.find((h) => h.id === 46);
    expect(list?.snippet).toContain("Supported providers. Okta (see Set up SSO with Okta). Microsoft Entra ID (see");
  });

  it("honours limit", async () => {
    expect((await search("q=a&limit=2")).hits.length).toBeLessThanOrEqual(2);
    expect((await search("q=acme&limit=3")).hits).toHaveLength(3);
  });
});

describe("GET /v1/popular", () => {
  it("lists the most-read public articles from the index, with no upstream call", async () => {
    const before = (await upstreamLog("/api/v3/")).length;
    const res = await callSettled("/v1/popular?limit=5", {}, VARS);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Status")).toBe("hj-index; hit");
    const { results } = (await json(res)) as { results: Hit[] };
    const byViews = ARTICLES.filter((a) => PUBLIC_ARTICLE_IDS.includes(a.id)).sort((a, b) => b.views - a.views || a.id - b.id);
    expect(results.map((r) => r.id)).toEqual(byViews.slice(0, 5).map((a) => a.id));
    for (const r of results) expect(r.snippet.length).toBeLessThanOrEqual(200);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
  });

  it("takes lang and category, and refuses bad input", async () => {
    const ja = (await json(await callSettled("/v1/popular?lang=ja_JP", {}, VARS))).results as Hit[];
    const jaIds = ARTICLES.filter((a) => PUBLIC_ARTICLE_IDS.includes(a.id) && "ja_JP" in a.translations).map((a) => a.id);
    expect(ja.length).toBe(Math.min(10, jaIds.length));
    for (const r of ja) expect(jaIds).toContain(r.id);
    const cat = (await json(await callSettled("/v1/popular?category=3", {}, VARS))).results as Hit[];
    expect(cat.length).toBeGreaterThan(0);
    for (const r of cat) expect(r.category!.id).toBe(3);
    expect((await callSettled("/v1/popular?limit=0", {}, VARS)).status).toBe(400);
    expect((await callSettled("/v1/popular?lang=xx", {}, VARS)).status).toBe(400);
  });

  it("names articles by id (a page's suggestions) in the order asked, leaving out what is not public, with no upstream call", async () => {
    const before = (await upstreamLog("/api/v3/")).length;
    const [a, b] = PUBLIC_ARTICLE_IDS;
    const hidden = [INTERNAL_ARTICLE_IDS[0], PUBLIC_IN_INTERNAL_CATEGORY_IDS[0], 999_999];
    const res = await callSettled(`/v1/popular?ids=${[b, hidden[0], a, hidden[1], hidden[2], b].join(",")}`, {}, VARS);
    expect(res.status).toBe(200);
    const { results } = (await json(res)) as { results: Hit[] };
    expect(results.map((r) => r.id)).toEqual([b, a]);
    expect(results[0].title).toBe(ARTICLES.find((x) => x.id === b)!.name);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
    // Another language: only the ones written in it.
    const ja = (await json(await callSettled(`/v1/popular?lang=ja_JP&ids=${PUBLIC_ARTICLE_IDS.slice(0, 20).join(",")}`, {}, VARS))).results as Hit[];
    const jaIds = ARTICLES.filter((x) => PUBLIC_ARTICLE_IDS.slice(0, 20).includes(x.id) && "ja_JP" in x.translations).map((x) => x.id);
    expect(ja.map((r) => r.id).sort((x, y) => x - y)).toEqual(jaIds.sort((x, y) => x - y));
  });

  it("follows the named articles with a suggested query's public matches, from the index", async () => {
    const before = (await upstreamLog("/api/v3/")).length;
    const [a] = PUBLIC_ARTICLE_IDS;
    const { results } = (await json(await callSettled(`/v1/popular?ids=${a}&q=invoice&limit=3`, {}, VARS))) as { results: Hit[] };
    expect(results[0].id).toBe(a);
    expect(results.length).toBeGreaterThan(1);
    expect(results.length).toBeLessThanOrEqual(4);
    expect(results.slice(1).some((r) => /invoice/i.test(r.title))).toBe(true);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    for (const r of results) expect(PUBLIC_ARTICLE_IDS).toContain(r.id);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
    expect((await callSettled("/v1/popular?q=", {}, VARS)).status).toBe(400);
  });

  it("refuses bad ids before reading anything", async () => {
    const before = (await upstreamLog("/api/v3/")).length;
    for (const ids of ["", "0", "1,,2", "a", "-3", "1,2,", "2147483648", Array.from({ length: 21 }, (_, i) => i + 1).join(",")])
      expect((await callSettled(`/v1/popular?ids=${ids}`, {}, VARS)).status, ids).toBe(400);
    expect((await upstreamLog("/api/v3/")).length).toBe(before);
  });
});

describe("the in-isolate tier", () => {
  it("serves a repeated anonymous search from memory, echoing each visitor's own spelling", async () => {
    const first = await callSettled("/v1/search?q=Download%20Invoices", {}, VARS);
    expect(first.headers.get("Cache-Status")).toBe("hj-index; hit");
    const again = await callSettled("/v1/search?q=download%20%20invoices", {}, VARS);
    expect(again.headers.get("Cache-Status")).toBe("hj-index; hit, hj-mem; hit");
    const a = await json(first);
    const b = await json(again);
    expect(a.query).toBe("Download Invoices");
    expect(b.query).toBe("download  invoices");
    expect(b.results).toEqual(a.results);
  });

  it("keeps languages, categories and limits apart", async () => {
    await callSettled("/v1/search?q=invoice&limit=2", {}, VARS);
    const other = await callSettled("/v1/search?q=invoice&limit=3", {}, VARS);
    expect(other.headers.get("Cache-Status")).toBe("hj-index; hit");
    expect((await json(other)).results).toHaveLength(3);
  });
});
