/**
 * Every route as the description shows it: summary, parameters (the request schemas the worker validates
 * with, routes/schemas.ts), bodies, answers and errors. Documentation only: the worker's bundle never
 * imports this; scripts/build-openapi.mjs turns it into dist/public/openapi.json at build time, and the
 * worker serves that at /v1/openapi.json (routes/openapi.ts). A route added to the app and not here fails
 * test/worker/health-openapi.test.ts.
 */
import * as v from "valibot";
import { MAX_ASK_BODY, MAX_EVENT_BODY, MAX_VOTE_BODY, MAX_WEBHOOK_BODY } from "../core/body-limits";
import { ArticleParams, ArticleQuery, AskBody, PopularQuery, SearchQuery, VoteBody } from "../routes/schemas";
import { InsightsQuery } from "../routes/insights-query";
import {
  ArticleResponse,
  IfNoneMatch,
  OriginHeader,
  PopularResponse,
  SearchResponse,
  VoteHeaders,
  VoteResponse,
  WebhookEvent,
  WebhookResponse,
  cachedHeaders,
  errors,
  headers,
  json,
  notModified,
  security,
} from "./components";
import { describe, named } from "./kit";

// ── search ──
describe({
  method: "get",
  path: "/v1/search",
  operationId: "searchArticles",
  summary: "Search the knowledge base",
  description:
    "Anonymous searches are answered from the edge index (or KV) and see published public articles only; a signed " +
    "user's search goes to Helpjuice as that user and is never shared. When Helpjuice cannot answer, the index's " +
    "public results stand in with `partial: true`.",
  security: security.anonymousOrUser,
  request: { query: SearchQuery, headers: IfNoneMatch },
  responses: {
    200: { ...json(SearchResponse, "Matching published articles the caller may see"), headers: cachedHeaders },
    304: notModified,
    ...errors([400, 401, 429, 500, 502, 503, 504], { cacheStatus: true }),
  },
});

// ── popular ──
describe({
  method: "get",
  path: "/v1/popular",
  summary: "The most-read public articles (for an empty search box), or the public ones among `ids` (a page's suggestions); no upstream call once the edge index is built, none ever with `ids`",
  operationId: "popularArticles",
  security: security.anonymous,
  request: { query: PopularQuery, headers: IfNoneMatch },
  responses: {
    // Public for everyone (no user token is read), so no Vary.
    200: {
      ...json(PopularResponse, "Public articles, most-read first"),
      headers: { "Cache-Status": cachedHeaders["Cache-Status"], ETag: headers.etag, "Cache-Control": headers.cacheControl },
    },
    304: notModified,
    // Before the first build the listing comes from Helpjuice, through the gate.
    ...errors([400, 429, 500, 502, 503, 504]),
  },
});

// ── related ──
describe({
  method: "get",
  path: "/v1/articles/{id}/related",
  summary: "3–5 public articles to read after this one, in its language: the same category first, then BM25 on its title and keywords; from the edge index only (never itself, never a non-public article, no upstream call)",
  description:
    "The same answer for everyone: a user token is checked (a bad one is a 401) but never widens it, so a signed user gets public articles too, and none for an internal article.",
  operationId: "relatedArticles",
  security: security.anonymous,
  request: { params: ArticleParams, query: ArticleQuery, headers: IfNoneMatch },
  responses: {
    200: {
      ...json(PopularResponse, "Public articles, best first (none before the edge index's first build)"),
      headers: {
        "Cache-Status": cachedHeaders["Cache-Status"],
        ETag: headers.etag,
        "Cache-Control": { ...headers.cacheControl, description: "`public, max-age=60`, whoever asks; `no-store` for the empty list before the edge index's first build" },
      },
    },
    304: notModified,
    ...errors([400, 401, 404, 429, 500], {
      descriptions: {
        401: "A user token that is present but not good (the answer never depends on a good one)",
        404: "The article is not in the edge index: no such article, or not public, or not in this language",
      },
    }),
  },
});

// ── articles ──
describe({
  method: "get",
  path: "/v1/articles/{id}",
  operationId: "getArticle",
  summary: "One article: processed, sanitised body, in the requested language when translated",
  security: security.anonymousOrUser,
  request: { params: ArticleParams, query: ArticleQuery, headers: IfNoneMatch },
  responses: {
    200: { ...json(ArticleResponse, "The article"), headers: cachedHeaders },
    304: notModified,
    ...errors([400, 401, 404, 429, 500, 502, 503, 504], {
      cacheStatus: true,
      descriptions: { 404: "No such article, or not visible to the caller (the two look the same)" },
    }),
  },
});

