/**
 * POST /v1/webhooks/helpjuice?secret= — Helpjuice tells us content changed. It signs nothing, so the
 * secret rides in the URL and is the only thing standing between the internet and a cache purge.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { articleKey, articlePrefix } from "../core/cache-key";
import { ApiError } from "../core/errors";
import { webhookEffect } from "../core/webhook-event";
import { parseJson, readBoundedText } from "../platform/bounded-body";
import { constantTimeEqual } from "../platform/constant-time";
import { bumpSearchGeneration } from "../platform/generation";
import { forgetFlights } from "../platform/single-flight";
import { ErrorSchema, WebhookEvent, WebhookQuery, WebhookResponse, json } from "./schemas";
import type { AppEnv } from "../app-env";

/** Activity payloads carry an article's fields, not its body; 64 kB is generous. */
const MAX_WEBHOOK_BODY = 64 * 1024;

const route = createRoute({
  method: "post",
  path: "/v1/webhooks/helpjuice",
  summary: "Helpjuice webhook: purge the named article's cached languages and retire cached searches",
  request: {
    query: WebhookQuery,
    body: { content: { "application/json": { schema: WebhookEvent } }, required: true },
  },
  responses: {
    200: json(WebhookResponse, "What was purged"),
    400: json(ErrorSchema, "The body is not a JSON object"),
    401: json(ErrorSchema, "Missing or wrong secret, or no WEBHOOK_SECRET configured; nothing purged"),
    413: json(ErrorSchema, "Body too large"),
  },
});

export function webhookRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath(route);

  app.post("/v1/webhooks/helpjuice", async (c) => {
    const expected = c.env.WEBHOOK_SECRET;
    const given = c.req.query("secret");
    // Checked before the body is read, so an unauthenticated caller costs us a digest and nothing more.
    if (!expected || !given || !(await constantTimeEqual(given, expected)))
      throw new ApiError("unauthorized", "Wrong or missing webhook secret");
    // Content-Type is not checked: Helpjuice's is undocumented, and the secret already vouches for the sender.
    const effect = webhookEffect(parseJson(await readBoundedText(c.req.raw, MAX_WEBHOOK_BODY)));
    if (!effect) throw new ApiError("bad_request", "The body must be a JSON object");

    const kv = c.env.HJ_CACHE;
    let purged = 0;
    if (effect.articleId !== null) purged = await purgeArticle(kv, effect.articleId);
    if (effect.content) await bumpSearchGeneration(kv);

    const res = c.json({ article: effect.articleId, purged, searches_retired: effect.content }, 200);
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}

/** Every cached language of one article, plus this isolate's memo of it, so the next read goes upstream. */
async function purgeArticle(kv: KVNamespace, id: number): Promise<number> {
  const prefix = articlePrefix(id);
  const listed = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, cursor });
    for (const k of page.keys) listed.add(k.name);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  // KV's list is eventually consistent, so the default language is deleted by name whether listed or not.
  await Promise.all([...listed, articleKey(id, undefined)].map((k) => kv.delete(k)));
  forgetFlights(prefix);
  // A signed user's memo of the article is keyed by their email first; those memos live seconds, but a
  // purge should not be undone even for that long.
  forgetFlights("u:");
  return listed.size;
}
