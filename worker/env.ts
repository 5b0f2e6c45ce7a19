/**
 * The worker's bindings and vars. Whatever wrangler.toml declares comes from `wrangler types`
 * (worker/worker-configuration.d.ts, `npm run types`; `npm test` fails when it is out of date), so a binding
 * or var cannot drift from the configuration. Declared here by hand only what wrangler.toml cannot show:
 * secrets, and vars left unset there (their defaults live in core/config.ts).
 */

/** Secrets (`wrangler secret put`) and optional vars wrangler.toml leaves out. Every var is a string. */
interface Unlisted {
  DEV_TOKEN_MINTING?: string;
  /** "off" stores no insights (default on). */
  INSIGHTS?: string;
  /** Days of insights aggregates kept (default 90); the cron deletes older ones. */
  INSIGHTS_RETENTION_DAYS?: string;
  /** How long an isolate gathers insights events before sending them, in ms (default 1000; 0: at once). */
  INSIGHTS_FLUSH_MS?: string;
  /** "on" / "off" forces the per-request log line (default: on for requests that came through Cloudflare). */
  REQUEST_LOG?: string;
  /** "off" keeps the edge index in D1 only, with no in-isolate copy (default on; platform/index/replica.ts). */
  INDEX_REPLICA?: string;

  /** Ask (docs/design.md, "Ask"; core/ask/config.ts): "off" turns it off. */
  ASK?: string;
  /** "extractive" never calls Workers AI. */
  ASK_MODE?: string;
  ASK_MODEL?: string;
  /** Seconds an anonymous answer is kept in KV (default 3600). */
  ASK_TTL?: string;
  /** Workers AI neurons Ask may spend a UTC day, across all locations (default 9000). */
  ASK_DAILY_NEURONS?: string;
  ASK_AI_TIMEOUT_MS?: string;
  /** Workers AI ([ai] in wrangler.toml): no local mode, so absent under `npm start` and the tests. */
  AI?: { run(model: string, inputs: Record<string, unknown>): Promise<unknown> };

  HELPJUICE_API_KEY?: string;
  USER_TOKEN_SECRET?: string;
  WEBHOOK_SECRET?: string;
  /** The Bearer token for GET /v1/insights and the /insights dashboard. */
  INSIGHTS_TOKEN?: string;
}

/** Bindings a deployment may lack: health names them, and the code checks before it uses them. */
type MayLack =
  | "HJ_INDEX"
  | "INDEX_SYNC"
  | "ASSETS"
  | "HJ_EVENTS"
  | "ASK_BUDGET"
  | "ASK_LIMITER"
  | "EVENTS_LIMITER"
  | "CLIENT_LIMITER"
  | "VOTE_LIMITER";

/** Vars may be overridden or left out (`wrangler dev --var`, tests): any string, or nothing. */
type Loose<T> = { [K in keyof T as T[K] extends string ? K : never]?: string } & {
  [K in keyof T as T[K] extends string ? never : K extends MayLack ? never : K]: T[K];
} & { [K in keyof T as K extends MayLack ? K : never]?: T[K] };

export type Env = Loose<WranglerEnv> & Unlisted;
