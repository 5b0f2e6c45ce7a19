/**
 * GET /v1/insights — what visitors searched, found, missed, read and voted (DESIGN.md, "Insights"), for
 * Bearer INSIGHTS_TOKEN (compared in constant time); and the dashboard page at /insights that reads it.
 *
 * Order of refusals: insights off → 404 (nothing to show), then the token → 401, then the parameters → 400,
 * so nobody without the token learns anything about the period or the format.
 */
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "../core/errors";
import { insightsOn } from "../core/insights-config";
import { CSV_TABLES, reportCsv } from "../core/insights-csv";
import { dayOf, isDay } from "../core/insights-events";
import { period, shapeReport } from "../core/insights-report";
import { constantTimeEqual } from "../platform/constant-time";
import { readReport } from "../platform/insights-store";
import { errorResponse } from "../middleware/errors";
import { errors, headers, security } from "./schemas";
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_JS } from "./insights-page";
import type { AppEnv } from "../app-env";

const Day = (name: string) =>
  z
    .string()
    .refine(isDay, `${name} must be a UTC day, YYYY-MM-DD`)
    .optional()
    .openapi({ type: "string", format: "date", example: "2026-07-01", description: "UTC day, inclusive" });

export const InsightsQuery = z.object({
  from: Day("from"),
  to: Day("to"),
  format: z.enum(["json", "csv"], { error: 'format must be "json" or "csv"' }).optional(),
  table: z
    .enum(CSV_TABLES, { error: `table must be one of ${CSV_TABLES.join(", ")}` })
    .optional()
    .openapi({ description: "With format=csv: only this table (header row first); otherwise every table, each under its name" }),
});

const QueryRow = z.object({
  query: z.string(),
  lang: z.string(),
  searches: z.number(),
  zero_results: z.number(),
  opens: z.number(),
  open_rate: z.number().nullable(),
  mean_position: z.number().nullable(),
  contacts: z.number(),
  abandons: z.number(),
});
const ArticleRow = z.object({
  id: z.number(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  reads: z.number(),
  opens: z.number(),
  up: z.number(),
  down: z.number(),
  down_share: z.number().nullable(),
});
const InsightsResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    k: z.number().openapi({ description: "A query's text is shown only once it was searched at least k times in the period" }),
    totals: z.object({
      searches: z.number(),
      zero_results: z.number(),
      zero_result_rate: z.number().nullable(),
      opens: z.number(),
      open_rate: z.number().nullable(),
      contacts: z.number(),
      contact_rate: z.number().nullable(),
      abandons: z.number(),
      reads: z.number(),
      votes: z.object({ up: z.number(), down: z.number() }),
      sources: z.object({ index: z.number(), helpjuice: z.number(), cache: z.number() }),
    }),
    daily: z.array(z.object({ day: z.string() }).passthrough()),
    top_queries: z.array(QueryRow),
    zero_result_queries: z.array(QueryRow),
    rarely_opened_queries: z.array(QueryRow),
    hidden_queries: z.object({ queries: z.number(), searches: z.number() }),
    articles_by_reads: z.array(ArticleRow),
    articles_by_down_share: z.array(ArticleRow),
  })
  .openapi("Insights");

const route = createRoute({
  method: "get",
  path: "/v1/insights",
  operationId: "getInsights",
  summary: "Insights for knowledge-base authors (Bearer INSIGHTS_TOKEN); format=csv for spreadsheets",
  request: { query: InsightsQuery },
  security: security.insights,
  responses: {
    200: {
      content: { "application/json": { schema: InsightsResponse }, "text/csv": { schema: z.string() } },
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

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** 404 when off, 401 without the right token: before any parameter is looked at. */
const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!insightsOn(c.env)) throw new ApiError("not_found", "Insights are off");
  const given = BEARER.exec(c.req.header("Authorization") ?? "")?.[1] ?? "";
  const expected = c.env.INSIGHTS_TOKEN ?? "";
  // Both compared every time, so a request without a token takes as long as one with a wrong one.
  const ok = (await constantTimeEqual(given, expected)) && given !== "" && expected !== "";
  if (!ok) {
    const res = errorResponse(new ApiError("unauthorized", "Send Authorization: Bearer <INSIGHTS_TOKEN>"), c);
    res.headers.set("WWW-Authenticate", 'Bearer realm="hj-insights"');
    return res;
  }
  await next();
  c.res.headers.set("Cache-Control", "private, no-store");
  c.res.headers.append("Vary", "Authorization");
};

function page(c: Context<AppEnv>, body: string, type: string): Response {
  if (!insightsOn(c.env)) throw new ApiError("not_found", "Insights are off");
  return c.body(body, 200, {
    "Content-Type": type,
    "Cache-Control": "no-cache",
    "Content-Security-Policy":
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  });
}

export function insightRoutes(app: OpenAPIHono<AppEnv>) {
  app.use("/v1/insights", guard);
  app.openapi(route, async (c) => {
    const { from, to, format = "json", table } = c.req.valid("query");
    const p = period(dayOf(Date.now()), from, to);
    if (!p.ok) throw new ApiError("bad_request", p.message);
    if (!c.env.HJ_INDEX) throw new ApiError("misconfigured", "Insights need the D1 binding HJ_INDEX");
    const report = shapeReport(await readReport(c.env.HJ_INDEX, p.from, p.to));
    if (format === "csv") {
      return c.body(reportCsv(report, table), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="insights-${p.from}-${p.to}${table ? `-${table}` : ""}.csv"`,
      }) as never;
    }
    return c.json(report, 200);
  });

  app.get("/insights", (c) => page(c, DASHBOARD_HTML, "text/html; charset=utf-8"));
  app.get("/insights.js", (c) => page(c, DASHBOARD_JS, "text/javascript; charset=utf-8"));
  app.get("/insights.css", (c) => page(c, DASHBOARD_CSS, "text/css; charset=utf-8"));
}
