/**
 * Insights events: what the worker and the widget's beacon report, the queue message that carries them,
 * and how a set of messages folds into the daily aggregates D1 keeps (docs/design.md, "Insights"). Pure.
 *
 * Nothing here names a visitor: no address, visitor id, user e-mail or token is part of any event, and
 * every query is normalised and scrubbed (insights-scrub.ts) before it is put in a message.
 */
import * as v from "valibot";
import { objectMessage } from "../object-message";
import { insightComment, insightQuery, MAX_COMMENT_CHARS } from "./scrub";

export type SearchSource = "index" | "helpjuice" | "cache";

export type InsightEvent =
  /** A search the worker answered: result count, who answered, language. */
  | { k: "search"; q: string; n: number; src: SearchSource; lang: string }
  /** An article read (200 only), with the title and address the report links to. */
  | { k: "read"; id: number; lang: string; title: string; url: string }
  /** A vote counted (a repeat is not). */
  | { k: "vote"; id: number; vote: "up" | "down" }
  /** Beacon: a result opened from the list, at a 1-based position. */
  | { k: "open"; q: string; pos: number; id: number; lang: string }
  /** Beacon: "contact support" followed after a search. */
  | { k: "contact"; q: string; lang: string }
  /** Beacon: a search that ended with nothing opened. */
  | { k: "abandon"; q: string; lang: string }
  /** A question Ask answered or declined (a declined one is a content gap). */
  | { k: "ask"; q: string; answered: boolean; lang: string }
  /** Beacon: 👍/👎 on an Ask answer. */
  | { k: "answer_vote"; vote: "up" | "down" }
  /** Beacon: what a visitor who voted 👎 said was missing from an article (scrubbed). */
  | { k: "missing"; id: number; lang: string; text: string };

/** One queue message: the events of one request, with an id so a redelivered message counts once. */
export interface InsightMessage {
  v: 1;
  id: string;
  /** Epoch milliseconds when the request was answered; its UTC day is the day the events count for. */
  at: number;
  events: InsightEvent[];
}

const LANG = /^[a-z]{2}_[A-Z]{2}$/;
const lang = v.pipe(v.string(), v.regex(LANG));
/** Queries in messages are already scrubbed; checked again, as nothing unscrubbed may reach storage. */
const query = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(400),
  v.transform((q) => insightQuery(q)),
  v.check((q) => q.length > 0),
);
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const articleId = int(1, 2_147_483_647);

const EventSchema = v.variant("k", [
  v.object({ k: v.literal("search"), q: query, n: int(0, 1000), src: v.picklist(["index", "helpjuice", "cache"]), lang }),
  v.object({ k: v.literal("read"), id: articleId, lang, title: v.pipe(v.string(), v.maxLength(1000)), url: v.pipe(v.string(), v.maxLength(2000)) }),
  v.object({ k: v.literal("vote"), id: articleId, vote: v.picklist(["up", "down"]) }),
  v.object({ k: v.literal("open"), q: query, pos: int(1, 50), id: articleId, lang }),
  v.object({ k: v.literal("contact"), q: query, lang }),
  v.object({ k: v.literal("abandon"), q: query, lang }),
  v.object({ k: v.literal("ask"), q: query, answered: v.boolean(), lang }),
  v.object({ k: v.literal("answer_vote"), vote: v.picklist(["up", "down"]) }),
  v.object({
    k: v.literal("missing"),
    id: articleId,
    lang,
    text: v.pipe(v.string(), v.maxLength(2 * MAX_COMMENT_CHARS), v.transform(insightComment), v.check((t) => t.length > 0)),
  }),
]);

const MessageSchema = v.object({
  v: v.literal(1),
  id: v.pipe(v.string(), v.minLength(8), v.maxLength(64)),
  at: v.pipe(v.number(), v.integer(), v.minValue(1)),
  events: v.pipe(v.array(v.unknown()), v.maxLength(100)),
});

/** A message as it came off the queue, checked; events that do not check out are dropped, not fatal. */
export function readMessage(body: unknown): InsightMessage | null {
  const m = v.safeParse(MessageSchema, body);
  if (!m.success) return null;
  const events: InsightEvent[] = [];
  for (const e of m.output.events) {
    const r = v.safeParse(EventSchema, e);
    if (r.success) events.push(r.output as InsightEvent);
  }
  return { v: 1, id: m.output.id, at: m.output.at, events };
}

