/**
 * The edge API's inputs and outputs, once: the same schemas validate requests and generate
 * /v1/openapi.json, so the published description cannot drift from what the worker accepts.
 */
import { z } from "@hono/zod-openapi";
import type { ErrorCode } from "../core/errors";

/** Article and category ids are Helpjuice's (PostgreSQL integers): 1 to 2^31 − 1. */
const MAX_ID = 2_147_483_647;

const positiveId = (name: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, `${name} must be a positive integer`)
    .transform(Number)
    .refine((n) => n <= MAX_ID, `${name} must be a positive integer`);

/** How an id parameter reads in the spec: the integer a client sends, with the limits the worker checks. */
const idDoc = (example: number, description: string) =>
  ({ type: "integer", minimum: 1, maximum: MAX_ID, example, description }) as const;

export const LangParam = z
  .string()
  .regex(/^[a-z]{2}_[A-Z]{2}$/, "lang must look like en_US")
  .openapi({ example: "es_ES", description: "Helpjuice language code; falls back to the default language" });

const LimitParam = z
  .string()
  .regex(/^[0-9]{1,3}$/, "limit must be an integer from 1 to 50")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 50, "limit must be an integer from 1 to 50")
  .optional()
  .openapi({ type: "integer", minimum: 1, maximum: 50, default: 10, example: 5, description: "How many results, 1–50 (default 10)" });

const CategoryParam = positiveId("category")
  .optional()
  .openapi(idDoc(3, "Only articles in this category (a Helpjuice category id)"));

export const SearchQuery = z.object({
  q: z
    .string({ error: "q is required" })
    .transform((s) => s.trim())
    // Characters as a person counts them (code points), not UTF-16 units: 200 emoji are 200 characters.
    .refine((s) => s.length >= 1 && [...s].length <= 200, "q must be 1–200 characters")
    .openapi({ type: "string", minLength: 1, maxLength: 200, example: "reset password", description: "1–200 characters after trimming" }),
  category: CategoryParam,
  lang: LangParam.optional(),
  limit: LimitParam,
});

export const PopularQuery = z.object({
  category: CategoryParam,
  lang: LangParam.optional(),
  limit: LimitParam,
});

export const ArticleParams = z.object({
  id: positiveId("id").openapi({ param: { name: "id", in: "path" }, ...idDoc(12, "The Helpjuice article id") }),
});

export const ArticleQuery = z.object({ lang: LangParam.optional() });

export const VoteBody = z.object({ vote: z.enum(["up", "down"], { error: 'vote must be "up" or "down"' }) });

/** Every code core/errors.ts can answer with (the type check below fails if one is added there and not here). */
const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "payload_too_large",
  "rate_limited",
  "upstream_error",
  "upstream_unavailable",
  "upstream_timeout",
  "misconfigured",
  "internal",
] as const satisfies readonly ErrorCode[];
type Exhaustive<T extends never> = T;
export type _EveryErrorCodeListed = Exhaustive<Exclude<ErrorCode, (typeof ERROR_CODES)[number]>>;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ description: "Stable, for programs" }),
      message: z.string().openapi({ description: "For people; never an upstream body, an upstream URL or a key" }),
    }),
  })
  .openapi("Error", { example: { error: { code: "bad_request", message: "q must be 1–200 characters" } } });

export const SearchResultSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    snippet: z.string(),
    url: z.string(),
    category: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  })
  .openapi("SearchResult");

export const SearchResponse = z
  .object({
    query: z.string(),
    results: z.array(SearchResultSchema),
    partial: z
      .boolean()
      .optional()
      .openapi({ description: "Present and true when Helpjuice could not answer and the edge index's public results stand in" }),
  })
  .openapi("SearchResponse");

export const PopularResponse = z
  .object({ results: z.array(SearchResultSchema).openapi({ description: "Most-read first" }) })
  .openapi("PopularResponse");

export const ArticleResponse = z
  .object({
    article: z.object({
      id: z.number().int(),
      title: z.string(),
      description: z.string(),
      html: z.string().openapi({ description: "Sanitised at the edge" }),
      url: z.string(),
      language: z.string(),
      updated_at: z.string(),
    }),
  })
  .openapi("ArticleResponse");

export const VoteResponse = z
  .object({ vote: z.enum(["up", "down"]), counted: z.boolean() })
  .openapi("VoteResponse");

export const VisitorHeader = z.object({
  "x-hj-visitor": z
    .string()
    .optional()
    .openapi({
      description: "The widget's random visitor id (1–128 visible ASCII characters). With the client address it is the anonymous voter; without it, the address alone is. Ignored when a user token is sent",
      example: "k3J9xQ2mZp7VbN4w",
    }),
});

/** Votes and beacons are accepted only from the sites this worker serves; browsers send Origin themselves. */
export const OriginHeader = z.object({
  origin: z
    .string()
    .openapi({ description: "One of ALLOWED_ORIGINS (browsers send it on every cross-origin POST)", example: "https://www.example.com" }),
});

export const WebhookEvent = z
  .object({
    event: z.string().optional().openapi({ example: "question_update" }),
    activity_fields: z
      .object({
        action: z.string().optional(),
        trackable_type: z.string().optional().openapi({ example: "Question" }),
        trackable_id: z.union([z.number(), z.string()]).optional().openapi({ example: 12 }),
      })
      .passthrough()
      .optional(),
  })
  .passthrough()
  .openapi("WebhookEvent");

