/**
 * An exact sliding-window log: at most `limit` events in any `windowMs`. A fixed bucket that refills on the
 * minute lets up to twice the limit through across a boundary, which is how a proxy earns Helpjuice's 429;
 * a log of the last `limit` timestamps cannot.
 */
export interface Decision {
  ok: boolean;
  /** Milliseconds until a slot frees up; 0 when ok. */
  retryAfterMs: number;
}

export class SlidingWindow {
  private times: number[];
  private closedUntil = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    times: readonly number[] = [],
  ) {
    this.times = [...times];
  }

  private prune(now: number): void {
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < this.times.length && this.times[drop] <= from) drop++;
    if (drop) this.times.splice(0, drop);
  }

  /** Would an event now be allowed (within `limit`, at most the window's own)? Does not record it. */
  peek(now: number, limit = this.limit): Decision {
    if (now < this.closedUntil) return { ok: false, retryAfterMs: this.closedUntil - now };
    this.prune(now);
    const room = Math.min(limit, this.limit);
    if (this.times.length < room) return { ok: true, retryAfterMs: 0 };
    if (room <= 0) return { ok: false, retryAfterMs: this.windowMs };
    return { ok: false, retryAfterMs: this.times[this.times.length - room] + this.windowMs - now };
  }

  take(now: number, limit = this.limit): Decision {
    const d = this.peek(now, limit);
    if (d.ok) this.times.push(now);
    return d;
  }

  /** Refuse everything until `until` (after an upstream 429). */
  closeUntil(until: number): void {
    this.closedUntil = Math.max(this.closedUntil, until);
  }

  get count(): number {
    return this.times.length;
  }

  snapshot(): { times: number[]; closedUntil: number } {
    return { times: [...this.times], closedUntil: this.closedUntil };
  }

  static restore(limit: number, windowMs: number, s: { times: number[]; closedUntil: number } | undefined) {
    const w = new SlidingWindow(limit, windowMs, s?.times ?? []);
    if (s) w.closedUntil = s.closedUntil;
    return w;
  }
}
