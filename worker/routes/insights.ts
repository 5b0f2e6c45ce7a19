/**
 * GET /v1/insights — what visitors searched, found, missed, read and voted (docs/design.md, "Insights"), for
 * Bearer INSIGHTS_TOKEN (compared in constant time); and the dashboard page at /insights that reads it.
 *
 * Order of refusals: insights off → 404 (nothing to show), then the token → 401, then the parameters → 400,
 * so nobody without the token learns anything about the period or the format.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import { validQuery } from "../middleware/validate";
import { ApiError } from "../core/errors";
import { insightsOn } from "../core/insights/config";
import { CSV_TABLES, reportCsv } from "../core/insights/csv";
import { dayOf, isDay } from "../core/insights/events";
import { period, shapeReport } from "../core/insights/report";
import { constantTimeEqual } from "../platform/constant-time";
import { readReport } from "../platform/insights/store";
import { errorResponse } from "../middleware/errors";
import { InsightsQuery } from "./insights-query";
import type { AppEnv } from "../app-env";
import { readMigrationState } from "../platform/index/migrations";

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

/**
 * The dashboard (worker/insights-page/) ships as static assets, not in the worker's bundle (issue #11: it was
 * a tenth of it). wrangler.toml routes its paths to the worker first, so it is still 404 with INSIGHTS=off
 * and always carries this strict CSP, whatever the asset server would add.
 */
async function page(c: Context<AppEnv>, path: string, type: string): Promise<Response> {
  if (!insightsOn(c.env)) throw new ApiError("not_found", "Insights are off");
  const asset = await c.env.ASSETS?.fetch(new URL(path, c.req.url), { redirect: "manual" });
  if (!asset?.ok) throw new ApiError("not_found", "The dashboard is not built (npm run build)");
  return c.body(await asset.text(), 200, {
    "Content-Type": type,
    "Cache-Control": "no-cache",
    "Content-Security-Policy":
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  });
}

export function insightRoutes(app: Hono<AppEnv>) {
  app.use("/v1/insights", guard);
  app.get("/v1/insights", validQuery(InsightsQuery), async (c) => {
    const { from, to, format = "json", table } = c.req.valid("query");
    const p = period(dayOf(Date.now()), from, to);
    if (!p.ok) throw new ApiError("bad_request", p.message);
    if (!c.env.HJ_INDEX) throw new ApiError("misconfigured", "Insights need the D1 binding HJ_INDEX");
    const report = shapeReport(await readReport(c.env.HJ_INDEX, p.from, p.to).catch(async (e) => {
      // Between a deploy and its migrations the tables are not there yet: a wait, not a failure.
      if ((await readMigrationState(c.env.HJ_INDEX!)).state === "pending")
        throw new ApiError("upstream_unavailable", "Insights are not readable until the D1 migrations are applied (see /v1/health)", 30);
      throw e;
    }));
    if (format === "csv") {
      return c.body(reportCsv(report, table), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="insights-${p.from}-${p.to}${table ? `-${table}` : ""}.csv"`,
      }) as never;
    }
    return c.json(report, 200);
  });

  // The asset server answers for insights.html at /insights (its html_handling), so that is the path asked for.
  app.get("/insights", (c) => page(c, "/insights", "text/html; charset=utf-8"));
  app.get("/insights.js", (c) => page(c, "/insights.js", "text/javascript; charset=utf-8"));
  app.get("/insights.css", (c) => page(c, "/insights.css", "text/css; charset=utf-8"));
  // The asset's own name, should anyone ask for it: the same gate.
  app.get("/insights.html", (c) => page(c, "/insights", "text/html; charset=utf-8"));
}