// ── votes ──
describe({
  method: "post",
  path: "/v1/articles/{id}/vote",
  operationId: "voteArticle",
  summary: "Was this article helpful? Counted once per signed user, or per visitor id and address",
  security: security.anonymousOrUser,
  request: {
    params: ArticleParams,
    headers: VoteHeaders,
    body: { content: { "application/json": { schema: VoteBody, example: { vote: "up" } } }, required: true },
  },
  responses: {
    200: {
      ...json(
        VoteResponse,
        "`counted` is false when this voter had already voted; `vote` is the vote first recorded. A new vote is " +
          "answered at once with `delivered: false` and reaches Helpjuice as the upstream budget allows",
      ),
      headers: { "Cache-Control": headers.noStore },
    },
    ...errors([400, 401, 403, 404, 413, 429, 500, 502, 503, 504], {
      descriptions: {
        400: "Bad id, a body that is not JSON (Content-Type: application/json), a vote other than up or down, or a bad visitor id",
        403: "The Origin is missing or not in ALLOWED_ORIGINS",
        404: "No such article, or not visible to the caller; nothing was sent upstream",
        413: `Body larger than ${MAX_VOTE_BODY} bytes`,
        429: "This address is over its vote limit",
        503: "The vote could not be recorded (the gate or the outbox); nothing was counted, try again",
        502: "A signed user's vote: Helpjuice answered garbage while checking the article",
        504: "A signed user's vote: Helpjuice timed out while checking the article",
      },
    }),
  },
});

// ── ask ──
const Source = named(
  "AskSource",
  v.object({
    n: v.pipe(v.number(), v.metadata({ description: "The number the answer cites it by, `[n]`", example: 1 })),
    id: v.pipe(v.number(), v.metadata({ example: 12 })),
    title: v.pipe(v.string(), v.metadata({ example: "Reset your password" })),
    url: v.string(),
    heading: v.pipe(v.string(), v.metadata({ description: "The passage's heading path (\"A › B\"), empty before the first heading" })),
    snippet: v.pipe(v.string(), v.metadata({ description: "Plain text of the passage around the question's words" })),
  }),
);
const AskResponse = named(
  "AskResponse",
  v.object({
    question: v.string(),
    answered: v.pipe(v.boolean(), v.metadata({ description: "false: a decline (the knowledge base does not say); `answer` is empty" })),
    answer: v.pipe(v.string(), v.metadata({ description: "Plain text with `[n]` citations, each one of `sources`" })),
    citations: v.array(v.number()),
    sources: v.array(Source),
    mode: v.picklist(["ai", "extractive"]),
  }),
);
describe({
  method: "post",
  path: "/v1/ask",
  operationId: "ask",
  summary: "A grounded answer from the knowledge base's public passages, with its sources, or a decline",
  description:
    "With `Accept: text/event-stream` the answer streams as Server-Sent Events, in order: `sources` (the AskSource list " +
    "the answer may cite), `delta` (`{\"text\"}` chunks), `done` (`{\"answered\", \"citations\", \"mode\"}`), or `error` " +
    "(the error object) if it fails once begun. Otherwise one JSON body. Only public, published articles are ever " +
    "cited, for signed users too. Anonymous questions without history are cached (Cache-Status), retired by webhooks.",
  security: security.anonymousOrUser,
  request: {
    headers: OriginHeader,
    body: { content: { "application/json": { schema: AskBody, example: { question: "How do I reset my password?", lang: "en_US" } } }, required: true },
  },
  responses: {
    200: {
      description: "The answer, or a decline (`answered: false`)",
      content: {
        "application/json": { schema: AskResponse },
        "text/event-stream": {
          schema: { type: "string", description: "event: sources / delta / done (or error), each with one line of JSON data" },
          example: 'event: sources\ndata: [{"n":1,"id":12,"title":"Reset your password","url":"https://…","heading":"","snippet":"…"}]\n\nevent: delta\ndata: {"text":"Go to the sign-in page and click Forgot password? [1]"}\n\nevent: done\ndata: {"answered":true,"citations":[1],"mode":"extractive"}\n\n',
        },
      },
      headers: { "Cache-Status": headers.cacheStatus, "Cache-Control": headers.noStore },
    },
    ...errors([400, 401, 403, 404, 413, 429, 500, 503], {
      descriptions: {
        400: "A question that is not 1–300 characters, a bad lang or category, more than 3 turns of history, an unknown field, or a body that is not JSON",
        403: "The Origin is missing or not in ALLOWED_ORIGINS",
        404: "Ask is turned off (ASK=off)",
        413: `Body larger than ${MAX_ASK_BODY} bytes`,
        429: "This address asked too many questions this minute (the Rate Limiting binding); Retry-After says when to ask again",
        503: "The edge index is still being built: ask again shortly",
      },
    }),
  },
});

