/**
 * The vote ledger: a Durable Object per article, because
 * "exactly once per voter" needs a single place that sees every vote in order, and KV cannot give that.
 * One more object of the class, named "outbox", holds the votes accepted but not yet delivered to Helpjuice
 * and delivers them in its alarm (vote-outbox.ts).
 *
 * A vote is claimed, then handed to the outbox, then settled, so two racing votes from one voter make one
 * vote: the second finds the claim and waits for its outcome instead of recording another. Storage is the
 * SQLite-backed synchronous KV, so a claim is checked and written with no await in between.
 */
import { DurableObject } from "cloudflare:workers";
import type { Config } from "../../core/config";
import type { UpstreamFault } from "../../core/upstream/error";
import type { Env } from "../../env";
import { VoteOutbox, type OutboxStatus, type OutgoingVote } from "./outbox";

export type Vote = "up" | "down";

export type ClaimResult =
  /** Yours: call Helpjuice, then `settle` with the same token. */
  | { kind: "claimed"; token: string }
  /** This voter's vote is already counted (or being counted); no upstream call. */
  | { kind: "recorded"; vote: Vote }
  /** A racing twin of this vote was sent upstream and failed; answer as it did. */
  | { kind: "failed"; fault: UpstreamFault; retryAfterMs: number };

export type Settlement =
  /** Recorded (in the outbox, or delivered): never recorded again. */
  | { keep: true }
  /** Not counted: forget the claim so the visitor can vote again. */
  | { keep: false; fault: UpstreamFault; retryAfterMs: number };

interface Entry {
  vote: Vote;
  /** A claim still pending has a token and the time it was taken; a counted vote has neither. */
  token?: string;
  at?: number;
}

/**
 * How long a pending claim holds before it counts as abandoned (a worker that claimed and died). Longer
 * than the longest upstream timeout, so a live claim is never taken over.
 */
export const CLAIM_LEASE_MS = 90_000;

export function ledgerFor(ns: DurableObjectNamespace<VoteLedger>, articleId: number): DurableObjectStub<VoteLedger> {
  return ns.get(ns.idFromName(`article:${articleId}`));
}

/** The one outbox: every pending vote, so health can count them and one alarm paces them through the gate. */
export function outboxFor(ns: DurableObjectNamespace<VoteLedger>): DurableObjectStub<VoteLedger> {
  return ns.get(ns.idFromName("outbox"));
}

export class VoteLedger extends DurableObject<Env> {
  /** Racing twins of a pending claim wait on its settlement here. */
  private pending = new Map<string, { token: string; settled: Promise<Settlement>; resolve: (s: Settlement) => void }>();
  /** Only the outbox object ever uses it; built on first use. */
  private box: VoteOutbox | null = null;

  private outbox(): VoteOutbox {
    this.box ??= new VoteOutbox(this.ctx, this.env);
    return this.box;
  }

  /** (Outbox) Keep a vote until it is delivered; it is in storage when this returns. */
  async enqueue(cfg: Config, vote: OutgoingVote): Promise<void> {
    await this.outbox().enqueue(cfg, vote);
  }

  /** (Outbox) What health shows. */
  async outboxStatus(): Promise<OutboxStatus> {
    return this.outbox().status();
  }

  /** Only the outbox sets alarms: deliver what is due. */
  async alarm(): Promise<void> {
    await this.outbox().alarm();
  }

  async claim(voter: string, vote: Vote): Promise<ClaimResult> {
    const key = `voter:${voter}`;
    const now = Date.now();
    const entry = this.ctx.storage.kv.get<Entry>(key);
    if (entry && entry.token === undefined) return { kind: "recorded", vote: entry.vote };
    if (entry && now - (entry.at ?? 0) < CLAIM_LEASE_MS) {
      const twin = this.pending.get(voter);
      // The claim outlived an eviction of this object: its holder will still settle it, so just report it.
      if (!twin || twin.token !== entry.token) return { kind: "recorded", vote: entry.vote };
      const outcome = await within(twin.settled, CLAIM_LEASE_MS - (now - (entry.at ?? 0)));
      if (outcome && !outcome.keep) return { kind: "failed", fault: outcome.fault, retryAfterMs: outcome.retryAfterMs };
      return { kind: "recorded", vote: entry.vote };
    }
    const token = crypto.randomUUID();
    this.ctx.storage.kv.put<Entry>(key, { vote, token, at: now });
    let resolve!: (s: Settlement) => void;
    const settled = new Promise<Settlement>((r) => (resolve = r));
    this.pending.set(voter, { token, settled, resolve });
    return { kind: "claimed", token };
  }

  async settle(voter: string, token: string, outcome: Settlement): Promise<void> {
    const key = `voter:${voter}`;
    const entry = this.ctx.storage.kv.get<Entry>(key);
    // A claim taken over after its lease belongs to someone else now; this late answer must not touch it.
    if (entry?.token === token) {
      if (outcome.keep) this.ctx.storage.kv.put<Entry>(key, { vote: entry.vote });
      else this.ctx.storage.kv.delete(key);
    }
    const twin = this.pending.get(voter);
    if (twin?.token === token) {
      this.pending.delete(voter);
      twin.resolve(outcome);
    }
  }
}

/** The settlement, or undefined once the lease runs out; the timer goes with it, so none outlives a vote. */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), Math.max(0, ms))));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
