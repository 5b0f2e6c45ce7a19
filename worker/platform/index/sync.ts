/**
 * The edge index's one writer: a Durable Object that runs builds, webhook updates and cron passes in order,
 * resumably (its progress is in storage, its work in alarms), within the gate's reserved share. Webhook
 * fetches go first; a full pass deletes nothing until it has listed everything (core/index/sync-plan.ts).
 */
import { forgetReplica } from "./replica";
import { DurableObject } from "cloudflare:workers";
import { categoryVerdict, membershipByArticle, parseCategories, type Membership } from "../../core/articles/categories";
import type { Config } from "../../core/config";
import { INDEX_TEXT_VERSION, indexRow, parseArticlePage, type IndexRow } from "../../core/index/row";
import { shapeArticle, unwrapArticle, UpstreamShapeError } from "../../core/articles/shape";
import {
  FULL_PASS_EVERY_MS,
  MAX_SINGLE_FETCHES,
  emptiedOnPurpose,
  PAGE_SIZE,
  hasMorePages,
  isRemoval,
  nextStep,
  parseActivities,
  sinceDay,
  sweepAllowed,
  type Pass,
} from "../../core/index/sync-plan";
import { UpstreamError } from "../../core/upstream/error";
import { ANONYMOUS } from "../../core/articles/visibility";
import type { Env } from "../../env";
import { indexAnswers } from "./answers";
import { bumpSearchGeneration } from "../cache/generation";
import { articleUpstream, gateStub, listActivities, listArticles, listCategories, type Upstream } from "../upstream/helpjuice";
import {
  countRows,
  deleteArticles,
  deleteUnlisted,
  fingerprint,
  indexedArticleIds,
  markListed,
  memberships,
  membershipsOf,
  removeLanguagesOtherThan,
  replaceCategories,
  replaceCategoriesNoting,
  restrictedIndexedArticles,
  upsertRows,
  storedFingerprints,
  TEXT_VERSION_KEY,
  writeMeta,
} from "./store";
import { purgeArticle } from "../cache/purge";

export interface IndexStatus {
  state: "ready" | "building" | "empty";
  articles: number;
  languages: string[];
  synced_at: string | null;
  last_error: string | null;
}

interface Saved {
  cfg: Config | null;
  /** Articles to fetch again, most urgent first (webhooks). */
  queue: number[];
  pass: Pass | null;
  passCounter: number;
  lastFullAt: number | null;
  lastRecentAt: number | null;
  activityCursor: number | null;
  built: boolean;
  syncedAt: string | null;
  lastError: string | null;
  /** A full pass wanted to delete most of the index; the next one must agree before it may. */
  sweepHeld: boolean;
  /** A categories listing wanted to hide most of the index; the next one must agree before it may. */
  categoriesHeld: boolean;
  /** Consecutive failures of the current work, for backoff. */
  failures: number;
  /**
   * The full pass that rewrites rows of an older text version, and the INDEX_TEXT_VERSION it started
   * under. Only a pass started and finished under the current version may record it as the index's: one a
   * deploy interrupted wrote its first pages with the old text.
   */
  textPass: { n: number; version: number } | null;
  /** When a webhook last named an article: a categories listing older than this may not serve its fetch. */
  lastChangeAt: number;
}

const FRESH: Saved = {
  cfg: null,
  queue: [],
  pass: null,
  passCounter: 0,
  lastFullAt: null,
  lastRecentAt: null,
  activityCursor: null,
  built: false,
  syncedAt: null,
  lastError: null,
  sweepHeld: false,
  categoriesHeld: false,
  failures: 0,
  textPass: null,
  lastChangeAt: 0,
};

/** One alarm works at most this long, then hands over to the next, so no invocation runs for minutes. */
const SLICE_MS = 20_000;
/** After this many failures in a row a pass is given up (and tried again at the next tick). */
const MAX_FAILURES = 4;
const backoffMs = (failures: number) => Math.min(60_000, 1_000 * 2 ** failures);

/** What keeps the sync from asking Helpjuice at all, in words for health; null when it can ask. */
function cannotAsk(env: Env, cfg: Config): string | null {
  if (!env.HELPJUICE_API_KEY) return "HELPJUICE_API_KEY is not set: nothing was asked of Helpjuice";
  if (!cfg.baseUrl) return "HELPJUICE_ACCOUNT is not set: nothing was asked of Helpjuice";
  return null;
}

