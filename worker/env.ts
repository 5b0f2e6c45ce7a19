import type { UpstreamGate } from "./platform/gate";
import type { VoteLedger } from "./platform/votes";
import type { IndexSync } from "./platform/index-sync";

/**
 * The worker's bindings, as wrangler.toml and `wrangler secret put` give them.
 * Every var arrives as a string (wrangler `--var NAME:value` included); `core/config.ts` parses them.
 */
export interface Env {
  HELPJUICE_ACCOUNT?: string;
  HELPJUICE_BASE_URL?: string;
  ALLOWED_ORIGINS?: string;
  SEARCH_TTL?: string;
  ARTICLE_TTL?: string;
  UPSTREAM_TIMEOUT_MS?: string;
  UPSTREAM_RATE_LIMIT?: string;
  CLIENT_RATE_LIMIT?: string;
  /** Votes a minute per client address (default 20). */
  VOTE_RATE_LIMIT?: string;
  DEV_TOKEN_MINTING?: string;
  /** "index" (default) or "helpjuice": who answers anonymous searches. */
  SEARCH_SOURCE?: string;
  /** Comma list of Helpjuice language codes the index mirrors (default en_US). */
  KB_LANGUAGES?: string;

  HELPJUICE_API_KEY?: string;
  USER_TOKEN_SECRET?: string;
  WEBHOOK_SECRET?: string;
  /** "off" stores no insights (default on). */
  INSIGHTS?: string;
  /** Days of insights aggregates kept (default 90); the cron deletes older ones. */
  INSIGHTS_RETENTION_DAYS?: string;
  /** Secret: the Bearer token for GET /v1/insights and the /insights dashboard. */
  INSIGHTS_TOKEN?: string;
  /** Beacons (POST /v1/events) a minute per client address (default 60). */
  EVENTS_RATE_LIMIT?: string;

  HJ_CACHE: KVNamespace;
  UPSTREAM_GATE: DurableObjectNamespace<UpstreamGate>;
  VOTES: DurableObjectNamespace<VoteLedger>;
  /** The edge search index (D1, FTS5); migrations/ holds its schema. */
  HJ_INDEX?: D1Database;
  /** The one writer of the index: builds, webhook updates and cron passes, in order. */
  INDEX_SYNC?: DurableObjectNamespace<IndexSync>;
  ASSETS?: Fetcher;
  /** Insights events (worker/platform/insights-queue.ts), consumed by this worker's own queue(). */
  HJ_EVENTS?: Queue<unknown>;
}
