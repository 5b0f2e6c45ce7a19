/**
 * The hot path (issue #11, docs/design.md, "Hot path"): an anonymous GET whose answer this isolate remembers —
 * a search from the edge index's or the KV tier's memory, an article from the KV tier's memory — is
 * answered here, before the router and its middleware chain, which cost more CPU than the answer itself.
 *
 * Only the plain case is taken: GET, no Authorization, no If-None-Match, each parameter once and valid,
 * and a memory hit whose freshness and purge state are known without any I/O. Everything else goes the
 * normal way (app.ts), which also fills the memory this reads. The answer is the same either way, header for
 * header (test/worker/hot-path.test.ts), and it is recorded for insights and the request log as the normal
 * path would record it.
 */
import { articleKey, normaliseQuery, searchKey } from "./core/cache/key";
import { configOf, originAllowed, type Config } from "./core/config";
import { ArticleParams, ArticleQuery, SearchQuery } from "./routes/schemas";
import { plainSearchQuery } from "./routes/plain-search-query";
import { BROWSER_MAX_AGE, echoQuery, memoKey, memoryHitStatus } from "./routes/respond";
import { EXPOSE_HEADERS } from "./middleware/cors";
import { SECURITY_HEADERS } from "./middleware/security-headers";
import { coloOf, logging, type RequestLine } from "./middleware/request-log";
import { safeParse, type GenericSchema, type InferOutput } from "valibot";
import { getQueryParams } from "hono/utils/url";
import type { Env } from "./env";
import { etagOf, recall } from "./platform/cache/answer-memory";
import { indexAnswerKey, recallIndexAnswer, rememberIndexAnswer } from "./platform/index/answers";
import { currentReplica } from "./platform/index/replica";
import { d1Engine, replicaEngine, searchIndex, type IndexEngine } from "./platform/index/search";
import { edgeIndex, indexKnownReady } from "./platform/index/edge-index";
import { knownSearchGeneration } from "./platform/cache/generation";
import { recordRead, recordSearch, type RecordContext } from "./platform/insights/queue";

const ARTICLE_PATH = /^\/v1\/articles\/([^/]+)$/;

/** Every header but the per-request ones, as the middleware chain leaves them on an anonymous 200. */
const FIXED: [string, string][] = [
  ["Content-Type", "application/json; charset=utf-8"],
  ["Cache-Control", `public, max-age=${BROWSER_MAX_AGE}`],
  // Authorization from the route (answers differ per user), Origin from CORS (the allowed origin is echoed).
  ["Vary", "Authorization, Origin"],
  ["Access-Control-Expose-Headers", EXPOSE_HEADERS.join(",")],
  ...SECURITY_HEADERS,
];

interface Hit {
  body: string;
  etag: string;
  cacheStatus: string;
  route: string;
  /** Insights, after the response. */
  record: (rc: RecordContext) => void;
}

/**
 * The query string as the app's validator sees it (Hono's own parser, which keeps a malformed escape as
 * typed where URLSearchParams would make it U+FFFD), or null when a parameter is repeated (the app decides
 * those).
 */
function singleParams(url: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(getQueryParams(url) as Record<string, string[]>)) {
    if (v.length !== 1) return null;
    out[k] = v[0]!;
  }
  return out;
}

function valid<S extends GenericSchema>(schema: S, input: unknown): InferOutput<S> | null {
  const r = safeParse(schema, input, { abortEarly: true });
  return r.success ? r.output : null;
}

/**
 * A search: remembered (the index's memory or the KV tier's), or, when this isolate's copy of the index is
 * current, worked out from the copy with no I/O, as routes/search.ts would (and remembered the same way).
 * A query typed otherwise than its normalised form ("Reset Password") gets the answer with its own text,
 * hashed afresh as hono/etag would.
 */
