/**
 * GET /v1/articles/:id/related — 3 to 5 public articles to read next, at the end of the reader. From the edge
 * index only, which holds nothing but public, published articles: so the answer never names an internal one
 * (one made internal leaves the index with its webhook), never the article itself, and costs no upstream
 * call. The same category first, then the best BM25 matches of the article's title and keywords.
 */
import type { Hono } from "hono";
import { ApiError } from "../core/errors";
import { LISTED, listed } from "../core/index/listed";
import type { IndexedRow } from "../core/index/replica";
import { edgeIndex } from "../platform/index/edge-index";
import { d1Engine, searchIndex } from "../platform/index/search";
import { validParams, validQuery } from "../middleware/validate";
import { ArticleParams, ArticleQuery } from "./schemas";
import type { AppEnv } from "../app-env";

/** At most this many. */
const MAX = 5;

interface Source {
  title: string;
  keywords: string;
  cid: number;
}

export function relatedRoutes(app: Hono<AppEnv>) {
  app.get("/v1/articles/:id/related", validParams(ArticleParams), validQuery(ArticleQuery), async (c) => {
    const { id } = c.req.valid("param");
    const { lang: asked } = c.req.valid("query");
    const cfg = c.get("cfg");
    const lang = asked && cfg.languages.includes(asked) ? asked : cfg.languages[0];
    const index = edgeIndex(c.env, cfg);
    const headers = (res: Response, status: string) => {
      res.headers.set("Cache-Status", status);
      // Public for everyone (a user token is checked, never used): the index's public rows are all it reads. A
      // minute, as popular's, so one made internal leaves browsers soon; the empty list before the first build,
      // not at all, or it would outlast the build.
      res.headers.set("Cache-Control", status.endsWith("hit") ? "public, max-age=60" : "no-store");
      return res;
    };
    if (!index || !(await index.ready())) {
      index?.ensureBuilt((p) => c.executionCtx.waitUntil(p));
      return headers(c.json({ results: [] }, 200), "hj-index; miss") as never;
    }
    const db = index.reader();
    const source = await db
      .prepare("SELECT title, keywords, category_id AS cid FROM docs WHERE article_id = ? AND lang = ?")
      .bind(id, lang)
      .first<Source>();
    // Not in the index: not public (or not published, or not in this language). The same 404 as the article route's.
    if (!source) throw new ApiError("not_found", "No such public article in this language");
    const q = [...new Set(`${source.title} ${source.keywords}`.split(/[\s,]+/).filter(Boolean))].join(" ").slice(0, 200);
    const mostRead = (where: string, ...args: unknown[]) =>
      db
        .prepare(
          `SELECT ${LISTED} FROM docs WHERE lang = ? AND article_id != ? ${where} ORDER BY views DESC, article_id LIMIT ?`,
        )
        .bind(lang, id, ...args, MAX)
        .all<IndexedRow>();
    const [found, sameCategory, anyCategory] = await Promise.all([
      q ? searchIndex(d1Engine(db), q, { lang, limit: MAX * 3 }) : Promise.resolve([]),
      mostRead("AND category_id = ?", source.cid),
      // So there are 3 whenever the language has 3 other public articles at all.
      mostRead(""),
    ]);
    const others = found.filter((r) => r.id !== id);
    // BM25's order, the same category's matches first; then the category's most-read, then the rest.
    const ranked = [
      ...others.filter((r) => r.category?.id === source.cid),
      ...sameCategory.results.map(listed),
      ...others.filter((r) => r.category?.id !== source.cid),
      ...anyCategory.results.map(listed),
    ];
    const seen = new Set<number>([id]);
    const results = ranked.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, MAX);
    return headers(c.json({ results }, 200), "hj-index; hit") as never;
  });
}
