/**
 * GET /v1/popular — the most-read public articles, for a search box that is still empty. From the edge index
 * (views are part of every row), so it costs no upstream call; before the first build it answers from the
 * article listing, cached in KV, each article checked as the index would check it. With `ids` it names
 * articles instead (a page's suggestions), from the index only.
 */
import type { Context, Hono } from "hono";
import { indexRow, parseArticlePage } from "../core/index/row";
import { UpstreamShapeError, type SearchResult } from "../core/articles/shape";
import { LISTED, listed } from "../core/index/listed";
import { UpstreamError } from "../core/upstream/error";
import { cachedMemberships } from "../platform/articles/category-check";
import { edgeIndex } from "../platform/index/edge-index";
import { d1Engine, searchIndex, type IndexedRow } from "../platform/index/search";
import { listArticles } from "../platform/upstream/helpjuice";
import { readThrough } from "../platform/cache/kv";
import { upstreamFor } from "../platform/upstream/context";
import { validQuery } from "../middleware/validate";
import { PopularQuery } from "./schemas";
import type { AppEnv } from "../app-env";
import { cacheStatus, type CacheOutcome } from "../core/cache/status";

/** How long the listing that stands in before the first build stays fresh. */
const LISTING_TTL = 600;
/** Listed before the first build: enough to rank the most-read among them. */
const LISTING_SIZE = 200;

type Row = IndexedRow;

/** Before the first build: one listing page (most-read first after sorting), cached per language. */
async function fromListing(c: Context<AppEnv>, lang: string): Promise<{ rows: Row[]; outcome: CacheOutcome }> {
  const { value, outcome } = await readThrough<Row[]>({
    kv: c.env.HJ_CACHE,
    key: `pop:v1:${lang}`,
    ttl: () => LISTING_TTL,
    load: async (background) => {
      try {
        const up = upstreamFor(c, background);
        const page = parseArticlePage(
          await listArticles(up, { "filter[accessibility]": "1", "filter[is_published]": "true", "filter[language]": lang, limit: String(LISTING_SIZE) }),
        );
        const memberships = await cachedMemberships(c, background);
        const rows = page.articles
          .map((a) => indexRow(a, lang, memberships.get(typeof a.id === "number" ? a.id : -1)))
          .filter((r) => r !== null)
          .sort((a, b) => b.views - a.views || a.id - b.id)
          .map((r) => ({ id: r.id, title: r.title, url: r.url, cid: r.categoryId, cname: r.categoryName, description: r.description, body: r.body.slice(0, 400) }));
        return { status: 200, body: rows };
      } catch (e) {
        if (e instanceof UpstreamShapeError) throw new UpstreamError("bad_answer");
        throw e;
      }
    },
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  return { rows: value.body ?? [], outcome };
}

/** The named articles in the order asked, then the query's matches not already named. */
async function suggested(db: D1Database | D1DatabaseSession, lang: string, ids: number[], q: string | undefined, limit: number): Promise<SearchResult[]> {
  let named: SearchResult[] = [];
  if (ids.length) {
    const res = await db
      .prepare(
        `SELECT ${LISTED} FROM docs WHERE lang = ? AND article_id IN (${ids.map(() => "?").join(",")})`,
      )
      .bind(lang, ...ids)
      .all<Row>();
    const by = new Map(res.results.map((r) => [r.id, r]));
    named = ids.flatMap((id) => (by.has(id) ? [listed(by.get(id)!)] : []));
  }
  if (!q) return named;
  const seen = new Set(named.map((r) => r.id));
  const found = await searchIndex(d1Engine(db), q, { lang, limit: limit + named.length });
  return [...named, ...found.filter((r) => !seen.has(r.id)).slice(0, limit)];
}

export function popularRoutes(app: Hono<AppEnv>) {
  app.get("/v1/popular", validQuery(PopularQuery), async (c) => {
    const { category, lang: asked, limit = 10, ids, q } = c.req.valid("query");
    const cfg = c.get("cfg");
    const lang = asked && cfg.languages.includes(asked) ? asked : cfg.languages[0];
    const index = edgeIndex(c.env, cfg);
    let rows: (Row | SearchResult)[];
    let source: string;
    if (ids || q) {
      // A page's suggestions: named articles, then a query's best matches, from the index only. It holds only
      // public, published articles, so an id it lacks (internal, draft, another language, no such article) is
      // left out; nothing is asked of Helpjuice, where a page's rules could otherwise spend the gate. Before
      // the first build there is nothing to suggest.
      rows = [];
      const ready = !!index && (await index.ready());
      if (ready) rows = await suggested(index!.reader(), lang, ids ?? [], q, limit);
      else index?.ensureBuilt((p) => c.executionCtx.waitUntil(p));
      source = ready ? "hj-index; hit" : "hj-index; miss";
    } else if (index && (await index.ready())) {
      const where = ["lang = ?"];
      const args: unknown[] = [lang];
      if (category !== undefined) {
        where.push("article_id IN (SELECT article_id FROM article_categories WHERE category_id = ?)");
        args.push(category);
      }
      const res = await index
        .reader()
        .prepare(
          `SELECT ${LISTED} FROM docs WHERE ${where.join(" AND ")} ORDER BY views DESC, article_id LIMIT ?`,
        )
        .bind(...args, limit)
        .all<Row>();
      rows = res.results;
      source = "hj-index; hit";
    } else {
      index?.ensureBuilt((p) => c.executionCtx.waitUntil(p));
      const { rows: all, outcome } = await fromListing(c, lang);
      // Before the first build the listing names no category per article beyond its first; filter on that.
      rows = (category === undefined ? all : all.filter((r) => r.cid === category)).slice(0, limit);
      source = cacheStatus(outcome);
    }
    const res = c.json({ results: rows.map((r) => ("snippet" in r ? r : listed(r))) }, 200);
    res.headers.set("Cache-Status", source);
    res.headers.set("Cache-Control", "public, max-age=60");
    return res as never;
  });
}
