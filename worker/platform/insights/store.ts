/**
 * Insights in D1 (migrations/0002_insights.sql): batched upserts of daily aggregates, each queue message
 * counted once by its id; the report's reads; retention.
 */
import { addDays, dayOf, fold, MAX_MISSING_PER_DAY, type Aggregates, type InsightMessage, type MissingRow } from "../../core/insights/events";
import { K, MAX_COMMENTS, RARELY_OPENED, TOP, type ArticleTotals, type Comment, type Hidden, type QueryTotals, type QuestionTotals, type ReportInput } from "../../core/insights/report";
import type { DayRow } from "../../core/insights/events";

/** D1 binds at most 100 parameters a statement. */
const MAX_PARAMS = 100;
/** Message ids are kept this long: longer than a message can wait on the queue with its retries. */
export const BATCH_ID_DAYS = 7;

/** `INSERT … VALUES (…),(…) ON CONFLICT DO UPDATE`, in as many statements as the parameter limit needs. */
function upserts<R extends object>(
  db: D1Database,
  table: string,
  rows: readonly R[],
  keys: readonly (keyof R & string)[],
  counters: readonly (keyof R & string)[],
  replace: readonly (keyof R & string)[] = [],
  replaceWhen = "",
): D1PreparedStatement[] {
  const cols = [...keys, ...counters, ...replace];
  const perRow = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
  const set = [
    ...counters.map((c) => `${c} = ${table}.${c} + excluded.${c}`),
    ...replace.map((c) => (replaceWhen ? `${c} = CASE WHEN ${replaceWhen} THEN excluded.${c} ELSE ${table}.${c} END` : `${c} = excluded.${c}`)),
  ].join(", ");
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += perRow) {
    const chunk = rows.slice(i, i + perRow);
    const values = chunk.map(() => `(${cols.map(() => "?").join(", ")})`).join(", ");
    const sql = `INSERT INTO ${table} (${cols.join(", ")}) VALUES ${values} ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${set}`;
    out.push(db.prepare(sql).bind(...chunk.flatMap((r) => cols.map((c) => r[c] as unknown))));
  }
  return out;
}

/**
 * New comments, the day's cap applied against what is stored already: each row's number among this
 * statement's rows for its day and article, plus those stored, may not pass MAX_MISSING_PER_DAY. A text
 * stored already is ignored (the key holds it).
 */
function comments(db: D1Database, rows: readonly MissingRow[]): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < rows.length; i += MAX_PARAMS / 4) {
    const chunk = rows.slice(i, i + MAX_PARAMS / 4);
    const sql = `INSERT OR IGNORE INTO insight_missing (day, article_id, lang, text)
      SELECT d, a, l, t FROM (SELECT column1 AS d, column2 AS a, column3 AS l, column4 AS t,
        ROW_NUMBER() OVER (PARTITION BY column1, column2) AS r FROM (VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}))
      WHERE r + (SELECT COUNT(*) FROM insight_missing m WHERE m.day = d AND m.article_id = a) <= ${MAX_MISSING_PER_DAY}`;
    out.push(db.prepare(sql).bind(...chunk.flatMap((r) => [r.day, r.article_id, r.lang, r.text])));
  }
  return out;
}

function writes(db: D1Database, a: Aggregates): D1PreparedStatement[] {
  return [
    ...upserts(db, "insight_days", a.days, ["day"], ["searches", "zero", "from_index", "from_helpjuice", "from_cache", "opens", "contacts", "abandons", "reads", "up", "down", "asks", "answered", "declined", "ask_up", "ask_down"]),
    ...upserts(db, "insight_questions", a.questions, ["day", "lang", "question"], ["asks", "declined"]),
    ...upserts(db, "insight_queries", a.queries, ["day", "lang", "query"], ["searches", "zero", "opens", "position_sum", "contacts", "abandons"]),
    ...upserts(db, "insight_articles", a.articles, ["day", "article_id", "lang"], ["reads", "opens", "up", "down"]),
    // The newest read names the article.
    ...upserts(db, "insight_titles", a.titles, ["article_id"], [], ["title", "url", "day"], "excluded.day >= insight_titles.day"),
    ...comments(db, a.missing),
  ];
}

