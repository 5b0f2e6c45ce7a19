/**
 * The vote outbox: votes the ledgers accepted, waiting to reach Helpjuice. It lives in one VoteLedger
 * object (named "outbox", see votes.ts), in that object's SQLite storage, so pending votes survive a restart
 * or an eviction, and it works through them in the object's alarm: oldest first, a few at a time, each
 * through the global gate's visitor share with no client (no visitor waits on it, and none should pay for
 * it). When the gate has no slot the whole outbox waits for the one it names; failures back off per vote;
 * what an ambiguous outcome means is decided in core/votes/delivery.ts.
 */
import type { Config } from "../../core/config";
import { backoffMs, decide, MAX_PENDING_AGE_MS, oldestPendingSeconds, type Decision, type Phase, type VoteDirection } from "../../core/votes/delivery";
import { UpstreamError } from "../../core/upstream/error";
import { ANONYMOUS, type Viewer } from "../../core/articles/visibility";
import type { Env } from "../../env";
import { gateStub, voteUpstream, type Upstream } from "../upstream/helpjuice";
import { checkAtDelivery } from "./visibility";

/** A vote as the route hands it over. */
export interface OutgoingVote {
  /** `<article>:<voter hash>`: the same vote enqueued twice is one row. */
  key: string;
  articleId: number;
  vote: VoteDirection;
  /** A signed user's email, kept only until the vote is delivered (Helpjuice counts it as that user). */
  user: string | null;
  /** Visibility was unknown when the vote came in (a cold start): check before sending. */
  check: boolean;
}

export interface OutboxStatus {
  pending: number;
  oldest_pending_s: number | null;
  last_error: string | null;
  delivered: number;
  dropped: number;
  unconfirmed: number;
}

interface Stats {
  delivered: number;
  dropped: number;
  unconfirmed: number;
  lastError: string | null;
}

interface Row {
  key: string;
  article_id: number;
  vote: string;
  user: string | null;
  check_visibility: number;
  accepted_at: number;
  attempts: number;
  next_at: number;
  [k: string]: SqlStorageValue;
}

/** Votes sent at once: enough to overlap Helpjuice's latency, few enough to keep the gate's answers simple. */
const CONCURRENCY = 4;
/** One alarm works at most this long, then hands over to the next. */
const SLICE_MS = 20_000;
/**
 * The most votes kept waiting. Storage protection only: at 20 votes a minute per address it takes hours of
 * an outage and a crowd to get here; a vote past it is answered 503 (nothing was recorded).
 */
export const MAX_PENDING = 100_000;
/** How long a visibility verdict reached at delivery is reused for other votes on the same article. */
const VERDICT_MS = 60_000;

const CFG = "outbox:cfg";
const STATS = "outbox:stats";
const PAUSED = "outbox:paused";

export class OutboxFull extends Error {}

