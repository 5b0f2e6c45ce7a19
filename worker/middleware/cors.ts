import { cors as honoCors } from "hono/cors";
import type { MiddlewareHandler } from "hono";
import { originAllowed } from "../core/config";
import type { AppEnv } from "../app-env";

/**
 * CORS from ALLOWED_ORIGINS. Reads stay answerable from anywhere (curl, servers); browsers on other origins
 * just get no CORS headers. Writes are refused outright elsewhere (routes/votes.ts).
 */
/** What a page of another origin may read of an answer (hot-answer.ts sends the same). */
export const EXPOSE_HEADERS = ["Cache-Status", "ETag", "Retry-After"];

export const cors: MiddlewareHandler<AppEnv> = honoCors({
  origin: (origin, c) => (originAllowed(c.get("cfg"), origin) ? origin : null),
  allowMethods: ["GET", "HEAD", "POST", "OPTIONS"],
  allowHeaders: ["Authorization", "Content-Type", "X-HJ-Visitor"],
  exposeHeaders: EXPOSE_HEADERS,
  maxAge: 86_400,
}) as MiddlewareHandler<AppEnv>;
