/**
 * What the vote outbox does with each outcome of a delivery attempt (platform/votes/outbox.ts). Pure: no
 * runtime, no clock of its own, so every rule here is tested directly.
 *
 * The rule for an ambiguous outcome: a vote is sent **at most once** once Helpjuice may have counted it.
 *   - Clear failures, where Helpjuice did not count the vote, are retried: our gate had no slot (nothing
 *     was sent), Helpjuice answered 429 (it refused the call), or a 5xx / dropped connection / maintenance
 *     page (the call did not reach the app, or the app failed).
 *   - A timeout after the vote may have been sent is ambiguous: Helpjuice may well have counted it. The vote
 *     is then settled as "unconfirmed" and never sent again, because a second PUT would count it twice and
 *     Helpjuice has no idempotency key to dedupe on; one vote possibly lost is the lesser harm than a vote
 *     counted twice. Health shows how many ended that way.
 *   - Answers that say the vote can never count (404: the article is gone; 422 and other 4xx) drop it.
 *   - Our own configuration refused (401/403: the key) keeps the vote: fixing the key delivers it.
 * Retries back off exponentially per vote (2 s, 4 s, 8 s … at most 5 min, with jitter); the gate's own
 * closure after a 429 (Helpjuice's "one minute") holds every vote back together. A vote still undelivered
 * after MAX_PENDING_AGE_MS is given up, so a permanent fault cannot grow the outbox forever.
 */
import type { UpstreamFault } from "../upstream/error";

export type VoteDirection = "up" | "down";

/** The phase an attempt failed in: the visibility check at delivery (a GET) or the vote itself (a PUT). */
export type Phase = "check" | "vote";

export interface FailureFacts {
  /** The UpstreamError's fault, or null for anything else (a bug, Durable Object or storage trouble). */
  fault: UpstreamFault | null;
  retryable: boolean;
  retryAfterMs: number;
}

export type Decision =
  /** Nothing was counted and nothing will pass before `ms`: hold this vote and every other until then. */
  | { kind: "pause"; ms: number; error: string }
  /** Try this vote again after a backoff. */
  | { kind: "retry"; error: string }
  /** Never send it: it cannot count, or it may already have. */
  | { kind: "drop"; outcome: "dropped" | "unconfirmed"; error: string };

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
/** A vote not delivered within a day is given up (health's last_error says so). */
export const MAX_PENDING_AGE_MS = 24 * 60 * 60_000;
/** The longest an empty-handed pause may be (a gate that answered with no useful Retry-After). */
const MIN_PAUSE_MS = 250;

export function decide(phase: Phase, f: FailureFacts): Decision {
  switch (f.fault) {
    case "gate_closed":
    case "client_limited":
      // Our gate refused (nothing sent) or Helpjuice answered 429 (refused, not counted).
      return { kind: "pause", ms: Math.max(MIN_PAUSE_MS, f.retryAfterMs), error: "the upstream rate limit is spent (votes wait for the next window)" };
    case "timeout":
      if (phase === "check") return { kind: "retry", error: "Helpjuice did not answer the visibility check in time" };
      return { kind: "drop", outcome: "unconfirmed", error: "a vote timed out after it was sent; it is not sent again (it may have been counted)" };
    case "not_found":
      return { kind: "drop", outcome: "dropped", error: "a vote's article no longer exists; the vote was dropped" };
    case "unknown_user":
      return { kind: "drop", outcome: "dropped", error: "a signed user's vote named a user Helpjuice does not know; dropped" };
    case "refused":
      return { kind: "retry", error: "Helpjuice refused the API key (or HELPJUICE_ACCOUNT is not set); votes are kept" };
    case "bad_answer":
      return f.retryable
        ? { kind: "retry", error: "Helpjuice answered with a server error; the vote will be retried" }
        : { kind: "drop", outcome: "dropped", error: "Helpjuice rejected a vote (4xx); it was dropped" };
    default:
      return { kind: "retry", error: "a vote could not be delivered (internal error); it will be retried" };
  }
}

/** Delay before attempt `attempts + 1`, given `attempts` failures so far; `random` in [0, 1). */
export function backoffMs(attempts: number, random: number): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  // ±20 % jitter, so votes that failed together do not come back together.
  return Math.round(exp * (0.8 + 0.4 * random));
}

/** How long the oldest pending vote has waited, in whole seconds; null with nothing pending. */
export function oldestPendingSeconds(oldestAcceptedAt: number | null, now: number): number | null {
  return oldestAcceptedAt === null ? null : Math.max(0, Math.floor((now - oldestAcceptedAt) / 1000));
}
