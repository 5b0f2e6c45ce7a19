import type { Context, Hono } from "hono";
import { articleKey } from "../core/cache/key";
import { insertedArticleIds, shapeArticle, unprocessedBody, unwrapArticle, UpstreamShapeError, type Article, type RawArticle } from "../core/articles/shape";
import { UpstreamError } from "../core/upstream/error";
import { ANONYMOUS, articleVisible } from "../core/articles/visibility";
import { categoryPublic } from "../platform/articles/category-check";
import { articleUpstream } from "../platform/upstream/helpjuice";
import { bypass, readThrough, type Cached } from "../platform/cache/kv";
import { sanitizeHtml } from "../platform/articles/sanitize";
import { upstreamFor } from "../platform/upstream/context";
import { recordRead } from "../platform/insights/queue";
import { validParams, validQuery } from "../middleware/validate";
import { ArticleParams, ArticleQuery } from "./schemas";
import { fromMemory, lazyJson, respondShared, shared } from "./respond";
import type { AppEnv } from "../app-env";

/** Relative links in a body are relative to the knowledge base, not to the page the widget sits on. */
function kbBase(articleUrl: string, fallback: string | null): string | undefined {
  try {
    return new URL(articleUrl).origin;
  } catch {
    return fallback ?? undefined;
  }
}

/**
 * Whether every article inserted into this one is public. Checked with plain upstream reads (flags only,
 * not through the article cache) so that two articles inserting each other cannot wait on each other.
 */
async function insertsVisible(c: Context<AppEnv>, raw: RawArticle, background: boolean): Promise<boolean> {
  const ids = insertedArticleIds(raw);
  if (ids.length === 0) return true;
  const verdicts = await Promise.all(
    ids.map(async (id) => {
      try {
        return articleVisible(unwrapArticle(await articleUpstream(upstreamFor(c, background), id, undefined, ANONYMOUS)), ANONYMOUS);
      } catch (e) {
        if (e instanceof UpstreamError && e.fault === "not_found") return false;
        throw e;
      }
    }),
  );
  return verdicts.every(Boolean);
}

/**
 * One article as the caller may see it, through the same cache as every read: a 404 for missing and for
 * invisible alike. Votes use it too, so they can only be cast on an article the voter could open.
 */
export async function readArticle(c: Context<AppEnv>, id: number, lang: string | undefined) {
  const viewer = c.get("viewer");
  const cfg = c.get("cfg");
  const load = async (background: boolean): Promise<Cached<Article>> => {
    try {
      const raw = unwrapArticle(await articleUpstream(upstreamFor(c, background), id, lang, viewer));
      // Invisible and missing look the same from outside, so neither existence nor drafts leak.
      if (!articleVisible(raw, viewer)) return { status: 404, body: null };
      // A category's accessibility limits the articles inside it (reference, "Categories").
      if (viewer.kind === "anonymous" && !(await categoryPublic(c, id, background))) return { status: 404, body: null };
      const { rawHtml: processed, ...article } = shapeArticle(raw, lang);
      // Helpjuice expands inserted articles as the owner would see them, so an internal block inside a
      // public article would reach anonymous visitors; the unprocessed body leaves the blocks empty.
      const rawHtml =
        viewer.kind === "anonymous" && !(await insertsVisible(c, raw, background)) ? unprocessedBody(raw) : processed;
      article.html = await sanitizeHtml(rawHtml, { baseUrl: kbBase(article.url, cfg.baseUrl) });
      return { status: 200, body: article };
    } catch (e) {
      if (e instanceof UpstreamError && e.fault === "not_found") return { status: 404, body: null };
      if (e instanceof UpstreamShapeError) throw new UpstreamError("bad_answer");
      throw e;
    }
  };
  const key = articleKey(id, lang);
  return viewer.kind === "user"
    ? bypass(`u:${viewer.email}:${key}`, load, (p) => c.executionCtx.waitUntil(p))
    : readThrough({
        kv: c.env.HJ_CACHE,
        key,
        ttl: (v) => (v.status === 404 ? cfg.notFoundTtl : cfg.articleTtl),
        load,
        waitUntil: (p) => c.executionCtx.waitUntil(p),
        joinTimeoutMs: cfg.timeoutMs + 1_000,
      });
}

export function articleRoutes(app: Hono<AppEnv>) {
  app.get("/v1/articles/:id", validParams(ArticleParams), validQuery(ArticleQuery), async (c) => {
    const { id } = c.req.valid("param");
    const { lang } = c.req.valid("query");
    // Anonymous answers: this isolate's memory first (platform/cache/answer-memory.ts), then KV.
    const memo = shared(c, articleKey(id, lang));
    const mem = fromMemory(c, memo);
    if (mem) {
      recordRead(c, lazyJson(mem.body, (b: { article: Article }) => b.article), lang);
      return mem.res as never;
    }
    const read = await readArticle(c, id, lang);
    if (read.value.status === 200 && read.value.body) recordRead(c, read.value.body, lang);
    return (await respondShared(c, read, memo, (article) => ({ article }), "No such article")) as never;
  });
}
