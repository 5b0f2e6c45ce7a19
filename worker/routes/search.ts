import type { Context, Hono } from "hono";
import { normaliseQuery, searchKey } from "../core/cache/key";
import { shapeSearch, UpstreamShapeError, type SearchResult } from "../core/articles/shape";
import { UpstreamError } from "../core/upstream/error";
import { indexAnswerKey, recallIndexAnswer, rememberIndexAnswer } from "../platform/index/answers";
import { edgeIndex, type EdgeIndex } from "../platform/index/edge-index";
import { searchIndex, d1Engine } from "../platform/index/search";
import { indexEngine } from "../platform/index/replica";
import { bypass, readThrough, type Cached } from "../platform/cache/kv";
import { searchUpstream } from "../platform/upstream/helpjuice";
import { searchGeneration } from "../platform/cache/generation";
import { upstreamFor } from "../platform/upstream/context";
import { recordSearch } from "../platform/insights/queue";
import { validQuery } from "../middleware/validate";
import { SearchQuery } from "./schemas";
import { echoQuery, fromMemory, respondShared, shared } from "./respond";
import type { AppEnv } from "../app-env";

/** Helpjuice could not answer: the index's public results are better than an error. */
const STANDS_IN_FOR = new Set(["gate_closed", "timeout", "bad_answer", "client_limited"]);

interface IndexSearch {
  q: string;
  category?: number;
  lang?: string;
  limit: number;
}

/** An answer from the edge index. `partial`: standing in for Helpjuice, which could not answer. */
async function fromIndex(c: Context<AppEnv>, index: EdgeIndex, s: IndexSearch, partial: boolean): Promise<Response> {
  const cfg = c.get("cfg");
  const anonymous = c.get("viewer").kind === "anonymous";
  // A language the index does not mirror gets the default language, as kb_language falls back upstream.
  const lang = s.lang && cfg.languages.includes(s.lang) ? s.lang : cfg.languages[0];
  const normalised = normaliseQuery(s.q);
  // Only whole anonymous answers are shared: a partial one is for this moment, a signed user's for them.
  const shared = anonymous && !partial;
  const key = indexAnswerKey(lang, s.category, s.limit, normalised);
  const hit = shared ? recallIndexAnswer(key) : null;
  const status = hit === null ? "hj-index; hit" : "hj-index; hit, hj-mem; hit";
  let count: number | null = null;
  let text = hit?.text ?? null;
  let etag = hit?.etag ?? null;
  if (text === null) {
    const reader = index.reader();
    const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
    const engine = c.env.INDEX_REPLICA === "off" ? d1Engine(reader) : await indexEngine(index.primary, reader, waitUntil, lang);
    const results = await searchIndex(engine, normalised, { lang, category: s.category, limit: s.limit });
    count = results.length;
    // Stored as asked in normalised form, and echoed below as this visitor typed it.
    text = JSON.stringify(partial ? { query: normalised, results, partial: true } : { query: normalised, results });
    if (shared) etag = await rememberIndexAnswer(key, text);
  }
  if (s.q !== normalised) {
    // The memo is keyed by the normalised query; the answer echoes the query as this visitor typed it
    // (and hono/etag hashes that body).
    text = echoQuery(text, normalised, s.q);
    etag = null;
  }
  // Insights: counted after the response; a remembered answer's count is read only then.
  const answered = text;
  recordSearch(c, normalised, lang, "index", () => count ?? (JSON.parse(answered) as { results: unknown[] }).results.length);
  const res = c.body(text, 200, { "Content-Type": "application/json; charset=utf-8" });
  res.headers.set("Cache-Status", status);
  if (etag) res.headers.set("ETag", etag);
  res.headers.set("Cache-Control", shared ? "public, max-age=60" : "private, no-store");
  res.headers.append("Vary", "Authorization");
  return res;
}

export function searchRoutes(app: Hono<AppEnv>) {
  app.get("/v1/search", validQuery(SearchQuery), async (c) => {
    const { q, category, lang, limit = 10 } = c.req.valid("query");
    const viewer = c.get("viewer");
    const cfg = c.get("cfg");
    const index = edgeIndex(c.env, cfg);
    const ready = index ? await index.ready() : false;
    // The first search after a deploy starts the first build; Helpjuice answers until it is ready. (With
    // SEARCH_SOURCE=helpjuice the cron builds it, as the stand-in for when Helpjuice cannot answer.)
    if (index && !ready && cfg.searchSource === "index") index.ensureBuilt((p) => c.executionCtx.waitUntil(p));
    if (index && ready && viewer.kind === "anonymous" && cfg.searchSource === "index")
      return fromIndex(c, index, { q, category, lang, limit }, false) as never;

    const normalised = normaliseQuery(q);
    const load = async (background: boolean): Promise<Cached<SearchResult[]>> => {
      try {
        const raw = await searchUpstream(upstreamFor(c, background), normalised, category, viewer);
        return { status: 200, body: shapeSearch(raw, viewer) };
      } catch (e) {
        if (e instanceof UpstreamShapeError) throw new UpstreamError("bad_answer");
        // Search has no "no such thing": a 404 there is a wrong base URL or a page in front of the API,
        // not an answer to cache or to pass on as "No such article".
        if (e instanceof UpstreamError && e.fault === "not_found") throw new UpstreamError("bad_answer");
        throw e;
      }
    };
    try {
      const key = searchKey(await searchGeneration(c.env.HJ_CACHE), normalised, category);
      // Anonymous answers: this isolate's memory first (platform/cache/answer-memory.ts), then KV.
      const memo = shared(c, key, limit, q);
      const mem = fromMemory(c, memo);
      if (mem) {
        recordSearch(c, normalised, lang, "cache", () => (JSON.parse(mem.body) as { results: unknown[] }).results.length);
        return mem.res as never;
      }
      const read =
        viewer.kind === "user"
          ? await bypass(`u:${viewer.email}:${key}`, load, (p) => c.executionCtx.waitUntil(p))
          : await readThrough({
              kv: c.env.HJ_CACHE,
              key,
              ttl: () => cfg.searchTtl,
              load,
              waitUntil: (p) => c.executionCtx.waitUntil(p),
              joinTimeoutMs: cfg.timeoutMs + 1_000,
            });
      const { value, outcome } = read;
      if (value.status === 200 && value.body)
        recordSearch(c, normalised, lang, outcome.kind === "hit" ? "cache" : "helpjuice", () => Math.min(limit, value.body!.length));
      return (await respondShared(c, read, memo, (results) => ({ query: q, results: results.slice(0, limit) }), "Not found")) as never;
    } catch (e) {
      if (index && ready && e instanceof UpstreamError && STANDS_IN_FOR.has(e.fault))
        return fromIndex(c, index, { q, category, lang, limit }, true) as never;
      throw e;
    }
  });
}
