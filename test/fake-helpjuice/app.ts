/**
 * The Helpjuice API v3 routes the fake serves, behind the same front door for every request:
 * log → fault rules → rate limit → (route match) → authentication → handler.
 * Routing comes before authentication, as in a Rails app: an unknown path, or a known path with the
 * wrong method, is Rails' HTML 404 page whatever the key (no 405s).
 */
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { addActivityRoutes } from "./activity-routes";
import type { AppConfig, FakeEnv } from "./app-env";
import { authenticate, readCredentials } from "./auth";
import { controlRoutes } from "./control";
import { applyFault } from "./faults";
import { presentArticle, presentCategory, presentSearchHit, type Lookup } from "./present";
import { DAY_MS, paginate, Params } from "./params";
import { forbidden, json, notFound, railsServerError, routingNotFound, tooManyRequests, unauthorized, unprocessable } from "./responses";
import { searchArticles } from "./search";
import type { FakeState, LogEntry } from "./state";
import { DEFAULT_LANGUAGE, type SeedArticle } from "./types";
import { canSeeArticle, canSeeCategory, type Viewer } from "./visibility";

const INTEGER = /^\s*-?\d+\s*$/;
const ID = /^\d+$/;

export function buildApp(state: FakeState, cfg: AppConfig): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const lookup: Lookup = {
    article: (id) => state.articles.get(id),
    category: (id) => state.categories.find((c) => c.id === id),
    user: (id) => state.users.find((u) => u.id === id),
  };

  app.route("/__fake", controlRoutes(state, cfg));

  // The front door: every request that is not a control route is logged, may be faulted, is counted.
  app.use("*", async (c, next) => {
    if (isControl(c.req.path)) return next();
    const url = new URL(c.req.url);
    const creds = readCredentials(c.req.raw);
    const entry = state.record({
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      user: creds.basicEmail,
      keyVia: creds.keyVia,
      time: cfg.now(),
    });
    c.set("entry", entry);
    const fault = state.faultBook.take(c.req.method, url);
    if (fault) {
      entry.fault = fault.kind;
      const res = await applyFault(fault, state.holds, c.req.raw.signal);
      if (res) {
        entry.status = res.status;
        return res;
      }
    }
    if (!state.window.take(cfg.now())) {
      entry.status = 429;
      return tooManyRequests();
    }
    await next();
    entry.status = c.res.status;
  });

  const auth: MiddlewareHandler<FakeEnv> = async (c, next) => {
    const result = authenticate(readCredentials(c.req.raw), cfg.apiKey, state.users);
    if (!result.ok) return result.status === 403 ? forbidden() : unauthorized();
    c.set("viewer", result.viewer);
    await next();
  };

  const visibleArticle = (c: Context<FakeEnv>): SeedArticle | null => {
    const id = c.req.param("id") ?? "";
    if (!ID.test(id)) return null;
    const art = state.articles.get(Number(id));
    return art && canSeeArticle(c.get("viewer"), art, lookup.category) ? art : null;
  };

  app.get("/api/v3/search", auth, (c) => {
    const query = c.req.query("query");
    const category = c.req.query("category_id");
    const errors: Array<Record<string, string>> = [];
    if (query === undefined || !query.trim()) errors.push({ query: "can't be blank" });
    if (category !== undefined && category !== "" && !INTEGER.test(category)) errors.push({ category_id: "is not valid." });
    if (errors.length) return unprocessable(errors);
    const viewer = c.get("viewer");
    let pool = state.allArticles().filter((a) => canSeeArticle(viewer, a, lookup.category));
    if (category !== undefined && category !== "") pool = pool.filter((a) => a.category_ids.includes(Number(category)));
    return json(200, { searches: searchArticles(pool, query!).map((a) => presentSearchHit(a, lookup)) });
  });

  app.get("/api/v3/articles", auth, (c) => {
    const q = (name: string) => c.req.query(name);
    const params = new Params(q);
    const { page, limit } = params.paging();
    const category = params.int("category_id");
    const access = params.raw("filter[accessibility]")?.trim();
    if (access !== undefined && !["0", "1", "2"].includes(access)) params.invalid("filter[accessibility]");
    const published = params.raw("filter[is_published]")?.trim().toLowerCase();
    if (published !== undefined && published !== "true" && published !== "false") params.invalid("filter[is_published]");
    // "accepts: language shortcode eg. en_us": any case.
    const language = params.raw("filter[language]")?.trim().toLowerCase();
    const createdSince = params.date("created_since");
    const updatedSince = params.date("updated_since");
    const updatedUpto = params.date("updated_upto");
    if (params.errors.length) return unprocessable(params.errors);

    const viewer = c.get("viewer");
    // The listIgnoresFilters quirk drops these two filters only: a canary for clients that trust them.
    const trustFilters = !state.quirks.listIgnoresFilters;
    let list = state.allArticles().filter((a) => canSeeArticle(viewer, a, lookup.category));
    if (category !== undefined) list = list.filter((a) => a.category_ids.includes(category));
    if (access !== undefined && trustFilters) list = list.filter((a) => a.accessibility === Number(access));
    if (published !== undefined && trustFilters) list = list.filter((a) => a.published === (published === "true"));
    if (language && language !== DEFAULT_LANGUAGE.toLowerCase())
      list = list.filter((a) => Object.keys(a.translations).some((l) => l.toLowerCase() === language));
    if (createdSince !== undefined) list = list.filter((a) => Date.parse(a.created_at) >= createdSince);
    if (updatedSince !== undefined) list = list.filter((a) => Date.parse(a.updated_at) >= updatedSince);
    // updated_upto names a day and includes it.
    if (updatedUpto !== undefined) list = list.filter((a) => Date.parse(a.updated_at) < updatedUpto + DAY_MS);

    const { meta, items } = paginate(list, page, limit);
    const processed = q("processed") === "true";
    return json(200, {
      meta,
      articles: items.map((a) => presentArticle(a, { lang: q("filter[language]"), processed, viewer, lookup })),
    });
  });

  app.get("/api/v3/articles/:id", auth, (c) => {
    const art = visibleArticle(c);
    if (!art) return notFound();
    return json(200, {
      article: presentArticle(art, { lang: c.req.query("kb_language"), processed: c.req.query("processed") === "true", viewer: c.get("viewer"), lookup }),
    });
  });

  for (const dir of ["up", "down"] as const) {
    app.put(`/api/v3/articles/:id/${dir}vote`, auth, (c) => {
      const art = visibleArticle(c);
      if (!art) return notFound();
      state.vote(art.id, dir);
      return json(200, { article: presentArticle(art, { processed: false, viewer: c.get("viewer"), lookup }) });
    });
  }

  // A collection, so paged as the reference's Pagination says (25 by default, `limit` up to 1,000, `meta`).
  app.get("/api/v3/categories", auth, (c) => {
    const viewer = c.get("viewer");
    const articles = state.allArticles();
    const params = new Params((name: string) => c.req.query(name));
    const paging = params.paging();
    if (params.errors.length) return unprocessable(params.errors);
    const limit = state.quirks.smallCategoryPages ? Math.min(paging.limit, 2) : paging.limit;
    const visible = state.categories.filter((cat) => canSeeCategory(viewer, cat));
    const { meta, items } = paginate(visible, paging.page, limit);
    return json(200, { categories: items.map((cat) => presentCategory(cat, articles, viewer, lookup)), meta });
  });

  app.get("/api/v3/categories/:id", auth, (c) => {
    const id = c.req.param("id");
    const viewer = c.get("viewer");
    const cat = ID.test(id) ? state.categories.find((x) => x.id === Number(id)) : undefined;
    if (!cat || !canSeeCategory(viewer, cat)) return notFound();
    return json(200, { category: presentCategory(cat, state.allArticles(), viewer, lookup) });
  });

  addActivityRoutes(app, state, auth, lookup);

  app.notFound((c) => (isControl(c.req.path) ? json(404, { error: "no such control route" }) : routingNotFound()));
  app.onError((err, c) => {
    console.error("fake-helpjuice:", err);
    return isControl(c.req.path) ? json(500, { error: String(err) }) : railsServerError();
  });
  return app;
}

const isControl = (path: string) => path === "/__fake" || path.startsWith("/__fake/");
