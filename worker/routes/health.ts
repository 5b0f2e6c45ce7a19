import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { json } from "./schemas";
import type { AppEnv } from "../app-env";

const Health = z
  .object({
    status: z.enum(["ok", "misconfigured"]),
    upstream: z.object({ host: z.string().nullable(), api_key: z.boolean() }),
    identity: z.boolean(),
    webhooks: z.boolean(),
    cache: z.object({ search_ttl: z.number(), article_ttl: z.number() }),
    gate: z.object({ limit_per_minute: z.number() }),
    problems: z.array(z.string()),
  })
  .openapi("Health");

const route = createRoute({
  method: "get",
  path: "/v1/health",
  summary: "Liveness and configuration sanity (never secrets)",
  responses: { 200: json(Health, "Alive; `problems` lists what is not configured") },
});

export function healthRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const cfg = c.get("cfg");
    const problems: string[] = [];
    if (!cfg.baseUrl) problems.push("HELPJUICE_ACCOUNT or HELPJUICE_BASE_URL is not set");
    if (!c.env.HELPJUICE_API_KEY) problems.push("HELPJUICE_API_KEY is not set (wrangler secret put HELPJUICE_API_KEY)");
    if (!c.env.HJ_CACHE) problems.push("KV binding HJ_CACHE is missing");
    if (!c.env.UPSTREAM_GATE) problems.push("Durable Object binding UPSTREAM_GATE is missing");
    if (!c.env.VOTES) problems.push("Durable Object binding VOTES is missing");
    const body = {
      status: problems.length ? ("misconfigured" as const) : ("ok" as const),
      upstream: { host: cfg.baseUrl ? new URL(cfg.baseUrl).host : null, api_key: Boolean(c.env.HELPJUICE_API_KEY) },
      identity: Boolean(c.env.USER_TOKEN_SECRET),
      webhooks: Boolean(c.env.WEBHOOK_SECRET),
      cache: { search_ttl: cfg.searchTtl, article_ttl: cfg.articleTtl },
      gate: { limit_per_minute: cfg.rateLimit },
      problems,
    };
    const res = c.json(body, 200);
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}