async function alreadyCounted(db: D1Database, ids: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < ids.length; i += MAX_PARAMS) {
    const chunk = ids.slice(i, i + MAX_PARAMS);
    const { results } = await db
      .prepare(`SELECT id FROM insight_batches WHERE id IN (${chunk.map(() => "?").join(", ")})`)
      .bind(...chunk)
      .all<{ id: string }>();
    for (const r of results) seen.add(r.id);
  }
  return seen;
}

/**
 * Adds the messages' events to the aggregates, in one D1 batch (one transaction): the message ids and every
 * upsert land together or not at all. Ids already counted are skipped; a racing consumer that counted one
 * in between makes the id insert fail and the whole batch roll back, and the next attempt skips it.
 * Returns how many messages were newly counted.
 */
export async function applyMessages(db: D1Database, messages: readonly InsightMessage[], attempts = 3): Promise<number> {
  const unique = [...new Map(messages.map((m) => [m.id, m])).values()];
  for (let attempt = 1; ; attempt++) {
    const seen = await alreadyCounted(db, unique.map((m) => m.id));
    const fresh = unique.filter((m) => !seen.has(m.id));
    if (!fresh.length) return 0;
    const ids = fresh.map((m) => ({ id: m.id, day: dayOf(m.at) }));
    const stmts: D1PreparedStatement[] = [];
    for (let i = 0; i < ids.length; i += MAX_PARAMS / 2) {
      const chunk = ids.slice(i, i + MAX_PARAMS / 2);
      // A plain INSERT: an id counted meanwhile fails it, and with it the whole batch.
      stmts.push(db.prepare(`INSERT INTO insight_batches (id, day) VALUES ${chunk.map(() => "(?, ?)").join(", ")}`).bind(...chunk.flatMap((c) => [c.id, c.day])));
    }
    stmts.push(...writes(db, fold(fresh)));
    try {
      await db.batch(stmts);
      return fresh.length;
    } catch (e) {
      if (attempt >= attempts || !/UNIQUE|constraint/i.test(String((e as Error)?.message))) throw e;
    }
  }
}

/** Deletes aggregates older than `days` days (today is day 0), and message ids older than BATCH_ID_DAYS. */
export async function enforceRetention(db: D1Database, days: number, now = Date.now()): Promise<void> {
  const today = dayOf(now);
  const cutoff = addDays(today, -days);
  const ids = addDays(today, -BATCH_ID_DAYS);
  await db.batch([
    db.prepare("DELETE FROM insight_days WHERE day < ?").bind(cutoff),
    db.prepare("DELETE FROM insight_queries WHERE day < ?").bind(cutoff),
    db.prepare("DELETE FROM insight_articles WHERE day < ?").bind(cutoff),
    db.prepare("DELETE FROM insight_titles WHERE day < ?").bind(cutoff),
    db.prepare("DELETE FROM insight_questions WHERE day < ?").bind(cutoff),
    db.prepare("DELETE FROM insight_missing WHERE day < ?").bind(cutoff),
    db.prepare("DELETE FROM insight_batches WHERE day < ?").bind(ids),
  ]);
}

const QUERY_TOTALS = `SELECT lang, query, SUM(searches) AS searches, SUM(zero) AS zero, SUM(opens) AS opens,
  SUM(position_sum) AS position_sum, SUM(contacts) AS contacts, SUM(abandons) AS abandons
  FROM insight_queries WHERE day BETWEEN ?1 AND ?2 GROUP BY lang, query`;

/** An article's title and address, as last read, else from the edge index (`a.article_id`). */
const NAMED = `COALESCE((SELECT title FROM insight_titles t WHERE t.article_id = a.article_id),
           (SELECT title FROM docs d WHERE d.article_id = a.article_id ORDER BY d.doc LIMIT 1)) AS title,
  COALESCE((SELECT url FROM insight_titles t WHERE t.article_id = a.article_id),
           (SELECT url FROM docs d WHERE d.article_id = a.article_id ORDER BY d.doc LIMIT 1)) AS url`;