// ── webhooks ──
describe({
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

// ── health ──
const n = v.number();
const nullableString = v.nullable(v.string());
const Health = named(
  "Health",
  v.object({
    status: v.picklist(["ok", "misconfigured"]),
    upstream: v.object({ host: nullableString, api_key: v.boolean() }),
    identity: v.boolean(),
    webhooks: v.boolean(),
    cache: v.object({ search_ttl: n, article_ttl: n }),
    gate: v.object({ limit_per_minute: n, reserved_for_sync: n }),
    search_source: v.picklist(["index", "helpjuice"]),
    index: v.object({
      state: v.pipe(
        v.picklist(["ready", "building", "empty", "pending", "off"]),
        v.metadata({ description: "pending: the D1 migrations are not applied yet (Helpjuice answers meanwhile); off: no index bindings" }),
      ),
      articles: n,
      languages: v.array(v.string()),
      synced_at: nullableString,
      last_error: nullableString,
      migrations: v.optional(
        v.object({
          state: v.picklist(["applied", "pending"]),
          pending: v.pipe(v.array(v.string()), v.metadata({ description: "The migrations/ files D1 has not recorded as applied" })),
        }),
      ),
      in_memory: v.array(v.string()),
    }),
    votes: v.object({
      pending: n,
      oldest_pending_s: v.nullable(n),
      last_error: nullableString,
      delivered: n,
      dropped: n,
      unconfirmed: n,
    }),
    ask: v.object({
      mode: v.picklist(["ai", "extractive", "off"]),
      model: nullableString,
      neurons_today: v.pipe(v.nullable(n), v.metadata({ description: "Workers AI neurons spent today (UTC), across all locations; null without AI" })),
      daily_neurons: n,
      budget_spent: v.boolean(),
    }),
    problems: v.array(v.string()),
    notices: v.pipe(v.array(v.string()), v.metadata({ description: "What works, but less well than it could (does not fail health)" })),
  }),
);

describe({
  method: "get",
  path: "/v1/health",
  operationId: "getHealth",
  summary: "Liveness and configuration sanity (never secrets)",
  security: security.anonymous,
  // A monitor reads the status: 200 only when nothing is misconfigured, 503 with the same body otherwise.
  responses: {
    200: { ...json(Health, "Alive and configured (`problems` is empty)"), headers: { "Cache-Control": headers.noStore } },
    503: { ...json(Health, "Alive but misconfigured: `problems` lists what to fix"), headers: { "Cache-Control": headers.noStore } },
  },
});

// ── openapi ──
describe({
  method: "get",
  path: "/v1/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This description (OpenAPI 3.1)",
  security: security.anonymous,
  responses: {
    200: {
      ...json(v.pipe(v.looseObject({ openapi: v.string() }), v.metadata({ description: "An OpenAPI 3.1 document" })), "This API's description"),
      headers: { "Cache-Control": { ...headers.noStore, required: false } },
    },
  },
});

// ── events ──
const EventBodyDoc = named(
  "InsightEvent",
  v.object({
    kind: v.picklist(["open", "contact", "abandon", "answer", "missing"]),
    q: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.metadata({ description: "open, contact, abandon: the query as searched, 1–200 characters" }))),
    vote: v.optional(v.pipe(v.picklist(["up", "down"]), v.metadata({ description: "answer: 👍/👎 on an Ask answer" }))),
    position: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50), v.metadata({ description: "open: 1-based position in the list" })),
    ),
    id: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2_147_483_647), v.metadata({ description: "open: the article opened; missing: the article voted 👎" })),
    ),
    text: v.optional(
      v.pipe(
        v.string(),
        v.minLength(1),
        v.maxLength(500),
        v.metadata({
          description:
            "missing: what the article lacked, 1–500 characters (code points) after trimming. Stored with its article and UTC day only, e-mail addresses, phone and long numbers and a link's query and fragment removed",
        }),
      ),
    ),
    lang: v.optional(v.pipe(v.string(), v.regex(/^[a-z]{2}_[A-Z]{2}$/), v.metadata({ example: "en_US" }))),
  }),
);