// --- The beacon's body (POST /v1/events): exactly these kinds and fields; anything else is a 400. ---

const beaconQuery = v.pipe(
  v.string("q is required"),
  v.check((s) => s.trim().length >= 1 && [...s.trim()].length <= 200, "q must be 1–200 characters"),
);
const beaconLang = v.optional(v.pipe(v.string("lang must look like en_US"), v.regex(LANG, "lang must look like en_US")));
const POSITION = "position must be an integer from 1 to 50";
const ARTICLE = "id must be an article id";
const TEXT = `text must be 1–${MAX_COMMENT_CHARS} characters`;
const beaconMessage = objectMessage({ q: "q is required", position: POSITION, id: ARTICLE, text: TEXT });
const beaconId = v.pipe(v.number(ARTICLE), v.integer(ARTICLE), v.minValue(1, ARTICLE), v.maxValue(2_147_483_647, ARTICLE));

export const BeaconSchema = v.variant(
  "kind",
  [
    v.strictObject({
      kind: v.literal("open"),
      q: beaconQuery,
      position: v.pipe(v.number(POSITION), v.integer(POSITION), v.minValue(1, POSITION), v.maxValue(50, POSITION)),
      id: beaconId,
      lang: beaconLang,
    }, beaconMessage),
    v.strictObject({ kind: v.literal("contact"), q: beaconQuery, lang: beaconLang }, beaconMessage),
    v.strictObject({ kind: v.literal("abandon"), q: beaconQuery, lang: beaconLang }, beaconMessage),
    v.strictObject(
      { kind: v.literal("answer"), vote: v.picklist(["up", "down"], 'vote must be "up" or "down"'), lang: beaconLang },
      objectMessage({ vote: 'vote must be "up" or "down"' }),
    ),
    // After a 👎 in the reader: what was missing from article `id`. Characters as a person counts them.
    v.strictObject(
      {
        kind: v.literal("missing"),
        id: beaconId,
        text: v.pipe(v.string(TEXT), v.check((s) => s.trim().length >= 1 && [...s.trim()].length <= MAX_COMMENT_CHARS, TEXT)),
        lang: beaconLang,
      },
      beaconMessage,
    ),
  ],
  'kind must be "open", "contact", "abandon", "answer" or "missing"',
);
export type Beacon = v.InferOutput<typeof BeaconSchema>;

/** A checked beacon as the event it records; null when its query scrubs down to nothing. */
export function beaconEvent(b: Beacon, lang: string): InsightEvent | null {
  if (b.kind === "answer") return { k: "answer_vote", vote: b.vote };
  if (b.kind === "missing") {
    const text = insightComment(b.text);
    return text ? { k: "missing", id: b.id, lang, text } : null;
  }
  const q = insightQuery(b.q);
  if (!q) return null;
  if (b.kind === "open") return { k: "open", q, pos: b.position, id: b.id, lang };
  return { k: b.kind, q, lang };
}

// --- Days ---

/** The UTC day of an instant, YYYY-MM-DD. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000);
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && dayOf(Date.parse(`${s}T00:00:00Z`)) === s;
}

// --- Folding messages into aggregate rows ---

export interface DayRow {
  day: string;
  searches: number;
  zero: number;
  from_index: number;
  from_helpjuice: number;
  from_cache: number;
  opens: number;
  contacts: number;
  abandons: number;
  reads: number;
  up: number;
  down: number;
  asks: number;
  answered: number;
  declined: number;
  ask_up: number;
  ask_down: number;
}
/** One row a day per language and question Ask was asked (scrubbed), with how often it was declined. */
export interface QuestionRow {
  day: string;
  lang: string;
  question: string;
  asks: number;
  declined: number;
}
export interface QueryRow {
  day: string;
  lang: string;
  query: string;
  searches: number;
  zero: number;
  opens: number;
  position_sum: number;
  contacts: number;
  abandons: number;
}
export interface ArticleRow {
  day: string;
  article_id: number;
  lang: string;
  reads: number;
  opens: number;
  up: number;
  down: number;
}
export interface TitleRow {
  article_id: number;
  title: string;
  url: string;
  day: string;
}

/** One "what was missing" comment: its day, article and language, and nothing about who wrote it. */
export interface MissingRow {
  day: string;
  article_id: number;
  lang: string;
  text: string;
}

