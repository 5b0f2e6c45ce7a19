/**
 * The insights report as CSV (RFC 4180), for spreadsheets. Pure.
 *
 * Queries are visitors' text, so every cell that a spreadsheet would read as a formula (starting with
 * = + - @, a tab or a carriage return) is prefixed with an apostrophe (OWASP, "CSV Injection").
 */
import type { Report } from "./report";

export const CSV_TABLES = [
  "daily",
  "top_queries",
  "zero_result_queries",
  "rarely_opened_queries",
  "articles_by_reads",
  "articles_by_down_share",
  "declined_questions",
  "missing_comments",
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "number" ? String(v) : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

const COLUMNS: Record<CsvTable, string[]> = {
  daily: ["day", "searches", "zero_results", "opens", "contacts", "abandons", "reads", "up", "down", "asks", "answered", "declined"],
  top_queries: ["query", "lang", "searches", "zero_results", "opens", "open_rate", "mean_position", "contacts", "abandons"],
  zero_result_queries: ["query", "lang", "searches", "zero_results", "contacts", "abandons"],
  rarely_opened_queries: ["query", "lang", "searches", "opens", "open_rate", "mean_position", "abandons"],
  articles_by_reads: ["id", "title", "url", "reads", "opens", "up", "down", "down_share"],
  articles_by_down_share: ["id", "title", "url", "up", "down", "down_share", "reads"],
  declined_questions: ["question", "lang", "asks", "declined"],
  missing_comments: ["day", "id", "title", "lang", "text"],
};

/** One table, header row first; or, with no table named, every table one after another, each under its name. */
export function reportCsv(report: Report, table?: CsvTable): string {
  if (table) return toCsv(report[table] as Record<string, unknown>[], COLUMNS[table]);
  const totals = report.totals;
  const head = toCsv(
    [{ from: report.from, to: report.to, searches: totals.searches, zero_result_rate: totals.zero_result_rate, open_rate: totals.open_rate, contact_rate: totals.contact_rate, votes_up: totals.votes.up, votes_down: totals.votes.down, hidden_queries: report.hidden_queries.queries, questions: totals.ask.asked, answered: totals.ask.answered, declined: totals.ask.declined, answers_up: totals.ask.feedback.up, answers_down: totals.ask.feedback.down, missing_comments: totals.missing }],
    ["from", "to", "searches", "zero_result_rate", "open_rate", "contact_rate", "votes_up", "votes_down", "hidden_queries", "questions", "answered", "declined", "answers_up", "answers_down", "missing_comments"],
  );
  const parts = [`totals\r\n${head}`];
  for (const t of CSV_TABLES) parts.push(`${t}\r\n${toCsv(report[t] as Record<string, unknown>[], COLUMNS[t])}`);
  return parts.join("\r\n");
}
