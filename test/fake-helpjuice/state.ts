/**
 * Everything the fake remembers between requests: the (patchable) content and its activities, the request
 * log, votes, the rate window, fault rules, quirks and pending holds. `reset()` puts it all back to the
 * seed, in place, so references to `log`, `votes`, `faults`, `categories` and `activities` stay valid.
 * Content changes go through the methods here, so each leaves its activity behind.
 */
import { actionsForEdit, ActivityLog, type Activity } from "./activities";
import type { Corpus } from "./authoring";
import { FaultBook, Holds, type ActiveFault, type FaultKind } from "./faults";
import { NO_QUIRKS, type Quirks } from "./quirks";
import { SlidingWindow } from "./rate-limit";
import { ARTICLES, CATEGORIES, GROUPS, USERS } from "./seed/index";
import type { SeedArticle, SeedCategory, SeedGroup, SeedUser } from "./types";

/** Changes made through the control routes are the account owner's (user 1) unless they say otherwise. */
const OWNER_ID = USERS[0].id;

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
  readonly categories: SeedCategory[] = [];
  readonly activities = new ActivityLog();
  readonly quirks: Quirks = { ...NO_QUIRKS };
  readonly users: SeedUser[] = structuredClone(USERS);
  readonly groups: SeedGroup[] = structuredClone(GROUPS);
  private seq = 0;

  constructor(rateLimit: number) {
    this.window = new SlidingWindow(rateLimit);
    this.loadSeed();
  }

  /** The active fault rules (in match order). */
  get faults(): readonly ActiveFault[] {
    return this.faultBook.rules;
  }

  private loadSeed() {
    this.categories.splice(0, this.categories.length, ...structuredClone(CATEGORIES));
    this.articles.clear();
    for (const art of ARTICLES) this.articles.set(art.id, structuredClone(art));
    this.activities.startWith(this.articles.values());
  }

  /** Back to the seed: content, activities, log, votes, faults, quirks, rate window; pending holds are released. */
  reset(): void {
    this.holds.releaseAll();
    this.log.length = 0;
    this.votes.clear();
    this.faultBook.clear();
    Object.assign(this.quirks, NO_QUIRKS);
    this.window.reset();
    this.loadSeed();
    this.seq = 0;
  }

  /** Changes an article as an editor would (`edit` mutates it); records what changed. Null when no such article. */
  editArticle(id: number, edit: (art: SeedArticle) => string | null, at: string, ownerId = OWNER_ID): { problem: string | null; activities: Activity[] } | null {
    const art = this.articles.get(id);
    if (!art) return null;
    const before = structuredClone(art);
    const problem = edit(art);
    if (problem) {
      this.articles.set(id, before); // a refused edit changes nothing
      return { problem, activities: [] };
    }
    return { problem: null, activities: actionsForEdit(before, art).map((action) => this.activities.add(id, action, ownerId, at)) };
  }

  /** Adds a new article (its id must be free); records "create" at its created_at. */
  createArticle(art: SeedArticle): Activity {
    if (this.articles.has(art.id)) throw new Error(`article ${art.id} exists`);
    this.articles.set(art.id, art);
    return this.activities.add(art.id, "create", art.author_id, art.created_at);
  }

  /** Deletes an article; records "destroy". Null when no such article. */
  deleteArticle(id: number, at: string, ownerId = OWNER_ID): Activity | null {
    if (!this.articles.delete(id)) return null;
    return this.activities.add(id, "destroy", ownerId, at);
  }

  /** Replaces all content (a bulk load): the articles, and the categories when given; activities start over. */
  replaceCorpus(corpus: Corpus): void {
    if (corpus.categories) this.categories.splice(0, this.categories.length, ...corpus.categories);
    this.articles.clear();
    for (const art of corpus.articles) this.articles.set(art.id, art);
    this.activities.startWith(this.articles.values());
  }

  nextArticleId(): number {
    let max = 0;
    for (const id of this.articles.keys()) if (id > max) max = id;
    return max + 1;
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