/** What went wrong, in words for health: never an upstream body, URL or key. */
function describe(e: unknown): string {
  if (e instanceof UpstreamShapeError) return "Helpjuice answered a listing the sync could not read";
  if (e instanceof UpstreamError) {
    switch (e.fault) {
      case "refused":
        return "Helpjuice refused the API key (is it this account's, and is HELPJUICE_ACCOUNT right?)";
      case "timeout":
        return "Helpjuice did not answer in time";
      case "bad_answer":
        return "Helpjuice answered with an error or garbage";
      case "gate_closed":
        return "the upstream rate limit is spent";
      default:
        return `upstream: ${e.fault}`;
    }
  }
  return "the index could not be written";
}

export class IndexSync extends DurableObject<Env> {
  private s: Saved | null = null;
  /** The last categories listing and when it was asked for: one listing serves a burst of webhooks and a pass. */
  private categories: { askedAt: number; list: ReturnType<typeof parseCategories> } | null = null;
  /** The article being fetched, and whether a webhook named it again meanwhile (then it is fetched again). */
  private inFlight: { id: number; renamed: boolean } | null = null;

  private async state(): Promise<Saved> {
    this.s ??= { ...FRESH, ...((await this.ctx.storage.get<Saved>("state")) ?? {}) };
    return this.s;
  }

  private async save(): Promise<void> {
    if (this.s) await this.ctx.storage.put("state", this.s);
  }