function searchHit(env: Env, cfg: Config, url: string, now: number): Hit | Promise<Hit | null> | null {
  let p = plainSearchQuery(url);
  if (!p) {
    const params = singleParams(url);
    p = params && valid(SearchQuery, params);
  }
  if (!p) return null;
  const { q, category, lang, limit = 10 } = p;
  const normalised = normaliseQuery(q);
  const index = cfg.searchSource === "index" ? edgeIndex(env, cfg) : null;
  if (index) {
    // As routes/search.ts: the index answers anonymous searches once it is ready.
    if (!indexKnownReady(now)) return null;
    const answeredIn = lang && cfg.languages.includes(lang) ? lang : cfg.languages[0];
    const key = indexAnswerKey(answeredIn, category, limit, normalised);
    const echoed = (text: string, etag: string, cacheStatus: string, count: () => number): Hit | Promise<Hit> => {
      const hit: Hit = { body: text, etag, cacheStatus, route: "/v1/search", record: (rc) => recordSearch(rc, normalised, answeredIn, "index", count) };
      if (q === normalised) return hit;
      hit.body = echoQuery(text, normalised, q);
      return etagOf(new TextEncoder().encode(hit.body)).then((e) => ({ ...hit, etag: e }));
    };
    const hit = recallIndexAnswer(key, now);
    if (hit) return echoed(hit.text, hit.etag, "hj-index; hit, hj-mem; hit", () => (JSON.parse(hit.text) as { results: unknown[] }).results.length);
    const copy = env.INDEX_REPLICA === "off" ? null : currentReplica(answeredIn, now);
    if (!copy) return null;
    return (async () => {
      const results = await searchIndex(replicaEngine(copy, lazyD1(index)), normalised, { lang: answeredIn, category, limit });
      const text = JSON.stringify({ query: normalised, results });
      return echoed(text, await rememberIndexAnswer(key, text), "hj-index; hit", () => results.length);
    })().catch(() => null);
  }
  if (q !== normalised) return null;
  const generation = knownSearchGeneration(env.HJ_CACHE, now);
  if (generation === null) return null;
  const hit = recall(memoKey(searchKey(generation, normalised, category), [limit, q]), now);
  if (!hit) return null;
  return {
    body: hit.body,
    etag: hit.etag,
    cacheStatus: memoryHitStatus(hit, now),
    route: "/v1/search",
    record: (rc) => recordSearch(rc, normalised, lang, "cache", () => (JSON.parse(hit.body) as { results: unknown[] }).results.length),
  };
}

/** D1 for the rare step the copy cannot rank (replicaEngine's fallback), its session opened only then. */
function lazyD1(index: { reader(): D1Database | D1DatabaseSession }): IndexEngine {
  let d1: IndexEngine | undefined;
  const engine = () => (d1 ??= d1Engine(index.reader()));
  return { kind: "d1", run: (...a) => engine().run(...a), candidates: (...a) => engine().candidates(...a) };
}

function articleHit(url: string, id: string, now: number): Hit | null {
  const params = singleParams(url);
  const path = valid(ArticleParams, { id });
  const query = params && valid(ArticleQuery, params);
  if (!path || !query) return null;
  const hit = recall(articleKey(path.id, query.lang), now);
  if (!hit) return null;
  return {
    body: hit.body,
    etag: hit.etag,
    cacheStatus: memoryHitStatus(hit, now),
    route: "/v1/articles/:id",
    record: (rc) => {
      const { article } = JSON.parse(hit.body) as { article: { id: number; title: string; url: string; language?: string } };
      recordRead(rc, article, query.lang);
    },
  };
}

/**
 * The answer, or null for the app to give it. A promise when the answer is worked out here (an index search
 * from the copy, or a query's own echo to hash); it settles to null only if that failed, for the app to try.
 */
export function hotAnswer(req: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response | null> | null {
  if (req.method !== "GET" || req.headers.has("Authorization") || req.headers.has("If-None-Match")) return null;
  const started = Date.now();
  const url = new URL(req.url);
  const article = url.pathname === "/v1/search" ? null : ARTICLE_PATH.exec(url.pathname);
  if (url.pathname !== "/v1/search" && !article) return null;
  const cfg = configOf(env);
  const hit = article ? articleHit(req.url, article[1]!, started) : searchHit(env, cfg, req.url, started);
  if (!hit) return null;
  // Anything that fails on the way is the app's to answer, as if the hot path had never looked.
  if (hit instanceof Promise) return hit.then((h) => (h ? answer(req, env, ctx, cfg, h, started) : null)).catch(() => null);
  return answer(req, env, ctx, cfg, hit, started);
}

function answer(req: Request, env: Env, ctx: ExecutionContext, cfg: Config, hit: Hit, started: number): Response {
  // One list, made into the response's headers in one step rather than a call per header.
  const headers = [...FIXED, ["Cache-Status", hit.cacheStatus], ["ETag", hit.etag]];
  const origin = req.headers.get("Origin");
  if (origin && originAllowed(cfg, origin)) headers.push(["Access-Control-Allow-Origin", origin]);
  const res = new Response(hit.body, { status: 200, headers });

  // What the normal path does besides answering: start the index's first build if there is none (app.ts),
  // count the answer for insights, and write the request's log line (middleware/request-log.ts).
  const waitUntil = (p: Promise<unknown>) => ctx.waitUntil(p);
  if (cfg.searchSource === "index") edgeIndex(env, cfg)?.warm(waitUntil);
  hit.record({ env, executionCtx: { waitUntil }, get: () => cfg });
  if (logging((env as { REQUEST_LOG?: string }).REQUEST_LOG, req)) {
    const line: RequestLine = {
      msg: "request",
      method: "GET",
      route: hit.route,
      status: 200,
      ms: Date.now() - started,
      cache_status: hit.cacheStatus,
      viewer: "anonymous",
      upstream: [],
      upstream_ms: 0,
      gate: "not_asked",
      colo: coloOf(req),
    };
    console.log(JSON.stringify(line));
  }
  return res;
}
