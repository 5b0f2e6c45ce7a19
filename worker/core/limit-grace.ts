/**
 * The first few requests of each client in a period, counted in this isolate: those may go on without
 * waiting for the Rate Limiting binding's verdict (the binding still counts them). Cloudflare's own binding
 * keeps its counters on the machine and settles them in the background for the same reason: a limit should
 * not cost a visitor a round trip. Under `wrangler dev` the binding is a local service, and waiting for it
 * was the longest step before Ask's first event.
 *
 * A client that stays in one isolate is limited exactly: its first requests are counted like the rest, and
 * every one past them waits for the verdict. Only a client the binding already holds over its limit (from
 * other isolates of the same location) gets through, and then at most `free` requests per isolate per
 * period. Pure: the caller passes the time.
 */
export class LimitGrace {
  private readonly counts = new Map<string, { from: number; n: number }>();

  constructor(
    private readonly free: number,
    private readonly periodMs: number,
    /** Clients remembered at most (then it starts again): an isolate's memory stays bounded. */
    private readonly maxClients = 10_000,
  ) {}

  /** Counts one request of `client`; true while it is among the first `free` of its period here. */
  take(client: string, now: number): boolean {
    let c = this.counts.get(client);
    if (!c || now - c.from >= this.periodMs || now < c.from) {
      if (!c && this.counts.size >= this.maxClients) this.counts.clear();
      c = { from: now, n: 0 };
      this.counts.set(client, c);
    }
    return ++c.n <= this.free;
  }
}