export class VoteOutbox {
  /** Visibility verdicts for the delivery-time check, per article. */
  private verdicts = new Map<number, { at: number; verdict: Promise<"visible" | "invisible"> }>();
  /**
   * Votes on their way now. The runtime runs one alarm at a time, but a row must never be picked twice
   * even if two ever overlapped (a test running the alarm by hand): a vote sent twice counts twice.
   */
  private inFlight = new Set<string>();

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
  ) {}

  private get sql(): SqlStorage {
    return this.ctx.storage.sql;
  }

  private table(): void {
    this.sql.exec(
      `CREATE TABLE IF NOT EXISTS vote_outbox (
        key TEXT PRIMARY KEY, article_id INTEGER NOT NULL, vote TEXT NOT NULL, user TEXT,
        check_visibility INTEGER NOT NULL, accepted_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL)`,
    );
  }

  private stats(): Stats {
    return this.ctx.storage.kv.get<Stats>(STATS) ?? { delivered: 0, dropped: 0, unconfirmed: 0, lastError: null };
  }

  private note(change: Partial<Omit<Stats, "lastError">> & { lastError?: string | null }): void {
    const s = this.stats();
    s.delivered += change.delivered ?? 0;
    s.dropped += change.dropped ?? 0;
    s.unconfirmed += change.unconfirmed ?? 0;
    if (change.lastError !== undefined) s.lastError = change.lastError;
    this.ctx.storage.kv.put(STATS, s);
  }

  private count(): number {
    return this.sql.exec<{ n: number }>("SELECT COUNT(*) AS n FROM vote_outbox").one().n;
  }

  /** Take a vote; it is in storage when this returns. Deliveries start at once (the alarm). */
  async enqueue(cfg: Config, v: OutgoingVote): Promise<void> {
    this.table();
    if (this.count() >= MAX_PENDING) throw new OutboxFull();
    const now = Date.now();
    this.sql.exec(
      "INSERT OR IGNORE INTO vote_outbox (key, article_id, vote, user, check_visibility, accepted_at, attempts, next_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
      v.key,
      v.articleId,
      v.vote,
      v.user,
      v.check ? 1 : 0,
      now,
      now,
    );
    // The latest settings win: UPSTREAM_RATE_LIMIT and the rest are read per request, as everywhere else.
    this.ctx.storage.kv.put(CFG, cfg);
    await this.wake(Math.max(now, this.ctx.storage.kv.get<number>(PAUSED) ?? 0));
  }

  async status(): Promise<OutboxStatus> {
    this.table();
    const { n, oldest } = this.sql.exec<{ n: number; oldest: number | null }>("SELECT COUNT(*) AS n, MIN(accepted_at) AS oldest FROM vote_outbox").one();
    // Self-healing: pending votes and no alarm (never expected) get one.
    if (n > 0 && (await this.ctx.storage.getAlarm()) === null && this.ctx.storage.kv.get(CFG)) await this.wake(Date.now());
    const s = this.stats();
    return {
      pending: n,
      oldest_pending_s: oldestPendingSeconds(oldest, Date.now()),
      last_error: s.lastError,
      delivered: s.delivered,
      dropped: s.dropped,
      unconfirmed: s.unconfirmed,
    };
  }

  private async wake(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  /** The next alarm: the earliest vote due, not before a pause ends; none with nothing pending. */
  private async schedule(): Promise<void> {
    // Another pass still has votes on their way; it schedules when it ends.
    if (this.inFlight.size) return;
    const next = this.sql.exec<{ t: number | null }>("SELECT MIN(next_at) AS t FROM vote_outbox").one().t;
    if (next === null) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    const paused = this.ctx.storage.kv.get<number>(PAUSED) ?? 0;
    await this.ctx.storage.setAlarm(Math.max(next, paused, Date.now()));
  }

  async alarm(): Promise<void> {
    this.table();
    const cfg = this.ctx.storage.kv.get<Config>(CFG);
    if (!cfg) return;
    const until = Date.now() + SLICE_MS;
    while (Date.now() < until) {
      const now = Date.now();
      if ((this.ctx.storage.kv.get<number>(PAUSED) ?? 0) > now) break;
      const due = this.sql
        .exec<Row>("SELECT * FROM vote_outbox WHERE next_at <= ? ORDER BY next_at, accepted_at LIMIT ?", now, CONCURRENCY + this.inFlight.size)
        .toArray()
        .filter((r) => !this.inFlight.has(r.key))
        .slice(0, CONCURRENCY);
      if (!due.length) break;
      for (const r of due) this.inFlight.add(r.key);
      await Promise.all(due.map((r) => this.deliver(cfg, r).finally(() => this.inFlight.delete(r.key))));
    }
    await this.schedule();
  }

  private upstream(cfg: Config): Upstream {
    return { cfg, apiKey: this.env.HELPJUICE_API_KEY ?? "", gate: gateStub(this.env.UPSTREAM_GATE), client: null };
  }

  private verdict(cfg: Config, up: Upstream, id: number): Promise<"visible" | "invisible"> {
    const hit = this.verdicts.get(id);
    if (hit && Date.now() - hit.at < VERDICT_MS) return hit.verdict;
    const verdict = checkAtDelivery(this.env, cfg, up, id, (p) => this.ctx.waitUntil(p));
    const entry = { at: Date.now(), verdict };
    this.verdicts.set(id, entry);
    // A failed check is not remembered: the next vote asks again.
    verdict.catch(() => {
      if (this.verdicts.get(id) === entry) this.verdicts.delete(id);
    });
    return verdict;
  }

  private async deliver(cfg: Config, r: Row): Promise<void> {
    const now = Date.now();
    if (now - r.accepted_at > MAX_PENDING_AGE_MS) {
      this.remove(r.key);
      this.note({ dropped: 1, lastError: "a vote could not be delivered within a day and was given up" });
      return;
    }
    const up = this.upstream(cfg);
    let phase: Phase = "check";
    try {
      if (r.check_visibility) {
        if ((await this.verdict(cfg, up, r.article_id)) === "invisible") {
          // Never sent: an anonymous visitor may not vote on what they may not read.
          this.remove(r.key);
          this.note({ dropped: 1 });
          return;
        }
        this.sql.exec("UPDATE vote_outbox SET check_visibility = 0 WHERE key = ?", r.key);
      }
      phase = "vote";
      const viewer: Viewer = r.user ? { kind: "user", email: r.user } : ANONYMOUS;
      await voteUpstream(up, r.article_id, r.vote === "down" ? "down" : "up", viewer);
      this.remove(r.key);
      this.note({ delivered: 1, lastError: null });
    } catch (e) {
      this.failed(r, decide(phase, e instanceof UpstreamError ? { fault: e.fault, retryable: e.retryable, retryAfterMs: e.retryAfterMs } : { fault: null, retryable: true, retryAfterMs: 0 }));
    }
  }

  private remove(key: string): void {
    this.sql.exec("DELETE FROM vote_outbox WHERE key = ?", key);
  }

  private failed(r: Row, d: Decision): void {
    const now = Date.now();
    switch (d.kind) {
      case "pause": {
        // Not an attempt that failed: nothing was counted. Everything waits for the slot the gate named.
        const until = now + d.ms;
        this.ctx.storage.kv.put(PAUSED, Math.max(until, this.ctx.storage.kv.get<number>(PAUSED) ?? 0));
        this.sql.exec("UPDATE vote_outbox SET next_at = MAX(next_at, ?) WHERE key = ?", until, r.key);
        // Waiting for the window is how a burst is meant to drain, not an error worth reporting.
        return;
      }
      case "retry":
        this.sql.exec(
          "UPDATE vote_outbox SET attempts = attempts + 1, next_at = ? WHERE key = ?",
          now + backoffMs(r.attempts + 1, Math.random()),
          r.key,
        );
        this.note({ lastError: d.error });
        return;
      case "drop":
        this.remove(r.key);
        this.note(d.outcome === "unconfirmed" ? { unconfirmed: 1, lastError: d.error } : { dropped: 1, lastError: d.error });
    }
  }
}
