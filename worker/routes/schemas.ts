/**
 * The edge API's inputs and outputs, once: the same schemas validate requests and generate
 * /v1/openapi.json, so the published description cannot drift from what the worker accepts.
 */
import { z } from "@hono/zod-openapi";

const positiveId = (name: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, `${name} must be a positive integer`)
    .transform(Number)
    .refine((n) => n <= 2_147_483_647, `${name} must be a positive integer`);

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
  .openapi({ type: "string", example: "10", description: "1–50, default 10" });

const CategoryParam = positiveId("category").optional().openapi({ type: "string", example: "3" });

export const SearchQuery = z.object({
  q: z
    .string({ error: "q is required" })
    .transform((s) => s.trim())
    // Characters as a person counts them (code points), not UTF-16 units: 200 emoji are 200 characters.
    .refine((s) => s.length >= 1 && [...s].length <= 200, "q must be 1–200 characters")
    .openapi({ example: "reset password", description: "1–200 characters after trimming" }),
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
  id: positiveId("id").openapi({ param: { name: "id", in: "path" }, type: "string", example: "12" }),
});

export const ArticleQuery = z.object({ lang: LangParam.optional() });

export const VoteBody = z.object({ vote: z.enum(["up", "down"], { error: 'vote must be "up" or "down"' }) });

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi("Error");

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

export const WebhookQuery = z.object({
  secret: z.string().openapi({ description: "WEBHOOK_SECRET, as configured in Helpjuice's webhook URL" }),
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

export const errorResponses = {
  400: json(ErrorSchema, "Bad input; no upstream call was made"),
  401: json(ErrorSchema, "Bad or expired user token"),
  429: json(ErrorSchema, "This client is over its limit (Retry-After)"),
  502: json(ErrorSchema, "Upstream answered garbage"),
  503: json(ErrorSchema, "Upstream gate closed and nothing stale to serve (Retry-After)"),
  504: json(ErrorSchema, "Upstream timed out"),
};

export { json };
