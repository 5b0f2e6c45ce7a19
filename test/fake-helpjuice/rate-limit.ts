/**
 * Helpjuice's limit: 100 requests a minute per account. Modelled as a sliding window: at most `limit`
 * accepted requests in any 60 s. Every request that reaches the app counts (any route, any status, bad
 * keys too); requests refused with 429 do not extend the window.
 */
export const WINDOW_MS = 60_000;

export const TOO_MANY_REQUESTS_BODY = '{"message":"You have fired too many requests, please wait one minute."}';

export class SlidingWindow {
  private hits: number[] = [];

  constructor(
    public limit: number,
    readonly windowMs = WINDOW_MS,
  ) {}

  private prune(now: number) {
    const since = now - this.windowMs;
    let drop = 0;
    while (drop < this.hits.length && this.hits[drop] <= since) drop++;
    if (drop) this.hits.splice(0, drop);
  }

  /** Counts the request if there is room; false means answer 429. */
  take(now: number): boolean {
    this.prune(now);
    if (this.hits.length >= this.limit) return false;
    this.hits.push(now);
    return true;
  }

  used(now: number): number {
    this.prune(now);
    return this.hits.length;
  }

  reset(): void {
    this.hits = [];
  }
}
