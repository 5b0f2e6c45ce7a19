import type { ReactiveController, ReactiveControllerHost } from "lit";
import { HjError, type Hit } from "../api.js";

export type SearchStatus = "idle" | "loading" | "done" | "error";

/**
 * Debounced search. Each run aborts the one before it and carries a sequence number, so an old answer that
 * arrives late (or a server that ignores the abort) can never replace the results of a newer query.
 */
export class SearchController implements ReactiveController {
  status: SearchStatus = "idle";
  query = "";
  results: Hit[] = [];
  /** The answer is the edge index's public results, standing in for a Helpjuice that could not answer. */
  partial = false;
  error?: HjError;
  private timer?: ReturnType<typeof setTimeout>;
  private abort?: AbortController;
  private seq = 0;

  constructor(
    private host: ReactiveControllerHost,
    private run: (q: string, signal: AbortSignal) => Promise<{ results: Hit[]; partial?: boolean }>,
    private done: (q: string, results: Hit[] | null, error?: HjError) => void,
    private delay = 250,
  ) {
    host.addController(this);
  }

  /** Typing: wait for a pause. An empty box cancels whatever is in flight and goes back to idle. */
  input(q: string) {
    clearTimeout(this.timer);
    this.timer = undefined;
    q = q.trim().slice(0, 200);
    if (!q) return this.reset();
    if (q === this.query && this.status !== "error") return;
    this.timer = setTimeout(() => this.now(q), this.delay);
  }

  /**
   * The same query again, for another identity or scope: what was on screen (and any answer still on its
   * way) belonged to the old one, so it goes at once. A query still in its debounce then runs as it is.
   */
  refresh() {
    if (!this.query) return;
    this.abort?.abort();
    this.seq++;
    Object.assign(this, { status: "loading", results: [], partial: false, error: undefined });
    if (this.timer) this.host.requestUpdate();
    else this.now();
  }

  /** Enter and retry: no waiting. */
  async now(q = this.query) {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!q) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const seq = ++this.seq;
    this.query = q;
    this.status = "loading";
    this.host.requestUpdate();
    try {
      const { results, partial = false } = await this.run(q, abort.signal);
      if (seq !== this.seq) return;
      Object.assign(this, { status: "done", results, partial, error: undefined });
      this.done(q, results);
    } catch (e) {
      if (seq !== this.seq || (e as Error).name === "AbortError") return;
      const error = e instanceof HjError ? e : new HjError("client", String(e));
      Object.assign(this, { status: "error", results: [], partial: false, error });
      this.done(q, null, error);
    }
    this.host.requestUpdate();
  }

  reset() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.seq++;
    Object.assign(this, { status: "idle", query: "", results: [], partial: false, error: undefined });
    this.host.requestUpdate();
  }

  hostDisconnected() {
    clearTimeout(this.timer);
    this.abort?.abort();
  }
}
