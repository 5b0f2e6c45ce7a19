/**
 * The whole description, for scripts/build-openapi.mjs (at build time, in Node) and the lint test. The
 * worker adds `servers` when it serves it (routes/openapi.ts).
 */
import "./routes";
import { securitySchemes } from "./components";
import { describeSecurity, openApiDocument } from "./kit";

export function buildDocument(): Record<string, unknown> {
  describeSecurity(securitySchemes);
  return openApiDocument(
    {
      title: "hj-search edge API",
      version: "1.0.0",
      description:
        "Helpjuice knowledge-base search at the edge. Errors are {\"error\":{\"code\",\"message\"}}. Search, popular " +
        "and article answers carry Cache-Status (RFC 9211: caches hj-index, hj-kv, hj-mem), Cache-Control and an " +
        "ETag (If-None-Match → 304); 429 and 503 carry Retry-After. Anonymous callers see published public " +
        "articles only; a signed user (the userToken scheme) sees what Helpjuice shows them.",
    },
  );
}
