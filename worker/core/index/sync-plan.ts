/**
 * The index sync's decisions, apart from its I/O: what a pass is, when the next one is due, how Helpjuice
 * spells dates and activities, and when a full pass may delete what it no longer saw.
 */
import { UpstreamShapeError } from "../articles/shape";

/** A full pass lists every public article again; what it no longer lists is deleted after it. */
export const FULL_PASS_EVERY_MS = 6 * 60 * 60_000;
/** Articles a recent pass may fetch one by one (activities naming them); more than this waits for a full pass. */
export const MAX_SINGLE_FETCHES = 10;
/** Listing pages one pass may read per language; a knowledge base past 1,000 × this is listed partly. */
export const MAX_PAGES = 50;
export const PAGE_SIZE = 1000;

export type Step =
  | { phase: "categories" }
  | { phase: "list"; lang: number; page: number }
  | { phase: "activities" }
  | { phase: "finish" };

export interface Pass {
  kind: "full" | "recent";
  /** Full passes are numbered; rows carry the number of the last one that listed them. */
  n: number;
  step: Step;
  started: number;
  /** recent: the `updated_since` day. */
  since?: string;
  /** Articles this pass saw in a listing (recent passes, so activities do not fetch them again). */
  seen: number[];
  /** full: the pages each language said it had, and the articles it counted; a short pass deletes nothing. */
  expected: Record<string, number | null>;
  listed: Record<string, number>;
  /** The categories listing of this pass was read (even if it was held back). */
  categoriesRead?: boolean;
}

/** The reference's date filter format: "20-09-2021" (day-month-year), in UTC. */
export function upstreamDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}-${two(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}`;
}

/**
 * The day a recent pass asks for changes since: the day of the last pass that completed, a day early, as
 * Helpjuice's day may be in another time zone than ours.
 */
export function sinceDay(lastCompleteMs: number | null, now: number): string {
  const from = lastCompleteMs ?? now;
  return upstreamDate(from - 24 * 60 * 60_000);
}

export function nextStep(step: Step, kind: Pass["kind"], langs: number, page: { hasMore: boolean } | null): Step {
  switch (step.phase) {
    case "categories":
      return { phase: "list", lang: 0, page: 1 };
    case "list":
      if (page?.hasMore && step.page < MAX_PAGES) return { phase: "list", lang: step.lang, page: step.page + 1 };
      if (step.lang + 1 < langs) return { phase: "list", lang: step.lang + 1, page: 1 };
      return kind === "recent" ? { phase: "activities" } : { phase: "finish" };
    case "activities":
      return { phase: "finish" };
    case "finish":
      return step;
  }
}

/** Whether a listing page is followed by another. */
export function hasMorePages(page: number, got: number, totalPages: number | null): boolean {
  if (totalPages !== null) return page < totalPages;
  // No meta: a full page may have a next one.
  return got >= PAGE_SIZE;
}

/**
 * May a full pass delete `unlisted` of `indexed` rows? A listing that suddenly leaves out most of the index
 * is more likely an upstream fault than a mass deletion: then it waits for the next full pass to agree.
 */
export function sweepAllowed(unlisted: number, indexed: number, confirmedBefore: boolean): boolean {
  if (unlisted <= 10 || unlisted * 2 <= indexed) return true;
  return confirmedBefore;
}

/**
 * Did a full pass find the knowledge base emptied on purpose? Every language's listing was complete and
 * agreed that there is nothing (Helpjuice counted 0 and 0 were listed), and the categories listing was read,
 * so the answers are Helpjuice's own and not a fault's: the index may be emptied now, not a pass later.
 */
export function emptiedOnPurpose(pass: Pick<Pass, "expected" | "listed" | "categoriesRead">, langs: readonly string[]): boolean {
  return Boolean(pass.categoriesRead) && langs.length > 0 && langs.every((l) => pass.expected[l] === 0 && (pass.listed[l] ?? 0) === 0);
}

export interface Activity {
  id: number;
  articleId: number;
  action: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const posInt = (v: unknown): number | null => {
  const n = typeof v === "string" && /^\d{1,12}$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** `GET /api/v3/activities` → the activities about articles ("Question" in Helpjuice's model). */
export function parseActivities(raw: unknown): Activity[] {
  if (!isObj(raw) || !Array.isArray(raw.activities)) throw new UpstreamShapeError("activities answer without activities");
  const out: Activity[] = [];
  for (const a of raw.activities) {
    if (!isObj(a)) continue;
    const type = typeof a.trackable_type === "string" ? a.trackable_type.toLowerCase() : "";
    if (type !== "question" && type !== "article") continue;
    const id = posInt(a.id);
    const articleId = posInt(a.trackable_id);
    if (id === null || articleId === null) continue;
    out.push({ id, articleId, action: typeof a.action === "string" ? a.action.toLowerCase() : "" });
  }
  return out;
}

/** An activity that says the article is gone: nothing to fetch, only to delete. */
export const isRemoval = (action: string) => /destroy|delete|remove|trash|archive/.test(action);
