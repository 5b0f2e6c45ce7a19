/** GET /v1/insights's parameters: a period of UTC days, and CSV or JSON (routes/insights.ts validates with it). */
import * as v from "valibot";
import { CSV_TABLES } from "../core/insights/csv";
import { isDay } from "../core/insights/events";

const Day = (name: string) =>
  v.optional(
    v.pipe(
      v.string(`${name} must be a UTC day, YYYY-MM-DD`),
      v.check(isDay, `${name} must be a UTC day, YYYY-MM-DD`),
      v.metadata({ doc: { type: "string", format: "date", example: "2026-07-01", description: "UTC day, inclusive" } }),
    ),
  );

export const InsightsQuery = v.object({
  from: Day("from"),
  to: Day("to"),
  format: v.optional(v.picklist(["json", "csv"], 'format must be "json" or "csv"')),
  table: v.optional(
    v.pipe(
      v.picklist(CSV_TABLES, `table must be one of ${CSV_TABLES.join(", ")}`),
      v.metadata({ description: "With format=csv: only this table (header row first); otherwise every table, each under its name" }),
    ),
  ),
});