/**
 * Comments kept per article a day (all languages): enough for every real visitor of a day, and a cap on
 * what one visitor can pour into an article's list within the beacon's rate limit. The first ones stay.
 */
export const MAX_MISSING_PER_DAY = 50;

export interface Aggregates {
  days: DayRow[];
  queries: QueryRow[];
  articles: ArticleRow[];
  titles: TitleRow[];
  questions: QuestionRow[];
  /** New comments (the same text twice on a day is one), at most MAX_MISSING_PER_DAY per day and article. */
  missing: MissingRow[];
}

/** Votes do not say which language the voter read in. */
export const ANY_LANG = "";

function row<T>(map: Map<string, T>, key: string, make: () => T): T {
  let r = map.get(key);
  if (!r) map.set(key, (r = make()));
  return r;
}

/** Deltas to add to the stored rows: one per day, per (day, lang, query), per (day, article, lang). */
export function fold(messages: readonly InsightMessage[]): Aggregates {
  const days = new Map<string, DayRow>();
  const queries = new Map<string, QueryRow>();
  const articles = new Map<string, ArticleRow>();
  const titles = new Map<number, TitleRow>();
  const questions = new Map<string, QuestionRow>();
  const missing = new Map<string, MissingRow>();
  const perArticle = new Map<string, number>();
  for (const m of messages) {
    const day = dayOf(m.at);
    const d = row(days, day, () => ({ day, searches: 0, zero: 0, from_index: 0, from_helpjuice: 0, from_cache: 0, opens: 0, contacts: 0, abandons: 0, reads: 0, up: 0, down: 0, asks: 0, answered: 0, declined: 0, ask_up: 0, ask_down: 0 }));
    const q = (lang: string, query: string) =>
      row(queries, `${day}\u0000${lang}\u0000${query}`, () => ({ day, lang, query, searches: 0, zero: 0, opens: 0, position_sum: 0, contacts: 0, abandons: 0 }));
    const a = (id: number, lang: string) =>
      row(articles, `${day}\u0000${id}\u0000${lang}`, () => ({ day, article_id: id, lang, reads: 0, opens: 0, up: 0, down: 0 }));
    for (const e of m.events) {
      switch (e.k) {
        case "search": {
          d.searches++;
          if (e.src === "index") d.from_index++;
          else if (e.src === "helpjuice") d.from_helpjuice++;
          else d.from_cache++;
          const r = q(e.lang, e.q);
          r.searches++;
          if (e.n === 0) {
            d.zero++;
            r.zero++;
          }
          break;
        }
        case "open": {
          d.opens++;
          const r = q(e.lang, e.q);
          r.opens++;
          r.position_sum += e.pos;
          a(e.id, e.lang).opens++;
          break;
        }
        case "contact":
          d.contacts++;
          q(e.lang, e.q).contacts++;
          break;
        case "abandon":
          d.abandons++;
          q(e.lang, e.q).abandons++;
          break;
        case "read": {
          d.reads++;
          a(e.id, e.lang).reads++;
          const prev = titles.get(e.id);
          if (e.title && (!prev || prev.day <= day)) titles.set(e.id, { article_id: e.id, title: e.title, url: e.url, day });
          break;
        }
        case "vote":
          d[e.vote]++;
          a(e.id, ANY_LANG)[e.vote]++;
          break;
        case "ask": {
          d.asks++;
          const r = row(questions, `${day}\u0000${e.lang}\u0000${e.q}`, () => ({ day, lang: e.lang, question: e.q, asks: 0, declined: 0 }));
          r.asks++;
          if (e.answered) d.answered++;
          else {
            d.declined++;
            r.declined++;
          }
          break;
        }
        case "answer_vote":
          d[e.vote === "up" ? "ask_up" : "ask_down"]++;
          break;
        case "missing": {
          const key = `${day}\u0000${e.id}\u0000${e.lang}\u0000${e.text}`;
          const n = perArticle.get(`${day}\u0000${e.id}`) ?? 0;
          if (missing.has(key) || n >= MAX_MISSING_PER_DAY) break;
          perArticle.set(`${day}\u0000${e.id}`, n + 1);
          missing.set(key, { day, article_id: e.id, lang: e.lang, text: e.text });
          break;
        }
      }
    }
  }
  return {
    days: [...days.values()],
    queries: [...queries.values()],
    articles: [...articles.values()],
    titles: [...titles.values()],
    questions: [...questions.values()],
    missing: [...missing.values()],
  };
}