const OPENED = { kind: "open", q: "reset password", position: 1, id: 12, lang: "en_US" };
const MISSING = { kind: "missing", id: 12, text: "Nothing on resetting it from the mobile app", lang: "en_US" };

describe({
  method: "post",
  path: "/v1/events",
  operationId: "postEvent",
  summary: "The widget's beacon: a result opened, contact followed, a search abandoned, an Ask answer rated, what an article lacked (insights)",
  description:
    "`navigator.sendBeacon` sends text/plain (no preflight); a fetch fallback sends application/json. No upstream call. `missing` is the comment a visitor may leave after 👎 on an article.",
  security: security.anonymous,
  request: {
    headers: OriginHeader,
    body: {
      // The widget posts a comment as text/plain too (a CORS-safelisted type: no preflight).
      content: { "text/plain": { schema: EventBodyDoc, example: MISSING }, "application/json": { schema: EventBodyDoc, example: OPENED } },
      required: true,
    },
  },
  responses: {
    204: { description: "Taken (or, with INSIGHTS=off, dropped); never cached", headers: { "Cache-Control": headers.noStore } },
    ...errors([400, 403, 413, 429, 500], {
      descriptions: {
        400: "Not text/plain or application/json, or not exactly a known event",
        403: "The Origin is missing or not in ALLOWED_ORIGINS",
        413: `Body larger than ${MAX_EVENT_BODY} bytes`,
        429: "This address is over its event limit",
      },
    }),
  },
});

// ── insights ──
const nullableNumber = v.nullable(n);
const QueryRow = v.object({
  query: v.string(),
  lang: v.string(),
  searches: n,
  zero_results: n,
  opens: n,
  open_rate: nullableNumber,
  mean_position: nullableNumber,
  contacts: n,
  abandons: n,
});
const ArticleRow = v.object({
  id: n,
  title: v.nullable(v.string()),
  url: v.nullable(v.string()),
  reads: n,
  opens: n,
  up: n,
  down: n,
  down_share: nullableNumber,
});
const InsightsResponse = named(
  "Insights",
  v.object({
    from: v.string(),
    to: v.string(),
    k: v.pipe(n, v.metadata({ description: "A query's text is shown only once it was searched at least k times in the period" })),
    totals: v.object({
      searches: n,
      zero_results: n,
      zero_result_rate: nullableNumber,
      opens: n,
      open_rate: nullableNumber,
      contacts: n,
      contact_rate: nullableNumber,
      abandons: n,
      reads: n,
      votes: v.object({ up: n, down: n }),
      sources: v.object({ index: n, helpjuice: n, cache: n }),
      missing: v.pipe(n, v.metadata({ description: "\"What was missing\" comments in the period (missing_comments lists the newest 500)" })),
    }),
    daily: v.array(v.looseObject({ day: v.string() })),
    top_queries: v.array(QueryRow),
    zero_result_queries: v.array(QueryRow),
    rarely_opened_queries: v.array(QueryRow),
    hidden_queries: v.object({ queries: n, searches: n }),
    articles_by_reads: v.array(ArticleRow),
    articles_by_down_share: v.array(ArticleRow),
    missing_comments: v.pipe(
      v.array(v.object({ day: v.string(), id: n, title: v.nullable(v.string()), url: v.nullable(v.string()), lang: v.string(), text: v.string() })),
      v.metadata({ description: "What visitors who voted 👎 said an article lacked: newest day first, an article's together; no k-rule, and never with a visitor id or address" }),
    ),
  }),
);

describe({
  method: "get",
  path: "/v1/insights",
  operationId: "getInsights",
  summary: "Insights for knowledge-base authors (Bearer INSIGHTS_TOKEN); format=csv for spreadsheets",
  request: { query: InsightsQuery },
  security: security.insights,
  responses: {
    200: {
      content: { "application/json": { schema: InsightsResponse }, "text/csv": { schema: { type: "string" } } },
      description: "The period's figures (UTC days, both inclusive; default the last 7)",
      headers: { "Cache-Control": { ...headers.noStore, example: "private, no-store" }, Vary: headers.vary },
    },
    ...errors([400, 401, 404, 500], {
      descriptions: {
        400: "Bad period, format or table",
        401: "Missing or wrong token",
        404: "Insights are off (INSIGHTS=off)",
        500: "Insights need the D1 binding HJ_INDEX",
      },
    }),
  },
});
