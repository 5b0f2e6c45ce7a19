/**
 * The D1 schema this worker expects (migrations/, applied by `npm run deploy` after the deploy, or by hand),
 * so health can name what is missing. Kept in step with the folder by test/worker/before-migrations.test.ts.
 */
export const MIGRATIONS = [
  "0001_edge_index.sql",
  "0002_insights.sql",
  "0003_index_content_version.sql",
  "0004_passages.sql",
  "0005_ask_insights.sql",
  "0006_missing_comments.sql",
] as const;

export interface MigrationState {
  /** "applied": every migration is in; "pending": some are not (the worker answers from Helpjuice meanwhile). */
  state: "applied" | "pending";
  pending: string[];
}

/** From the names D1 recorded as applied (its d1_migrations table; none before the first apply). */
export function migrationState(applied: readonly string[]): MigrationState {
  const done = new Set(applied);
  const pending = MIGRATIONS.filter((m) => !done.has(m));
  return { state: pending.length ? "pending" : "applied", pending };
}
