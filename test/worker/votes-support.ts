/** Helpers for the vote tests: the outbox, its status, draining it, and moving its clock on. */
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { outboxFor } from "../../worker/platform/votes/ledger";
import type { OutboxStatus } from "../../worker/platform/votes/outbox";
import { fakeControl, resetGate } from "./support";

export const outbox = () => outboxFor(env.VOTES);

export const outboxStatus = (): Promise<OutboxStatus> => outbox().outboxStatus();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a minute (or a backoff) passing would do: every pending vote due now, the outbox's pause over, and
 * the gate's window empty (as resetAll empties it).
 */
export async function skipAhead(): Promise<void> {
  await runInDurableObject(outbox(), (_, state) => {
    if (state.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'vote_outbox'").toArray().length)
      state.storage.sql.exec("UPDATE vote_outbox SET next_at = 0");
    state.storage.kv.delete("outbox:paused");
  });
  await resetGate();
}

/**
 * Waits until the outbox holds nothing (every vote delivered, dropped or settled as unconfirmed). Alarms fire
 * by themselves in the test runtime; a due one is also run at once here. With `skip`, waits (backoff, the
 * gate's minute) are skipped too. Returns whether it emptied within `maxMs`.
 */
export async function drainVotes({ maxMs = 10_000, skip = false } = {}): Promise<boolean> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    if ((await outboxStatus()).pending === 0) return true;
    if (skip) await skipAhead();
    await runDurableObjectAlarm(outbox());
    await sleep(10);
  }
  return (await outboxStatus()).pending === 0;
}

/** The fake Helpjuice's vote counts, by article id. */
export async function upstreamVotes(): Promise<Record<string, { up: number; down: number }>> {
  const res = await fakeControl("/votes");
  return ((await res.json()) as { votes: Record<string, { up: number; down: number }> }).votes;
}
