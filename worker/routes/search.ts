import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { normaliseQuery, searchKey } from "../core/cache-key";
import { shapeSearch, UpstreamShapeError, type SearchResult } from "../core/shape";
import { UpstreamError } from "../core/upstream-error";
import { bypass, readThrough, type Cached } from "../platform/kv-cache";
import { searchUpstream } from "../platform/helpjuice";
import { searchGeneration } from "../platform/generation";
import { upstreamFor } from "../platform/upstream-context";
import { SearchQuery, SearchResponse, errorResponses, json } from "./schemas";
import { respond } from "./respond";
import type { AppEnv } from "../app-env";

const route = createRoute({
  method: "get",
  path: "/v1/search",
  summary: "Search the knowledge base",
  request: { query: SearchQuery },
  responses: { 200: json(SearchResponse, "Matching published articles the caller may see"), ...errorResponses },
});

export function searchRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { q, category, limit = 10 } = c.req.valid("query");
    const viewer = c.get("viewer");
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
    const key = searchKey(await searchGeneration(c.env.HJ_CACHE), normalised, category);
    const { value, outcome } =
      viewer.kind === "user"
        ? await bypass(`u:${viewer.email}:${key}`, load)
        : await readThrough({
            kv: c.env.HJ_CACHE,
            key,
            ttl: () => c.get("cfg").searchTtl,
            load,
            waitUntil: (p) => c.executionCtx.waitUntil(p),
          });
    return respond(c, value, outcome, (results) => ({ query: q, results: results.slice(0, limit) }), "Not found") as never;
  });
}