export const WebhookResponse = z
  .object({
    article: z.number().int().nullable().openapi({ description: "The article the event named, if any" }),
    purged: z.number().int().openapi({ description: "Cached languages of that article deleted" }),
    searches_retired: z.boolean(),
  })
  .openapi("WebhookResponse");

const json = (schema: z.ZodType, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

// Response headers, as the spec documents them.
type Header = { description: string; required?: boolean; schema: { type: "string" | "integer"; minimum?: number }; example?: unknown };
const text = (description: string, example: string, required = false): Header => ({ description, required, schema: { type: "string" }, example });

export const headers = {
  cacheStatus: text(
    "RFC 9211: every cache the answer passed, nearest the origin first (hj-index, hj-kv, hj-mem), e.g. `hj-kv; hit; ttl=240`, " +
      "`hj-kv; hit; ttl=-5` (stale, refreshing), `hj-kv; fwd=miss; stored`, `hj-kv; fwd=bypass` (a signed user's answer), `collapsed`",
    "hj-kv; fwd=miss; stored",
    true,
  ),
  etag: text("Entity tag of the body: send it back as If-None-Match to get a 304", '"5d41402abc4b2a76b9719d911017c592"', true),
  cacheControl: text("`public, max-age=60` for anonymous answers; `private, no-store` for a signed user's", "public, max-age=60", true),
  noStore: text("Never cached", "no-store", true),
  vary: text("The answer depends on the user token (and on Origin, for CORS)", "Authorization", true),
  retryAfter: { description: "Seconds to wait before trying again", required: true, schema: { type: "integer", minimum: 1 }, example: 30 } as Header,
};

/** The caching headers of a cached GET's 200 (search, popular, articles). */
export const cachedHeaders = {
  "Cache-Status": headers.cacheStatus,
  ETag: headers.etag,
  "Cache-Control": headers.cacheControl,
  Vary: headers.vary,
};

/** A 304 for a conditional GET whose ETag still matches: no body, the same caching headers. */
export const notModified = {
  description: "Not modified: the If-None-Match ETag still matches (no body)",
  headers: { ETag: headers.etag, "Cache-Status": headers.cacheStatus, "Cache-Control": headers.cacheControl },
};

/** The conditional request header of the cached GETs. */
export const IfNoneMatch = z.object({
  "if-none-match": z
    .string()
    .optional()
    .openapi({ description: "An ETag from an earlier answer: a 304 with no body if it still matches", example: '"5d41402abc4b2a76b9719d911017c592"' }),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad input; no upstream call was made",
  401: "Bad or expired user token (see the userToken scheme)",
  403: "The Origin is not in ALLOWED_ORIGINS",
  404: "No such article, or not visible to the caller",
  413: "Body too large",
  429: "This client is over its limit",
  500: "The worker is misconfigured (see /v1/health) or failed",
  502: "Upstream answered garbage, or refused the worker's credentials",
  503: "Upstream gate closed and nothing stale to serve",
  504: "Upstream timed out",
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 500 | 502 | 503 | 504;

/**
 * The error responses of a route, each the Error shape: 429 and 503 carry Retry-After, and a search or
 * article read's errors carry Cache-Status like its answers (middleware/errors.ts). `descriptions` overrides
 * the generic wording for a route.
 */
export function errors(
  statuses: readonly ErrorStatus[],
  opts: { cacheStatus?: boolean; descriptions?: Partial<Record<ErrorStatus, string>> } = {},
) {
  const out: Partial<Record<ErrorStatus, ReturnType<typeof json> & { headers: Record<string, Header> }>> = {};
  for (const status of statuses) {
    const h: Record<string, Header> = { "Cache-Control": headers.noStore };
    if (status === 429 || status === 503) h["Retry-After"] = headers.retryAfter;
    if (opts.cacheStatus) h["Cache-Status"] = headers.cacheStatus;
    out[status] = { ...json(ErrorSchema, opts.descriptions?.[status] ?? ERROR_DESCRIPTIONS[status]!), headers: h };
  }
  return out;
}

/** Who may call: anonymous (public articles only) or a signed user; the webhook and insights have their own secrets. */
type SecurityRequirement = Record<string, string[]>;
export const security: Record<"anonymousOrUser" | "anonymous" | "webhook" | "insights", SecurityRequirement[]> = {
  anonymousOrUser: [{}, { userToken: [] }],
  anonymous: [{}],
  webhook: [{ webhookSecret: [] }],
  insights: [{ insightsToken: [] }],
};

export const securitySchemes = {
  userToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "Optional. A short-lived HS256 JWT the host app signs with USER_TOKEN_SECRET: `sub` = the user's e-mail, " +
      "`aud` = `hj-search`, `exp` within 24 h; a repeated header or payload key is refused. With it the caller sees " +
      "what Helpjuice shows that user; without it, published public articles only. Bad or expired: 401",
  },
  webhookSecret: {
    type: "apiKey",
    in: "query",
    name: "secret",
    description: "WEBHOOK_SECRET, as configured in Helpjuice's webhook URL (Helpjuice signs nothing); compared in constant time",
  },
  insightsToken: { type: "http", scheme: "bearer", description: "INSIGHTS_TOKEN, compared in constant time" },
} as const;

export { json };
