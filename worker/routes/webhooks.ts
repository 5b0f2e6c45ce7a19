/**
 * POST /v1/webhooks/helpjuice?secret= — Helpjuice tells us content changed. It signs nothing, so the
 * secret rides in the URL and is the only thing standing between the internet and a cache purge.
 */
import { forgetReplica, WEBHOOK_HOLD_OFF_MS } from "../platform/index/replica";
import type { Hono } from "hono";
import { ApiError } from "../core/errors";
import { webhookEffect } from "../core/index/webhook-event";
import { parseJson, readBoundedText } from "../platform/bounded-body";
import { constantTimeEqual } from "../platform/constant-time";
import { bumpSearchGeneration } from "../platform/cache/generation";
import { indexAnswers } from "../platform/index/answers";
import { edgeIndex } from "../platform/index/edge-index";
import { purgeArticle } from "../platform/cache/purge";
import { MAX_WEBHOOK_BODY } from "../core/body-limits";
import type { AppEnv } from "../app-env";

export function webhookRoutes(app: Hono<AppEnv>) {
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
      // The isolate that received the webhook forgets its index answers and copy at once (others within
      // seconds).
      indexAnswers.clear();
      forgetReplica(WEBHOOK_HOLD_OFF_MS);
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
