/**
 * POST /v1/webhooks/helpjuice?secret= — Helpjuice tells us content changed. It signs nothing, so the
 * secret rides in the URL and is the only thing standing between the internet and a cache purge.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "../core/errors";
import { webhookEffect } from "../core/webhook-event";
import { parseJson, readBoundedText } from "../platform/bounded-body";
import { constantTimeEqual } from "../platform/constant-time";
import { bumpSearchGeneration } from "../platform/generation";
import { edgeIndex, indexAnswers } from "../platform/edge-index";
import { purgeArticle } from "../platform/purge";
import { WebhookEvent, WebhookResponse, errors, headers, json, security } from "./schemas";
import type { AppEnv } from "../app-env";

/** Activity payloads carry an article's fields, not its body; 64 kB is generous. */
const MAX_WEBHOOK_BODY = 64 * 1024;

const route = createRoute({
  method: "post",
  path: "/v1/webhooks/helpjuice",
  operationId: "helpjuiceWebhook",
  summary: "Helpjuice webhook: purge the named article's cached languages and retire cached searches",
  description: "The secret rides in the URL (`?secret=`, the webhookSecret scheme): Helpjuice signs nothing.",
  security: security.webhook,
  request: {
    body: {
      content: {
        "application/json": {
          schema: WebhookEvent,
          example: { event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: 12 } },
        },
      },
      required: true,
    },
  },
  responses: {
    200: { ...json(WebhookResponse, "What was purged"), headers: { "Cache-Control": headers.noStore } },
    ...errors([400, 401, 413, 500], {
      descriptions: {
        400: "The body is not a JSON object",
        401: "Missing or wrong secret, or no WEBHOOK_SECRET configured; nothing purged",
        413: `Body larger than ${MAX_WEBHOOK_BODY} bytes`,
      },
    }),
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
    if (effect.content) {
      await bumpSearchGeneration(kv);
      // The isolate that received the webhook forgets its index answers at once (others within seconds).
      indexAnswers.clear();
    }
    // The index fetches the article first in its share (or, for any other content event, looks at what
    // changed), and retires cached searches again once its write has landed.
    const cfg = c.get("cfg");
    const index = edgeIndex(c.env, cfg);
    if (index && effect.articleId !== null) await index.sync().articlesChanged(cfg, [effect.articleId]);
    else if (index && effect.content && (await index.ready())) await index.sync().tick(cfg);

    const res = c.json({ article: effect.articleId, purged, searches_retired: effect.content }, 200);
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}
