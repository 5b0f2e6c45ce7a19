/**
 * The upstream gate: one Durable Object for the whole account, in front of every Helpjuice call, because
 * Helpjuice's 100 requests a minute is per account across every edge location. It keeps an exact sliding
 * window (core/upstream/sliding-window.ts) and, per client, a smaller one so a single visitor cannot drain it.
 */
import { DurableObject } from "cloudflare:workers";
import { SlidingWindow } from "../../core/upstream/sliding-window";

/**
 * A slot is stamped when granted, but Helpjuice counts a call when it arrives, a little later; a window
 * two seconds longer than Helpjuice's minute keeps a call granted 60 s after another from landing inside
 * Helpjuice's window (the bench saw exactly that: 101 calls in 59.9 s of arrivals).
 */
const WINDOW_MS = 62_000;
/** Helpjuice's own window, and the longest wait a Retry-After promises for our margin. */
const MINUTE_MS = 60_000;
/** Per-client windows guard no upstream contract, so they keep the plain minute. */
const CLIENT_WINDOW_MS = MINUTE_MS;
/** After an upstream 429 Helpjuice asks for "one minute". */
export const UPSTREAM_429_CLOSE_MS = MINUTE_MS;
/** Clients we remember at most; the least recently seen are forgotten first. */
const MAX_CLIENTS = 5_000;

export type GateDecision =
  | { ok: true }
  | { ok: false; reason: "gate" | "client"; retryAfterMs: number };

interface Saved {
  times: number[];
  closedUntil: number;
}

export class UpstreamGate extends DurableObject {
  /** Visitors' calls (all calls, when nothing is reserved). */
  private global: SlidingWindow | null = null;
  /** The index sync's calls. */
  private sync: SlidingWindow | null = null;
  private clients = new Map<string, SlidingWindow>();

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

  /**
   * The index sync's slot. Visitors' calls may use the window less the share reserved for the sync, and the
   * sync only its share, so a build can never starve visitors' article reads and votes, nor visitors the
   * sync. Within the share one slot is kept for urgent work (a webhook's article fetch), so a long build
   * cannot make a webhook's change wait a whole minute. With nothing reserved (a tiny limit), the sync
   * queues with visitors.
   */
  async acquireSync(limit: number, reserved: number, urgent: boolean): Promise<GateDecision> {
    if (reserved <= 0) return this.acquire(limit, null, 1, 0);
    const now = Date.now();
    const share = Math.max(1, Math.min(reserved, limit));
    const sync = await this.syncWindow(share);
    // (A 429 closes this window too: close() below closes every window, whoever caused it.)
    const room = urgent || share < 2 ? share : share - 1;
    const d = sync.take(now, room);
    if (!d.ok) return { ok: false, reason: "gate", retryAfterMs: d.retryAfterMs };
    await this.ctx.storage.put("sync", sync.snapshot());
    return { ok: true };
  }

  /**
   * Take one slot for an upstream call. `client` is null for background refreshes, which no visitor
   * caused and so no visitor's allowance pays for.
   */
  async acquire(limit: number, client: string | null, clientLimit: number, reserved = 0): Promise<GateDecision> {
    const now = Date.now();
    const global = await this.window(Math.max(1, limit - reserved));
    let perClient: SlidingWindow | undefined;
    if (client) {
      perClient = this.clients.get(client);
      if (!perClient || perClient.limit !== clientLimit) perClient = new SlidingWindow(clientLimit, CLIENT_WINDOW_MS);
      this.clients.delete(client);
      this.clients.set(client, perClient);
      if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
      const c = perClient.peek(now);
      if (!c.ok) return { ok: false, reason: "client", retryAfterMs: c.retryAfterMs };
    }
    const g = global.take(now);
    if (!g.ok) {
      // The window's extra margin is ours, not the visitor's: promise at most Helpjuice's minute, unless
      // Helpjuice itself asked for longer (a closure after its 429).
      const wait = g.retryAfterMs <= WINDOW_MS ? Math.min(g.retryAfterMs, MINUTE_MS) : g.retryAfterMs;
      return { ok: false, reason: "gate", retryAfterMs: wait };
    }
    perClient?.take(now);
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