  private async wake(atMs = Date.now()): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > atMs) await this.ctx.storage.setAlarm(atMs);
  }

  private get db(): D1Database {
    if (!this.env.HJ_INDEX) throw new Error("no HJ_INDEX binding");
    return this.env.HJ_INDEX;
  }

  private upstream(cfg: Config, urgent: boolean): Upstream {
    return { cfg, apiKey: this.env.HELPJUICE_API_KEY ?? "", gate: gateStub(this.env.UPSTREAM_GATE), client: null, sync: { urgent } };
  }

  /** The first request after a deploy: build if nothing has been built and nothing is building. */
  async ensureBuilt(cfg: Config): Promise<void> {
    const s = await this.state();
    s.cfg = cfg;
    if (!s.built && !s.pass) this.startPass(s, "full");
    await this.save();
    if (s.pass || s.queue.length) await this.wake();
  }

  /** A webhook named these articles: fetch them before anything else. */
  async articlesChanged(cfg: Config, ids: number[]): Promise<void> {
    const s = await this.state();
    // No index and none building: the first build will list the article as it now is.
    if (!s.built && !s.pass) return;
    s.cfg = cfg;
    s.queue = [...new Set([...ids, ...s.queue])];
    s.lastChangeAt = Date.now();
    // Fetched already, perhaps before this edit was saved: fetch it once more.
    if (this.inFlight && ids.includes(this.inFlight.id)) this.inFlight.renamed = true;
    await this.save();
    await this.wake();
  }

  /** The cron: a recent pass, or a full one when due (or never done). */
  async tick(cfg: Config): Promise<void> {
    const s = await this.state();
    s.cfg = cfg;
    if (!s.pass) {
      const due = !s.built || s.lastFullAt === null || Date.now() - s.lastFullAt >= FULL_PASS_EVERY_MS;
      this.startPass(s, due ? "full" : "recent");
    }
    await this.save();
    await this.wake();
  }

  async status(): Promise<IndexStatus> {
    const s = await this.state();
    const { articles, languages } = await countRows(this.db);
    return {
      state: s.built ? "ready" : s.pass ? "building" : "empty",
      articles,
      languages,
      synced_at: s.syncedAt,
      last_error: s.lastError,
    };
  }

  private startPass(s: Saved, kind: Pass["kind"]): void {
    if (kind === "full") {
      s.passCounter += 1;
      s.textPass = { n: s.passCounter, version: INDEX_TEXT_VERSION };
    }
    const now = Date.now();
    s.pass = {
      kind,
      n: s.passCounter,
      step: { phase: "categories" },
      started: now,
      since: kind === "recent" ? sinceDay(s.lastRecentAt, now) : undefined,
      seen: [],
      expected: {},
      listed: {},
    };
    s.failures = 0;
  }

  async alarm(): Promise<void> {
    const s = await this.state();
    const cfg = s.cfg;
    if (!cfg || !this.env.HJ_INDEX) return;
    const missing = cannotAsk(this.env, cfg);
    if (missing) {
      // Said as it is (not as Helpjuice refusing a key never sent); the work waits for the next deploy or
      // restart with the setting, whose first request or cron wakes it again.
      s.lastError = missing;
      await this.save();
      return;
    }
    const until = Date.now() + SLICE_MS;
    // `this.s !== s`: the state was replaced while this alarm awaited (a reset): stop, and save nothing.
    while (Date.now() < until && (s.queue.length || s.pass) && this.s === s) {
      try {
        if (s.queue.length) {
          const id = s.queue[0];
          this.inFlight = { id, renamed: false };
          try {
            await this.refreshArticle(s, cfg, id);
          } finally {
            const again = this.inFlight?.renamed;
            this.inFlight = null;
            // By id, not by position: webhooks that came meanwhile went to the front of the queue.
            if (!again) s.queue = s.queue.filter((q) => q !== id);
          }
        } else if (s.pass) {
          await this.step(s, cfg, s.pass);
        }
        s.failures = 0;
      } catch (e) {
        if (this.s !== s) return;
        if (e instanceof UpstreamError && (e.fault === "gate_closed" || e.fault === "client_limited")) {
          // Our share of the minute is spent: carry on when a slot frees, not before.
          await this.save();
          await this.ctx.storage.setAlarm(Date.now() + Math.max(250, e.retryAfterMs));
          return;
        }
        s.failures += 1;
        s.lastError = describe(e);
        if (s.failures >= MAX_FAILURES) {
          // Give up this piece of work; nothing already indexed is lost (a pass deletes only at its end).
          if (s.queue.length) s.queue.shift();
          else s.pass = null;
          s.failures = 0;
        }
        await this.save();
        if (s.queue.length || s.pass) await this.ctx.storage.setAlarm(Date.now() + backoffMs(s.failures));
        return;
      }
      if (this.s !== s) return;
      await this.save();
    }
    if (this.s === s && (s.queue.length || s.pass)) await this.ctx.storage.setAlarm(Date.now());
  }

  /** Retire cached searches, after an index write has landed. */
  private async retireSearches(): Promise<void> {
    // This isolate's memo and in-memory copy go at once; other isolates' within INDEX_ANSWER_TTL_MS and
    // REPLICA_CHECK_MS.
    indexAnswers.clear();
    forgetReplica();
    await bumpSearchGeneration(this.env.HJ_CACHE).catch(() => {});
  }

  /**
   * The categories, asked of Helpjuice unless a listing asked for since `notBefore` is at hand: every webhook
   * of a burst, and the pass after them, share one listing, while a webhook that came after it gets a new one
   * (its article may be in a category the older listing did not have).
   */
  private async categoriesSince(cfg: Config, notBefore: number, urgent: boolean): Promise<ReturnType<typeof parseCategories>> {
    if (this.categories && this.categories.askedAt >= notBefore) return this.categories.list;
    const askedAt = Date.now();
    const list = parseCategories(await listCategories(this.upstream(cfg, urgent)));
    this.categories = { askedAt, list };
    return list;
  }

  private async membershipsFor(s: Saved, cfg: Config, id: number): Promise<Membership[]> {
    const known = await membershipsOf(this.db, id);
    if (known.length) return known;
    // An article no stored category holds is new, or moved: ask for the categories once more.
    const categories = await this.categoriesSince(cfg, s.lastChangeAt, true);
    await replaceCategories(this.db, categories);
    return membershipByArticle(categories).get(id) ?? [];
  }

  /** One article, in every language, fetched and upserted, or deleted when gone or no longer public. */
  private async refreshArticle(s: Saved, cfg: Config, id: number): Promise<void> {
    const up = this.upstream(cfg, true);
    const [first, ...others] = cfg.languages;
    let raw;
    try {
      raw = unwrapArticle(await articleUpstream(up, id, first, ANONYMOUS));
    } catch (e) {
      if (!(e instanceof UpstreamError && e.fault === "not_found")) throw e;
      raw = null;
    }
    const row = raw ? indexRow(raw, first, await this.membershipsFor(s, cfg, id)) : null;
    if (!row) {
      await deleteArticles(this.db, [id]);
      await purgeArticle(this.env.HJ_CACHE, id).catch(() => {});
      await this.retireSearches();
      return;
    }
    const rows: IndexRow[] = [row];
    const gone: string[] = [];
    for (const lang of others) {
      const translated = unwrapArticle(await articleUpstream(up, id, lang, ANONYMOUS));
      // kb_language falls back to the default language when there is no translation: not a row of `lang`.
      const r = shapeArticle(translated, lang).language === lang ? indexRow(translated, lang, await membershipsOf(this.db, id)) : null;
      if (r) rows.push(r);
      else gone.push(lang);
    }
    await upsertRows(this.db, rows, s.passCounter);
    for (const lang of gone) await deleteArticles(this.db, [id], lang);
    await this.retireSearches();
  }

  private async step(s: Saved, cfg: Config, pass: Pass): Promise<void> {
    const up = this.upstream(cfg, false);
    const langs = cfg.languages;
    const step = pass.step;
    let more: { hasMore: boolean } | null = null;
    switch (step.phase) {
      case "categories": {
        const categories = await this.categoriesSince(cfg, Math.max(pass.started, s.lastChangeAt), false);
        pass.categoriesRead = true;
        // A listing that would hide most of the index at once is more likely a fault than a reorganisation:
        // keep the categories we have until a second listing agrees (as a full pass's sweep does).
        const indexed = await indexedArticleIds(this.db);
        const next = membershipByArticle(categories);
        const hiding = indexed.filter((id) => !categoryVerdict(next.get(id)).public).length;
        if (!sweepAllowed(hiding, indexed.length, s.categoriesHeld)) {
          s.categoriesHeld = true;
          s.lastError = `the categories listing would hide ${hiding} of ${indexed.length} indexed articles; kept the previous one until the next pass agrees`;
          break;
        }
        s.categoriesHeld = false;
        const turnedPublic = await replaceCategoriesNoting(this.db, categories);
        // Articles now in a restricted category leave the index (and the article cache) at once.
        const restricted = await restrictedIndexedArticles(this.db);
        if (restricted.length) {
          await deleteArticles(this.db, restricted);
          await Promise.all(restricted.map((id) => purgeArticle(this.env.HJ_CACHE, id).catch(() => 0)));
          await this.retireSearches();
        }
        // A category made public brings articles that a recent listing will not show (they did not change).
        if (pass.kind === "recent" && turnedPublic.length) {
          if (turnedPublic.length <= MAX_SINGLE_FETCHES) s.queue.push(...turnedPublic.filter((id) => !s.queue.includes(id)));
          else s.lastFullAt = null;
        }
        break;
      }
      case "list": {
        const lang = langs[step.lang];
        if (!lang) {
          // KB_LANGUAGES shrank while this pass was under way: nothing left to list.
          pass.step = pass.kind === "recent" ? { phase: "activities" } : { phase: "finish" };
          return;
        }
        const params: Record<string, string> = { "filter[language]": lang, limit: String(PAGE_SIZE), page: String(step.page) };
        if (pass.kind === "full") {
          params["filter[accessibility]"] = "1";
          params["filter[is_published]"] = "true";
        } else {
          // No visibility filters: an article just unpublished or made internal must be seen to be removed.
          params.updated_since = pass.since!;
        }
        const page = parseArticlePage(await listArticles(up, params));
        const changed = await this.applyPage(s, pass, lang, page.articles);
        if (changed) await this.retireSearches();
        if (pass.kind === "full") {
          pass.expected[lang] = page.totalCount;
          pass.listed[lang] = (pass.listed[lang] ?? 0) + page.articles.length;
        }
        more = { hasMore: page.articles.length > 0 && hasMorePages(step.page, page.articles.length, page.totalPages) };
        break;
      }
      case "activities": {
        const activities = parseActivities(
          await listActivities(up, { trackable_type: "Question", reverse_chronologically: "true", limit: "100" }),
        );
        const newest = activities.reduce((m, a) => Math.max(m, a.id), s.activityCursor ?? 0);
        // The first time, the cursor is only placed: the full pass before it saw everything older.
        if (s.activityCursor !== null) {
          const fresh = activities.filter((a) => a.id > s.activityCursor!);
          const removed = [...new Set(fresh.filter((a) => isRemoval(a.action)).map((a) => a.articleId))];
          if (removed.length) {
            await deleteArticles(this.db, removed);
            await Promise.all(removed.map((id) => purgeArticle(this.env.HJ_CACHE, id).catch(() => 0)));
            await this.retireSearches();
          }
          const seen = new Set([...pass.seen, ...removed]);
          const toFetch = [...new Set(fresh.filter((a) => !seen.has(a.articleId)).map((a) => a.articleId))];
          if (toFetch.length > MAX_SINGLE_FETCHES) s.lastFullAt = null;
          for (const id of toFetch.slice(0, MAX_SINGLE_FETCHES)) if (!s.queue.includes(id)) s.queue.push(id);
        }
        s.activityCursor = newest;
        break;
      }
      case "finish":
        await this.finish(s, pass, langs);
        return;
    }
    pass.step = nextStep(step, pass.kind, langs.length, more);
  }

  /** One listing page into the index; true when a row changed. */
  private async applyPage(s: Saved, pass: Pass, lang: string, articles: Parameters<typeof indexRow>[0][]): Promise<boolean> {
    const byArticle = await memberships(this.db);
    const stored = await storedFingerprints(this.db, lang);
    const upserts: IndexRow[] = [];
    const unchanged: number[] = [];
    const removeEverywhere: number[] = [];
    const removeHere: number[] = [];
    for (const raw of articles) {
      const id = typeof raw.id === "number" ? raw.id : null;
      if (id === null) continue;
      if (pass.kind === "recent") pass.seen.push(id);
      const row = indexRow(raw, lang, byArticle.get(id));
      if (!row) {
        // Flags are the article's own, for every language; a recent pass removes it everywhere.
        if (pass.kind === "recent") removeEverywhere.push(id);
        else if (stored.has(id)) removeHere.push(id);
        continue;
      }
      if (stored.get(id) === fingerprint(row)) unchanged.push(id);
      else upserts.push(row);
    }
    const listedAs = pass.kind === "full" ? pass.n : s.passCounter;
    await upsertRows(this.db, upserts, listedAs);
    if (pass.kind === "full") await markListed(this.db, lang, unchanged, pass.n);
    let removed = 0;
    if (removeHere.length) removed += await deleteArticles(this.db, removeHere, lang);
    if (removeEverywhere.length) {
      removed += await deleteArticles(this.db, removeEverywhere);
      await Promise.all(removeEverywhere.map((id) => purgeArticle(this.env.HJ_CACHE, id).catch(() => 0)));
    }
    return upserts.length > 0 || removed > 0;
  }

  private async finish(s: Saved, pass: Pass, langs: string[]): Promise<void> {
    const now = Date.now();
    // A held categories listing stays reported until a pass agrees with it or replaces it.
    if (!s.categoriesHeld) s.lastError = null;
    if (pass.kind === "full") {
      const short = langs.filter((l) => pass.expected[l] != null && (pass.listed[l] ?? 0) < pass.expected[l]!);
      if (short.length) {
        s.lastError = `a full pass listed fewer articles than Helpjuice counted (${short.join(", ")}); nothing was deleted`;
      } else {
        const indexed = (await indexedArticleIds(this.db)).length;
        // Emptied on purpose: Helpjuice's own counts say so, so no second pass is waited for.
        const emptied = emptiedOnPurpose(pass, langs);
        const unlisted = await deleteUnlisted(this.db, langs, pass.n, (n) => sweepAllowed(n, indexed, s.sweepHeld || emptied));
        if (emptied) s.categoriesHeld = false;
        s.sweepHeld = unlisted.held;
        if (emptied) s.lastError = null;
        if (unlisted.held) s.lastError = `a full pass no longer listed ${unlisted.count} of ${indexed} articles; kept until the next full pass agrees`;
        await removeLanguagesOtherThan(this.db, langs);
        // Every row this pass listed was rewritten if its text was older (storedFingerprints), and those it
        // did not list are gone (unless held): from now on an unchanged row may stay as it is.
        if (!unlisted.held && s.textPass?.n === pass.n && s.textPass.version === INDEX_TEXT_VERSION)
          await writeMeta(this.db, TEXT_VERSION_KEY, String(INDEX_TEXT_VERSION));
      }
      s.lastFullAt = pass.started;
    }
    s.lastRecentAt = pass.started;
    s.built = true;
    s.syncedAt = new Date(now).toISOString();
    s.pass = null;
    await writeMeta(this.db, "synced_at", s.syncedAt);
    await this.retireSearches();
  }
}
