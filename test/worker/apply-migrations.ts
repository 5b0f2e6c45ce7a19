/** Runs before every test file: the edge index's schema (migrations/) on the local D1, as `npm start` applies it. */
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.HJ_INDEX!, (env as unknown as { TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] }).TEST_MIGRATIONS);
