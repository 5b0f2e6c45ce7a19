import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";

export function openapiRoutes(app: OpenAPIHono<AppEnv>) {
  app.doc31("/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "hj-search edge API",
      version: "1.0.0",
      description:
        "Helpjuice knowledge-base search at the edge. Errors are {\"error\":{\"code\",\"message\"}}; " +
        "search and article answers carry Cache-Status (RFC 9211, cache hj-kv), Cache-Control and ETag.",
    },
  });
}
