/**
 * A fake of Helpjuice API v3 (https://help.helpjuice.com/en_US/api-v3/api-v3), honest to the reference:
 * the stand-in every test of hj-search uses for the upstream. Runs in workerd (vitest) and in Node
 * (server.ts). See app.ts (and activity-routes.ts) for the routes, control.ts for the /__fake/ routes tests
 * steer it with.
 */
import type { Hono } from "hono";
import { buildApp } from "./app";
import type { FakeEnv } from "./app-env";
import { FakeState } from "./state";

export const FAKE_API_KEY = "hj-fake-key-7f3a9c21d4e8b605";

export interface FakeOptions {
  /** The account's API key (default FAKE_API_KEY). */
  apiKey?: string;
  /** Requests allowed in any 60 s (default 100, as Helpjuice). */
  rateLimit?: number;
  /** The clock for the rate window, the log and edits (default Date.now). */
  now?: () => number;
}

export interface FakeHelpjuice {
  app: Hono<FakeEnv>;
  fetch(req: Request): Promise<Response>;
  state: FakeState;
  reset(): void;
}

export function createFakeHelpjuice(opts: FakeOptions = {}): FakeHelpjuice {
  const state = new FakeState(opts.rateLimit ?? 100);
  const app = buildApp(state, { apiKey: opts.apiKey ?? FAKE_API_KEY, now: opts.now ?? Date.now });
  return {
    app,
    state,
    fetch: async (req: Request) => app.fetch(req),
    reset: () => state.reset(),
  };
}

export type { FakeEnv } from "./app-env";
export type { FakeState, LogEntry, VoteCount } from "./state";
export type { ActiveFault, FaultKind, FaultRule } from "./faults";
export { FAULT_KINDS } from "./faults";
export type { Activity, ActivityAction } from "./activities";
export { ACTIVITY_ACTIONS, TRACKABLE_TYPE } from "./activities";
export type { Quirks } from "./quirks";
export { TOO_MANY_REQUESTS_BODY, WINDOW_MS } from "./rate-limit";
export type { Viewer } from "./visibility";
export type { Accessibility, Role, SeedArticle, SeedCategory, SeedGroup, SeedUser, Translation } from "./types";
export { ACCOUNT_URL, DEFAULT_LANGUAGE } from "./types";
export * from "./seed/index";
