/**
 * GET /v1/openapi.json — the edge API's OpenAPI 3.1 description. It is made at build time from the same
 * schemas that validate requests (api-doc/, scripts/build-openapi.mjs) and ships as a static asset, so the
 * worker's bundle carries neither the converter nor the prose (issue #11); here it only gains `servers`,
 * this worker's own origin. Linted with Redocly's recommended rules (test/e2e/openapi-lint.test.mjs); every
 * documented example is called against the worker and its answer checked against its documented schema
 * (test/worker/openapi-examples.test.ts).
 */
import type { Hono } from "hono";
import { ApiError } from "../core/errors";
import type { AppEnv } from "../app-env";

/** The asset's text, per isolate: it changes only with a deploy. */
let document: Promise<Record<string, unknown> | null> | null = null;

async function load(assets: Fetcher | undefined, url: string): Promise<Record<string, unknown> | null> {
  const res = await assets?.fetch(new URL("/openapi.json", url), { redirect: "manual" });
  if (!res?.ok) return null;
  return (await res.json()) as Record<string, unknown>;
}

export function openapiRoutes(app: Hono<AppEnv>) {
  app.get("/v1/openapi.json", async (c) => {
    document ??= load(c.env.ASSETS, c.req.url).catch(() => null);
    const doc = await document;
    if (!doc) {
      document = null;
      throw new ApiError("misconfigured", "The API description is not built (npm run build)");
    }
    const res = c.json({ ...doc, servers: [{ url: new URL(c.req.url).origin, description: "This worker" }] });
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}
