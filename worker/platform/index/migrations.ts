/** Which of the expected migrations D1 has recorded as applied (core/index/migrations.ts). */
import { migrationState, type MigrationState } from "../../core/index/migrations";

export async function readMigrationState(db: D1Database): Promise<MigrationState> {
  let applied: string[] = [];
  try {
    applied = (await db.prepare("SELECT name FROM d1_migrations").all<{ name: string }>()).results.map((r) => r.name);
  } catch {
    // No d1_migrations table: nothing was ever applied (wrangler creates it with the first migration).
  }
  return migrationState(applied);
}
