/**
 * Everything the fake remembers between requests: the (patchable) content, the request log, votes, the
 * rate window, fault rules and pending holds. `reset()` puts it all back to the seed, in place, so
 * references to `log`, `votes` and `faults` stay valid.
 */
import { FaultBook, Holds, type ActiveFault, type FaultKind } from "./faults";
import { SlidingWindow } from "./rate-limit";
import { ARTICLES, CATEGORIES, GROUPS, USERS } from "./seed/index";
import type { SeedArticle, SeedCategory, SeedGroup, SeedUser } from "./types";

export interface LogEntry {
  seq: number;
  method: string;
  path: string;
  /** Query parameters (the last value of a repeated one), `api_key` included when it was sent. */
  query: Record<string, string>;
  /** The impersonated email (from Basic auth), or null. */
  user: string | null;
  keyVia: "header" | "query" | null;
  /** The status answered; 0 while still pending; 499 when the client went away first. */
  status: number;
  /** `now()` when the request arrived (ms). */
  time: number;
  /** The fault kind applied, if any. */
  fault?: FaultKind;
}

export interface VoteCount {
  up: number;
  down: number;
}

export class FakeState {
  readonly log: LogEntry[] = [];
  readonly votes = new Map<number, VoteCount>();
  readonly faultBook = new FaultBook();
  readonly holds = new Holds();
  readonly window: SlidingWindow;
  readonly articles = new Map<number, SeedArticle>();
  readonly categories: SeedCategory[] = structuredClone(CATEGORIES);
  readonly users: SeedUser[] = structuredClone(USERS);
  readonly groups: SeedGroup[] = structuredClone(GROUPS);
  private seq = 0;

  constructor(rateLimit: number) {
    this.window = new SlidingWindow(rateLimit);
    this.loadArticles();
  }

  /** The active fault rules (in match order). */
  get faults(): readonly ActiveFault[] {
    return this.faultBook.rules;
  }

  private loadArticles() {
    this.articles.clear();
    for (const art of ARTICLES) this.articles.set(art.id, structuredClone(art));
  }

  /** Back to the seed: content, log, votes, faults, rate window; pending holds are released. */
  reset(): void {
    this.holds.releaseAll();
    this.log.length = 0;
    this.votes.clear();
    this.faultBook.clear();
    this.window.reset();
    this.loadArticles();
    this.seq = 0;
  }

  record(entry: Omit<LogEntry, "seq" | "status">): LogEntry {
    const full: LogEntry = { seq: ++this.seq, status: 0, ...entry };
    this.log.push(full);
    return full;
  }

  vote(id: number, dir: "up" | "down"): VoteCount {
    const count = this.votes.get(id) ?? { up: 0, down: 0 };
    count[dir]++;
    this.votes.set(id, count);
    return count;
  }

  /** Articles in id order. */
  allArticles(): SeedArticle[] {
    return [...this.articles.values()].sort((a, b) => a.id - b.id);
  }
}
