/**
 * The upstream gate: one Durable Object for the whole account, in front of every Helpjuice call, because
 * Helpjuice's 100 requests a minute is per account across every edge location. It keeps exact sliding
 * windows (core/upstream/sliding-window.ts): the visitors' share and the index sync's. (One visitor's own
 * limit counts per location, with the Rate Limiting binding: platform/client-limit.ts.)
 */
import { DurableObject } from "cloudflare:workers";
import { SlidingWindow } from "../../core/upstream/sliding-window";
import { mayBorrow } from "../../core/upstream/sync-share";

/**
 * A slot is stamped when granted, but Helpjuice counts a call when it arrives, a little later; a window
 * two seconds longer than Helpjuice's minute keeps a call granted 60 s after another from landing inside
 * Helpjuice's window (the bench saw exactly that: 101 calls in 59.9 s of arrivals).
 */
const WINDOW_MS = 62_000;
/** Helpjuice's own window, and the longest wait a Retry-After promises for our margin. */
const MINUTE_MS = 60_000;
/** After an upstream 429 Helpjuice asks for "one minute". */
export const UPSTREAM_429_CLOSE_MS = MINUTE_MS;
/** A count with no limit of its own: how many of the visitors' slots the sync holds. */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

export type GateDecision = { ok: true } | { ok: false; reason: "gate"; retryAfterMs: number };

interface Saved {
  times: number[];
  closedUntil: number;
}

export class UpstreamGate extends DurableObject {
  /** Visitors' calls, and the sync's calls borrowed from their share (all calls, when nothing is reserved). */
  private global: SlidingWindow | null = null;
  /** The index sync's calls within its reserved share. */
  private sync: SlidingWindow | null = null;
  /** The sync's calls in `global`: borrowed from the visitors. */
  private lent: SlidingWindow | null = null;

  private async window(limit: number): Promise<SlidingWindow> {
    if (!this.global || this.global.limit !== limit) {
      const saved = this.global?.snapshot() ?? (await this.ctx.storage.get<Saved>("global"));
      this.global = SlidingWindow.restore(limit, WINDOW_MS, saved);
    }
    return this.global;
  }

  private async syncWindow(limit: number): Promise<SlidingWindow> {
    if (!this.sync || this.sync.limit !== limit) {
      const saved = this.sync?.snapshot() ?? (await this.ctx.storage.get<Saved>("sync"));
      this.sync = SlidingWindow.restore(limit, WINDOW_MS, saved);
    }
    return this.sync;
  }

  private async lentWindow(): Promise<SlidingWindow> {
    this.lent ??= SlidingWindow.restore(UNLIMITED, WINDOW_MS, await this.ctx.storage.get<Saved>("lent"));
    return this.lent;
  }

  /**
   * The index sync's slot. The sync has its reserved share, which visitors never use, so visitors can never
   * starve it. Within the share one slot is kept for urgent work (a webhook's article fetch), so a long build
   * cannot make a webhook's change wait a whole minute. Past its share it may borrow from the visitors' share
   * what they left unused (half of it at most, core/upstream/sync-share.ts): a borrowed call counts in the
   * visitors' window, so their limit and Helpjuice's hold, and borrowing stops as their use rises. With
   * nothing reserved (a tiny limit), the sync queues with visitors.
   */
  async acquireSync(limit: number, reserved: number, urgent: boolean): Promise<GateDecision> {
    if (reserved <= 0) return this.acquire(limit, 0);
    const now = Date.now();
    const share = Math.max(1, Math.min(reserved, limit));
    const sync = await this.syncWindow(share);
    // (A 429 closes this window too: close() below closes every window, whoever caused it.)
    const room = urgent || share < 2 ? share : share - 1;
    const d = sync.take(now, room);
    if (d.ok) {
      await this.ctx.storage.put("sync", sync.snapshot());
      return { ok: true };
    }
    const visitorShare = Math.max(1, limit - reserved);
    const global = await this.window(visitorShare);
    const lent = await this.lentWindow();
    global.peek(now);
    lent.peek(now);
    if (mayBorrow(visitorShare, global.count - lent.count, lent.count) && global.take(now).ok) {
      lent.take(now);
      await this.ctx.storage.put({ global: global.snapshot(), lent: lent.snapshot() });
      return { ok: true };
    }
    return { ok: false, reason: "gate", retryAfterMs: d.retryAfterMs };
  }

  /** Take one slot of the visitors' share for an upstream call (a visitor's, a refresh's or a vote's). */
  async acquire(limit: number, reserved = 0): Promise<GateDecision> {
    const now = Date.now();
    const global = await this.window(Math.max(1, limit - reserved));
    const g = global.take(now);
    if (!g.ok) {
      // The window's extra margin is ours, not the visitor's: promise at most Helpjuice's minute, unless
      // Helpjuice itself asked for longer (a closure after its 429).
      const wait = g.retryAfterMs <= WINDOW_MS ? Math.min(g.retryAfterMs, MINUTE_MS) : g.retryAfterMs;
      return { ok: false, reason: "gate", retryAfterMs: wait };
    }
    // Persisted so an evicted or restarted object does not forget the calls already made this minute.
    await this.ctx.storage.put("global", global.snapshot());
    return { ok: true };
  }

  /** Helpjuice answered 429: close for its minute, whatever our own count says. */
  async close(limit: number, ms: number = UPSTREAM_429_CLOSE_MS, reserved = 0): Promise<void> {
    const global = await this.window(Math.max(1, limit - reserved));
    global.closeUntil(Date.now() + ms);
    await this.ctx.storage.put("global", global.snapshot());
    if (reserved > 0) {
      const sync = await this.syncWindow(Math.max(1, Math.min(reserved, limit)));
      sync.closeUntil(Date.now() + ms);
      await this.ctx.storage.put("sync", sync.snapshot());
    }
  }

  async stats(limit: number): Promise<{ inWindow: number; limit: number }> {
    const global = await this.window(limit);
    global.peek(Date.now());
    return { inWindow: global.count, limit };
  }
}
