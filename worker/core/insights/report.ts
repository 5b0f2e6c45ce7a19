/**
 * GET /v1/insights's answer, shaped from the period's aggregates (docs/design.md, "Insights"). Pure.
 *
 * The k≥2 rule: a query's text is shown only when it was searched at least K times in the period; every
 * other query is counted (`hidden`), never named. Searches are what the worker itself saw, so beacons alone
 * (which anyone can post) can never bring a query's text into view.
 *
 * "What was missing" comments have no such rule: each is one visitor's own words about an article, scrubbed
 * and stored with no visitor id, address or time finer than the day, so listing it names nobody, and a
 * rule of two would hide nearly every one.
 */
import { addDays, type DayRow, type QueryRow } from "./events";

export const K = 2;
/** A query answered with results but opened at most this share of the time is "rarely opened". */
export const RARELY_OPENED = 0.2;
/** Rows in each list. */
export const TOP = 20;
/** Longest period one report covers, in days. */
export const MAX_DAYS = 366;
/** The default period: the last 7 UTC days, today included. */
export const DEFAULT_DAYS = 7;
/** Most "what was missing" comments one report lists (newest day first); `totals.missing` counts them all. */
export const MAX_COMMENTS = 500;

/** A query's counts over the whole period: its daily rows added up. */
export type QueryTotals = Omit<QueryRow, "day">;

export interface ArticleTotals {
  id: number;
  title: string | null;
  url: string | null;
  reads: number;
  opens: number;
  up: number;
  down: number;
}

/** A question's counts over the period (scrubbed text, shown only when asked at least K times). */
export interface QuestionTotals {
  lang: string;
  question: string;
  asks: number;
  declined: number;
}

/** A "what was missing" comment with its article's title and address, as the store reads it. */
export interface Comment {
  day: string;
  id: number;
  lang: string;
  text: string;
  title: string | null;
  url: string | null;
}

export interface Hidden {
  /** Queries searched fewer than K times in the period: how many, and their searches together. */
  queries: number;
  searches: number;
}

export interface ReportInput {
  from: string;
  to: string;
  days: DayRow[];
  top: QueryTotals[];
  zero: QueryTotals[];
  rarely: QueryTotals[];
  hidden: Hidden;
  byReads: ArticleTotals[];
  byDown: ArticleTotals[];
  /** Older callers (and tests) may leave it out. */
  declined?: QuestionTotals[];
  missing?: Comment[];
  missingCount?: number;
}

/** The k≥2 rule, as the store's SQL applies it too. */
export function shown(q: Pick<QueryTotals, "searches">): boolean {
  return q.searches >= K;
}

export function rate(n: number, of: number): number | null {
  return of > 0 ? Math.round((n / of) * 10_000) / 10_000 : null;
}

const EMPTY_DAY = (day: string): DayRow => ({
  day,
  searches: 0,
  zero: 0,
  from_index: 0,
  from_helpjuice: 0,
  from_cache: 0,
  opens: 0,
  contacts: 0,
  abandons: 0,
  reads: 0,
  up: 0,
  down: 0,
  asks: 0,
  answered: 0,
  declined: 0,
  ask_up: 0,
  ask_down: 0,
});

/** Every day of the period, oldest first, with zeros for days nothing happened. */
export function series(from: string, to: string, rows: readonly DayRow[]): DayRow[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: DayRow[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ ...EMPTY_DAY(d), ...byDay.get(d), day: d });
  return out;
}

const queryRow = (q: QueryTotals) => ({
  query: q.query,
  lang: q.lang,
  searches: q.searches,
  zero_results: q.zero,
  opens: q.opens,
  open_rate: rate(q.opens, q.searches),
  mean_position: q.opens ? Math.round((q.position_sum / q.opens) * 100) / 100 : null,
  contacts: q.contacts,
  abandons: q.abandons,
});

const articleRow = (a: ArticleTotals) => ({
  id: a.id,
  title: a.title,
  url: a.url,
  reads: a.reads,
  opens: a.opens,
  up: a.up,
  down: a.down,
  down_share: rate(a.down, a.up + a.down),
});

export type Report = ReturnType<typeof shapeReport>;

export function shapeReport(input: ReportInput) {
  const daily = series(input.from, input.to, input.days);
  const sum = (k: keyof Omit<DayRow, "day">) => daily.reduce((n, d) => n + d[k], 0);
  const searches = sum("searches");
  return {
    from: input.from,
    to: input.to,
    k: K,
    totals: {
      searches,
      zero_results: sum("zero"),
      zero_result_rate: rate(sum("zero"), searches),
      opens: sum("opens"),
      open_rate: rate(sum("opens"), searches),
      contacts: sum("contacts"),
      contact_rate: rate(sum("contacts"), searches),
      abandons: sum("abandons"),
      reads: sum("reads"),
      votes: { up: sum("up"), down: sum("down") },
      sources: { index: sum("from_index"), helpjuice: sum("from_helpjuice"), cache: sum("from_cache") },
      ask: {
        asked: sum("asks"),
        answered: sum("answered"),
        declined: sum("declined"),
        answer_rate: rate(sum("answered"), sum("asks")),
        feedback: { up: sum("ask_up"), down: sum("ask_down") },
      },
      missing: input.missingCount ?? 0,
    },
    daily: daily.map((d) => ({
      day: d.day,
      searches: d.searches,
      zero_results: d.zero,
      opens: d.opens,
      contacts: d.contacts,
      abandons: d.abandons,
      reads: d.reads,
      up: d.up,
      down: d.down,
      asks: d.asks,
      answered: d.answered,
      declined: d.declined,
    })),
    // The store already applies the rule; applied again here so no list can ever name a rare query.
    top_queries: input.top.filter(shown).slice(0, TOP).map(queryRow),
    zero_result_queries: input.zero.filter((q) => shown(q) && q.zero > 0).slice(0, TOP).map(queryRow),
    rarely_opened_queries: input.rarely
      .filter((q) => shown(q) && q.zero < q.searches && q.opens / q.searches <= RARELY_OPENED)
      .slice(0, TOP)
      .map(queryRow),
    hidden_queries: input.hidden,
    articles_by_reads: input.byReads.slice(0, TOP).map(articleRow),
    articles_by_down_share: input.byDown.filter((a) => a.down > 0).slice(0, TOP).map(articleRow),
    declined_questions: (input.declined ?? [])
      .filter((q) => q.asks >= K && q.declined > 0)
      .slice(0, TOP)
      .map((q) => ({ question: q.question, lang: q.lang, asks: q.asks, declined: q.declined })),
    // As the store reads them (its query selects exactly these fields, at most MAX_COMMENTS).
    missing_comments: input.missing ?? [],
  };
}

/** The period a request asks for: both days inclusive, UTC; defaults to the last DEFAULT_DAYS days. */
export function period(
  today: string,
  from: string | undefined,
  to: string | undefined,
): { ok: true; from: string; to: string } | { ok: false; message: string } {
  const end = to ?? (from && from > today ? from : today);
  const start = from ?? addDays(end, -(DEFAULT_DAYS - 1));
  if (start > end) return { ok: false, message: "from must not be after to" };
  if (addDays(start, MAX_DAYS - 1) < end) return { ok: false, message: `The period is at most ${MAX_DAYS} days` };
  return { ok: true, from: start, to: end };
}