const ARTICLE_TOTALS = `SELECT a.article_id AS id, SUM(a.reads) AS reads, SUM(a.opens) AS opens, SUM(a.up) AS up, SUM(a.down) AS down,
  ${NAMED}
  FROM insight_articles a WHERE a.day BETWEEN ?1 AND ?2 GROUP BY a.article_id`;

/** Everything the report needs for [from, to], in one round trip. */
export async function readReport(db: D1Database, from: string, to: string): Promise<ReportInput> {
  const q = (sql: string, ...more: unknown[]) => db.prepare(sql).bind(from, to, ...more);
  const [days, top, zero, rarely, hidden, byReads, byDown, declined, missing, missingCount] = await db.batch([
    q("SELECT * FROM insight_days WHERE day BETWEEN ?1 AND ?2 ORDER BY day"),
    q(`${QUERY_TOTALS} HAVING SUM(searches) >= ?3 ORDER BY searches DESC, opens DESC, query LIMIT ?4`, K, TOP),
    q(`${QUERY_TOTALS} HAVING SUM(searches) >= ?3 AND SUM(zero) > 0 ORDER BY zero DESC, searches DESC, query LIMIT ?4`, K, TOP),
    q(
      `${QUERY_TOTALS} HAVING SUM(searches) >= ?3 AND SUM(zero) < SUM(searches) AND SUM(opens) <= SUM(searches) * ?5
       ORDER BY searches DESC, opens ASC, query LIMIT ?4`,
      K,
      TOP,
      RARELY_OPENED,
    ),
    q(`SELECT COUNT(*) AS queries, COALESCE(SUM(searches), 0) AS searches FROM (${QUERY_TOTALS} HAVING SUM(searches) < ?3)`, K),
    q(`${ARTICLE_TOTALS} HAVING SUM(a.reads) > 0 ORDER BY reads DESC, id LIMIT ?3`, TOP),
    q(
      `${ARTICLE_TOTALS} HAVING SUM(a.down) > 0
       ORDER BY CAST(SUM(a.down) AS REAL) / (SUM(a.up) + SUM(a.down)) DESC, SUM(a.down) DESC, id LIMIT ?3`,
      TOP,
    ),
    // Content gaps: questions asked at least K times in the period (the k-rule, as for queries) and declined.
    q(
      `SELECT lang, question, SUM(asks) AS asks, SUM(declined) AS declined FROM insight_questions WHERE day BETWEEN ?1 AND ?2
       GROUP BY lang, question HAVING SUM(asks) >= ?3 AND SUM(declined) > 0 ORDER BY declined DESC, asks DESC, question LIMIT ?4`,
      K,
      TOP,
    ),
    // "What was missing": every comment (no k-rule: each is one visitor's words, stored with nobody's name),
    // newest day first, an article's together.
    q(`SELECT a.day, a.article_id AS id, a.lang, a.text, ${NAMED} FROM insight_missing a WHERE a.day BETWEEN ?1 AND ?2
       ORDER BY a.day DESC, a.article_id, a.text LIMIT ?3`, MAX_COMMENTS),
    q("SELECT COUNT(*) AS n FROM insight_missing WHERE day BETWEEN ?1 AND ?2"),
  ]);
  return {
    from,
    to,
    days: days.results as unknown as DayRow[],
    top: top.results as unknown as QueryTotals[],
    zero: zero.results as unknown as QueryTotals[],
    rarely: rarely.results as unknown as QueryTotals[],
    hidden: (hidden.results[0] as unknown as Hidden | undefined) ?? { queries: 0, searches: 0 },
    byReads: byReads.results as unknown as ArticleTotals[],
    byDown: byDown.results as unknown as ArticleTotals[],
    declined: declined.results as unknown as QuestionTotals[],
    missing: missing.results as unknown as Comment[],
    missingCount: (missingCount.results[0] as { n: number } | undefined)?.n ?? 0,
  };
}
