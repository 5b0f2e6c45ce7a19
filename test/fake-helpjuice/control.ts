/**
 * Control routes for tests, under /__fake/. Not part of Helpjuice: no key, never logged, never rate
 * limited or faulted, CORS open to any origin so browser tests can call them.
 *   POST   /__fake/reset            back to the seed (log, votes, faults, quirks, rate window, content, activities)
 *   GET    /__fake/log?path=        the request log, optionally only paths starting with `path`
 *   DELETE /__fake/log              empty the log
 *   GET    /__fake/faults           active fault rules
 *   POST   /__fake/faults           add a rule (JSON, see faults.ts) → 201 {fault}
 *   DELETE /__fake/faults           remove all rules;  DELETE /__fake/faults/:id one rule
 *   GET    /__fake/votes            {votes: {"<id>": {up, down}}}
 *   GET    /__fake/rate             {limit, used, window_ms}
 *   GET    /__fake/quirks           {quirks: {listIgnoresFilters}}
 *   POST   /__fake/quirks           switch quirks on or off, e.g. {"listIgnoresFilters": true} (see quirks.ts) → {quirks}
 *   POST   /__fake/articles/:id     patch {name, description, body, published, accessibility, tags, language}
 *                                   → {article, activities}; records "update" and/or "publish"/"unpublish"
 *   POST   /__fake/articles         create {name, description?, body?, format?, category_ids?, accessibility?,
 *                                   published?, tags?, id?, translations?: {ja_JP: {name, description?, body}},
 *                                   views?, author_id?, created_at?, updated_at?} (see authoring.ts)
 *                                   → 201 {article, activity}; records "create"; 409 when the id is taken
 *   DELETE /__fake/articles/:id     delete → {deleted: id, activity}; records "destroy"
 *   PUT    /__fake/corpus           replace all content: {categories?: [{id, name, accessibility?, description?,
 *                                   codename?}], articles: [article as for create]} → {articles: N,
 *                                   categories: M}; activities start over (one "create" per article)
 * Changes are the account owner's (user 1) in the activities unless `author_id` says otherwise (create).
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { parseArticle, parseCorpus } from "./authoring";
import { presentArticle, type Lookup } from "./present";
import { parseQuirks } from "./quirks";
import { parseFaultRule } from "./faults";
import type { FakeState } from "./state";
import type { AppConfig } from "./app-env";
import { DEFAULT_LANGUAGE, type SeedArticle } from "./types";

const ok = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
const bad = (message: string, status = 400) => ok({ error: message }, status);

async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    return undefined;
  }
}

export function controlRoutes(state: FakeState, cfg: AppConfig): Hono {
  const c = new Hono();
  c.use("*", cors({ origin: "*", allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"], allowHeaders: ["Content-Type"], maxAge: 600 }));

  c.post("/reset", () => {
    state.reset();
    return ok({ ok: true });
  });

  c.get("/log", (ctx) => {
    const prefix = ctx.req.query("path");
    return ok({ log: prefix ? state.log.filter((e) => e.path.startsWith(prefix)) : state.log });
  });
  c.delete("/log", () => {
    state.log.length = 0;
    return ok({ ok: true });
  });

  c.get("/faults", () => ok({ faults: state.faults }));
  c.post("/faults", async (ctx) => {
    const rule = parseFaultRule(await readJson(ctx.req.raw));
    if (typeof rule === "string") return bad(rule);
    return ok({ fault: state.faultBook.add(rule) }, 201);
  });
  c.delete("/faults", () => {
    state.faultBook.clear();
    return ok({ ok: true });
  });
  c.delete("/faults/:id", (ctx) => (state.faultBook.remove(Number(ctx.req.param("id"))) ? ok({ ok: true }) : bad("no such fault", 404)));

  c.get("/votes", () => ok({ votes: Object.fromEntries([...state.votes].map(([id, v]) => [String(id), { ...v }])) }));

  c.get("/rate", () => ok({ limit: state.window.limit, used: state.window.used(cfg.now()), window_ms: state.window.windowMs }));

  const owner = { kind: "owner" as const, user: state.users[0] };
  const lookup: Lookup = {
    article: (id) => state.articles.get(id),
    category: (id) => state.categories.find((x) => x.id === id),
    user: (id) => state.users.find((u) => u.id === id),
  };
  const present = (art: SeedArticle, lang?: string) => presentArticle(art, { lang, processed: true, viewer: owner, lookup });
  const nowIso = () => new Date(cfg.now()).toISOString();

  c.get("/quirks", () => ok({ quirks: { ...state.quirks } }));
  c.post("/quirks", async (ctx) => {
    const quirks = parseQuirks(await readJson(ctx.req.raw));
    if (typeof quirks === "string") return bad(quirks);
    Object.assign(state.quirks, quirks);
    return ok({ quirks: { ...state.quirks } });
  });

  c.post("/articles/:id", async (ctx) => {
    const patch = await readJson(ctx.req.raw);
    const done = state.editArticle(Number(ctx.req.param("id")), (art) => applyPatch(art, patch, cfg.now()), nowIso());
    if (!done) return bad("no such article", 404);
    if (done.problem) return bad(done.problem);
    const lang = typeof (patch as { language?: unknown }).language === "string" ? (patch as { language: string }).language : undefined;
    return ok({ article: present(state.articles.get(Number(ctx.req.param("id")))!, lang), activities: done.activities });
  });

  c.post("/articles", async (ctx) => {
    const art = parseArticle(await readJson(ctx.req.raw), { now: cfg.now(), categories: state.categories, nextId: () => state.nextArticleId() });
    if (typeof art === "string") return bad(art);
    if (state.articles.has(art.id)) return bad(`article ${art.id} exists`, 409);
    const activity = state.createArticle(art);
    return ok({ article: present(art), activity }, 201);
  });

  c.delete("/articles/:id", (ctx) => {
    const id = Number(ctx.req.param("id"));
    const activity = state.deleteArticle(id, nowIso());
    return activity ? ok({ deleted: id, activity }) : bad("no such article", 404);
  });

  c.put("/corpus", async (ctx) => {
    const corpus = parseCorpus(await readJson(ctx.req.raw), cfg.now(), state.categories);
    if (typeof corpus === "string") return bad(corpus);
    state.replaceCorpus(corpus);
    return ok({ articles: state.articles.size, categories: state.categories.length });
  });

  return c;
}

/** Changes an article in place, as an editor would; bumps updated_at. Returns a message if the patch is bad. */
function applyPatch(art: SeedArticle, patch: unknown, now: number): string | null {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return "the patch is a JSON object";
  const p = patch as Record<string, unknown>;
  const known = ["name", "description", "body", "published", "accessibility", "tags", "language"];
  const unknown = Object.keys(p).filter((k) => !known.includes(k));
  if (unknown.length) return `unknown fields: ${unknown.join(", ")}`;
  for (const k of ["name", "description", "body", "language"]) if (p[k] !== undefined && typeof p[k] !== "string") return `${k} must be a string`;
  if (p.published !== undefined && typeof p.published !== "boolean") return "published must be a boolean";
  if (p.accessibility !== undefined && ![0, 1, 2].includes(p.accessibility as number)) return "accessibility must be 0, 1 or 2";
  if (p.tags !== undefined && (!Array.isArray(p.tags) || !p.tags.every((t) => typeof t === "string"))) return "tags must be strings";

  const lang = (p.language as string | undefined) ?? DEFAULT_LANGUAGE;
  if (lang === DEFAULT_LANGUAGE) {
    if (p.name !== undefined) art.name = p.name as string;
    if (p.description !== undefined) art.description = p.description as string;
    if (p.body !== undefined) art.body = p.body as string;
  } else {
    const t = (art.translations[lang] ??= { name: art.name, description: art.description, body: art.body });
    if (p.name !== undefined) t.name = p.name as string;
    if (p.description !== undefined) t.description = p.description as string;
    if (p.body !== undefined) t.body = p.body as string;
  }
  if (p.published !== undefined) art.published = p.published as boolean;
  if (p.accessibility !== undefined) art.accessibility = p.accessibility as 0 | 1 | 2;
  if (p.tags !== undefined) art.tags = [...(p.tags as string[])];
  art.updated_at = new Date(now).toISOString();
  return null;
}
