/**
 * Control routes for tests, under /__fake/. Not part of Helpjuice: no key, never logged, never rate
 * limited or faulted, CORS open to any origin so browser tests can call them.
 *   POST   /__fake/reset            back to the seed (log, votes, faults, rate window, content)
 *   GET    /__fake/log?path=        the request log, optionally only paths starting with `path`
 *   DELETE /__fake/log              empty the log
 *   GET    /__fake/faults           active fault rules
 *   POST   /__fake/faults           add a rule (JSON, see faults.ts) → 201 {fault}
 *   DELETE /__fake/faults           remove all rules;  DELETE /__fake/faults/:id one rule
 *   GET    /__fake/votes            {votes: {"<id>": {up, down}}}
 *   GET    /__fake/rate             {limit, used, window_ms}
 *   POST   /__fake/articles/:id     patch {name, description, body, published, accessibility, tags, language}
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { presentArticle } from "./present";
import { parseFaultRule } from "./faults";
import type { FakeState } from "./state";
import type { AppConfig } from "./app";
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
  c.use("*", cors({ origin: "*", allowMethods: ["GET", "POST", "DELETE", "OPTIONS"], allowHeaders: ["Content-Type"], maxAge: 600 }));

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

  c.post("/articles/:id", async (ctx) => {
    const art = state.articles.get(Number(ctx.req.param("id")));
    if (!art) return bad("no such article", 404);
    const patch = await readJson(ctx.req.raw);
    const problem = applyPatch(art, patch, cfg.now());
    if (problem) return bad(problem);
    const owner = { kind: "owner" as const, user: state.users[0] };
    const lookup = {
      article: (id: number) => state.articles.get(id),
      category: (id: number) => state.categories.find((x) => x.id === id),
      user: (id: number) => state.users.find((u) => u.id === id),
    };
    const lang = typeof (patch as { language?: unknown }).language === "string" ? (patch as { language: string }).language : undefined;
    return ok({ article: presentArticle(art, { lang, processed: true, viewer: owner, lookup }) });
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
