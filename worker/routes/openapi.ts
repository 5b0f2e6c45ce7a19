/**
 * GET /v1/openapi.json — the edge API's OpenAPI 3.1 description, made from the same route definitions that
 * validate requests. Linted with Redocly's recommended rules (test/e2e/openapi-lint.test.mjs); every
 * documented example is called against the worker and its answer checked against its documented schema
 * (test/worker/openapi-examples.test.ts).
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import { headers, json, security, securitySchemes } from "./schemas";

const route = createRoute({
  method: "get",
  path: "/v1/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This description (OpenAPI 3.1)",
  security: security.anonymous,
  responses: {
    200: {
      ...json(z.object({ openapi: z.string() }).passthrough().openapi({ description: "An OpenAPI 3.1 document" }), "This API's description"),
      headers: { "Cache-Control": { ...headers.noStore, required: false } },
    },
  },
});

export function openapiRoutes(app: OpenAPIHono<AppEnv>) {
  for (const [name, scheme] of Object.entries(securitySchemes)) app.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  app.openAPIRegistry.registerPath(route);

  app.doc31("/v1/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "hj-search edge API",
      version: "1.0.0",
      description:
        "Helpjuice knowledge-base search at the edge. Errors are {\"error\":{\"code\",\"message\"}}. Search, popular " +
        "and article answers carry Cache-Status (RFC 9211: caches hj-index, hj-kv, hj-mem), Cache-Control and an " +
        "ETag (If-None-Match → 304); 429 and 503 carry Retry-After. Anonymous callers see published public " +
        "articles only; a signed user (the userToken scheme) sees what Helpjuice shows them.",
    },
    // This worker, wherever it is deployed.
    servers: [{ url: new URL(c.req.url).origin, description: "This worker" }],
  }));
}
