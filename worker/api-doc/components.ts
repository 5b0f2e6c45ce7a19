/**
 * What the description says of answers, headers, errors and who may call: documentation only, never in the
 * worker's bundle (the description is made at build time, scripts/build-openapi.mjs).
 */
import * as v from "valibot";
import type { GenericSchema } from "valibot";
import type { ErrorCode } from "../core/errors";
import { about } from "../routes/schemas";
import { named } from "./kit";

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

export const ErrorSchema = named(
  "Error",
  v.pipe(
    v.object({
      error: v.object({
        code: v.pipe(v.picklist(ERROR_CODES), about<(typeof ERROR_CODES)[number]>("Stable, for programs")),
        message: v.pipe(v.string(), about<string>("For people; never an upstream body, an upstream URL or a key")),
      }),
    }),
    v.metadata({ example: { error: { code: "bad_request", message: "q must be 1–200 characters" } } }),
  ),
);

const int = v.pipe(v.number(), v.integer());

export const SearchResultSchema = named(
  "SearchResult",
  v.object({
    id: int,
    title: v.string(),
    snippet: v.string(),
    url: v.string(),
    category: v.nullable(v.object({ id: int, name: v.string() })),
  }),
);

export const SearchResponse = named(
  "SearchResponse",
  v.object({
    query: v.string(),
    results: v.array(SearchResultSchema),
    partial: v.optional(
      v.pipe(v.boolean(), about<boolean>("Present and true when Helpjuice could not answer and the edge index's public results stand in")),
    ),
  }),
);

export const PopularResponse = named(
  "PopularResponse",
  v.object({ results: v.pipe(v.array(SearchResultSchema), about<v.InferOutput<typeof SearchResultSchema>[]>("Most-read first")) }),
);

export const ArticleResponse = named(
  "ArticleResponse",
  v.object({
    article: v.object({
      id: int,
      title: v.string(),
      description: v.string(),
      html: v.pipe(v.string(), about<string>("Sanitised at the edge")),
      url: v.string(),
      language: v.string(),
      updated_at: v.string(),
    }),
  }),
);

export const VoteResponse = named(
  "VoteResponse",
  v.object({
    vote: v.picklist(["up", "down"]),
    counted: v.boolean(),
    delivered: v.optional(v.boolean()),
  }),
);

/** The vote's headers, as documented; the route reads them itself (votes.ts). */
export const VoteHeaders = v.object({
  "x-hj-visitor": v.optional(
    v.pipe(
      v.string(),
      about<string>(
        "The widget's random visitor id (1–128 visible ASCII characters). With the client address it is the anonymous voter; without it, the address alone is. Ignored when a user token is sent",
        "k3J9xQ2mZp7VbN4w",
      ),
    ),
  ),
  ...originEntry(),
});

/** Votes and beacons are accepted only from the sites this worker serves; browsers send Origin themselves. */
function originEntry() {
  return {
    origin: v.pipe(v.string(), about<string>("One of ALLOWED_ORIGINS (browsers send it on every cross-origin POST)", "https://www.example.com")),
  };
}
export const OriginHeader = v.object(originEntry());

export const WebhookEvent = named(
  "WebhookEvent",
  v.looseObject({
    event: v.optional(v.pipe(v.string(), v.metadata({ example: "question_update" }))),
    activity_fields: v.optional(
      v.looseObject({
        action: v.optional(v.string()),
        trackable_type: v.optional(v.pipe(v.string(), v.metadata({ example: "Question" }))),
        trackable_id: v.optional(v.pipe(v.union([v.number(), v.string()]), v.metadata({ example: 12 }))),
      }),
    ),
  }),
);

export const WebhookResponse = named(
  "WebhookResponse",
  v.object({
    article: v.pipe(v.nullable(int), about<number | null>("The article the event named, if any")),
    purged: v.pipe(int, about<number>("Cached languages of that article deleted")),
    searches_retired: v.boolean(),
  }),
);

const json = (schema: GenericSchema, description: string) => ({
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
export const IfNoneMatch = v.object({
  "if-none-match": v.optional(
    v.pipe(
      v.string(),
      about<string>("An ETag from an earlier answer: a 304 with no body if it still matches", '"5d41402abc4b2a76b9719d911017c592"'),
    ),
  ),
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
