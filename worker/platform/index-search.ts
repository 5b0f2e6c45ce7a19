/**
 * Search over the edge index (D1, FTS5): every word first (with typo correction when that finds little),
 * then any word to fill the page, ranked by BM25 weighted title > keywords > description > body.
 */
import { allOf, anyOf, corrected, planSearch, type SearchPlan } from "../core/search-plan";
import type { SearchResult } from "../core/shape";
import { snippet } from "../core/snippet";
import { editDistance, typoBudget } from "../core/text/edit-distance";

/** bm25() weights for (title, keywords, description, body). */
export const COLUMN_WEIGHTS = [4, 3, 2, 1] as const;
/** Fewer results than this from the every-word query is "little": worth trying typo corrections. */
const FEW = 3;
/** Snippets are cut from at most this much of a body; a match further in gets the description or the start. */
/**
 * Snippets are cut in the worker from a window of the body that SQL finds around the first needle (ASCII
 * case-folded; a needle it cannot find, as with accents, gives the body's start), so a search moves a few
 * hundred characters a row out of D1 rather than whole articles.
 */
const WINDOW = 600;
const WINDOW_LEAD = 100;
/** Needles SQL looks for: the first few query words' prefixes and stems. */
const MAX_SQL_NEEDLES = 4;
/** The most vocabulary terms a typo correction compares one word with. */
const MAX_CANDIDATES = 3_000;

type Db = D1Database | D1DatabaseSession;
type Row = IndexedRow;

/** A row of `docs` as search and popular read it. */
export interface IndexedRow {
  id: number;
  title: string;
  url: string;
  cid: number;
  cname: string;
  body: string;
  /** 1 when `body` is a window that starts after the body's beginning. */
  mid?: number;
  description: string;
}

export interface IndexQuery {
  lang: string;
  category?: number;
  limit: number;
}

const BM25 = `bm25(docs_fts, ${COLUMN_WEIGHTS.join(", ")})`;

/** Where the body window starts (1-based): before the earliest needle found, else the body's start. */
function windowStart(needles: string[]): { sql: string; args: string[] } {
  const ns = needles.slice(0, MAX_SQL_NEEDLES);
  if (!ns.length) return { sql: "1", args: [] };
  // Scalar min() needs two arguments (with one it is the aggregate); a needle not found counts as 1e9,
  // which the modulo turns back into "from the start".
  const each = (ns.length === 1 ? [ns[0], ns[0]] : ns).map(() => "coalesce(nullif(instr(lower(d.body), ?), 0), 1000000000)");
  return { sql: `max(1, (min(${each.join(", ")}) % 1000000000) - ${WINDOW_LEAD})`, args: ns.length === 1 ? [ns[0], ns[0]] : ns };
}

function statement(db: Db, match: string, o: IndexQuery, limit: number, needles: string[]): D1PreparedStatement {
  const start = windowStart(needles);
  const where = ["docs_fts MATCH ?", "d.lang = ?"];
  const args: unknown[] = [...start.args, ...start.args, match, o.lang];
  if (o.category !== undefined) {
    where.push("d.article_id IN (SELECT article_id FROM article_categories WHERE category_id = ?)");
    args.push(o.category);
  }
  const sql = `SELECT d.article_id AS id, d.title, d.url, d.category_id AS cid, d.category_name AS cname,
      substr(d.body, ${start.sql}, ${WINDOW}) AS body, ${start.sql} > 1 AS mid, d.description
    FROM docs_fts JOIN docs d ON d.doc = docs_fts.rowid
    WHERE ${where.join(" AND ")}
    ORDER BY ${BM25} LIMIT ?`;
  return db.prepare(sql).bind(...args, limit);
}

/** Every-word results first, then any-word ones they lack, up to `limit`. */
function merge(every: Row[], any: Row[], limit: number): Row[] {
  const seen = new Set(every.map((r) => r.id));
  return every.concat(any.filter((r) => !seen.has(r.id))).slice(0, limit);
}

/** Upper bound (exclusive) of every string that starts with `p`. */
const after = (p: string) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);

/** Words that typo correction may look at: long enough to carry a typo. */
const correctable = (plan: SearchPlan) => plan.words.filter((w) => typoBudget(w.raw.length) > 0 && (w.term ?? w.prefix));

/** Does the index know this word (as a term, or as the start of one while it is typed)? */
function knownStatement(db: Db, w: SearchPlan["words"][number]): D1PreparedStatement {
  return w.prefix
    ? db.prepare("SELECT term FROM docs_vocab WHERE term >= ? AND term < ? LIMIT 1").bind(w.prefix, after(w.prefix))
    : db.prepare("SELECT term FROM docs_vocab WHERE term = ?").bind(w.term);
}

/**
 * Words the index does not know, each replaced by its nearest vocabulary term (fewest edits, then most
 * documents). Candidates share the word's first letter, which keeps the scan small; a typo in the first
 * letter is not corrected.
 */
async function corrections(db: Db, unknown: SearchPlan["words"]): Promise<Map<string, string>> {
  const candidates = await db.batch<{ term: string; doc: number }>(
    unknown.map((w) => {
      const budget = typoBudget(w.raw.length);
      const first = w.raw[0];
      return db
        .prepare(
          `SELECT term, doc FROM docs_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? ORDER BY doc DESC LIMIT ${MAX_CANDIDATES}`,
        )
        .bind(first, after(first), Math.max(1, w.raw.length - budget - 3), w.raw.length + budget + (w.prefix ? 8 : 0));
    }),
  );
  const fixes = new Map<string, string>();
  unknown.forEach((w, i) => {
    const budget = typoBudget(w.raw.length);
    let best: { term: string; d: number; doc: number } | null = null;
    for (const c of candidates[i].results) {
      let d = Math.min(editDistance(w.raw, c.term, budget), w.term ? editDistance(w.term, c.term, budget) : budget + 1);
      // A word still being typed is compared with the start of each term too ("webho" → "webhook").
      if (w.prefix && c.term.length > w.raw.length) d = Math.min(d, editDistance(w.raw, c.term.slice(0, w.raw.length), budget));
      if (d > budget) continue;
      if (!best || d < best.d || (d === best.d && c.doc > best.doc)) best = { term: c.term, d, doc: c.doc };
    }
    if (best) fixes.set(w.raw, best.term);
  });
  return fixes;
}

/** What a snippet looks for: each word as typed (or its prefix), then its stem. */
function needlesOf(plan: SearchPlan): string[] {
  return [...new Set(plan.words.flatMap((w) => [w.prefix ?? w.raw, w.term ?? ""]).filter((n) => n.length > 1))];
}

/**
 * One D1 round trip in the common case: the every-word query, the any-word query and the vocabulary checks
 * go in one batch. Typo correction, when the every-word query finds little and a word is unknown, costs two
 * more (candidates, then the corrected queries).
 */
export async function searchIndex(db: Db, q: string, o: IndexQuery): Promise<SearchResult[]> {
  const plan = planSearch(q, o.lang);
  const every = allOf(plan);
  if (!every) return [];
  const any = anyOf(plan);
  const checks = correctable(plan);
  let needles = needlesOf(plan);
  const first = await db.batch<Row & { term?: string }>([
    statement(db, every, o, o.limit, needles),
    ...(any ? [statement(db, any, o, o.limit * 2, needles)] : []),
    ...checks.map((w) => knownStatement(db, w)),
  ]);
  const everyCount = first[0].results.length;
  let rows = merge(first[0].results, any ? first[1].results : [], o.limit);
  const unknown = checks.filter((_, i) => first[(any ? 2 : 1) + i].results.length === 0);
  if (everyCount < Math.min(FEW, o.limit) && unknown.length) {
    const fixes = await corrections(db, unknown);
    if (fixes.size) {
      const fixedPlan = corrected(plan, fixes);
      const fixedAny = anyOf(fixedPlan);
      const fixedNeedles = needlesOf(fixedPlan);
      const again = await db.batch<Row>([
        statement(db, allOf(fixedPlan)!, o, o.limit, fixedNeedles),
        ...(fixedAny ? [statement(db, fixedAny, o, o.limit * 2, fixedNeedles)] : []),
      ]);
      // The corrected query wins only when it finds more with every word.
      if (again[0].results.length > everyCount) {
        needles = fixedNeedles;
        rows = merge(again[0].results, fixedAny ? again[1].results : [], o.limit);
      }
    }
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    snippet: snippet([r.body, r.description], needles, Boolean(r.mid)),
    url: r.url,
    category: { id: r.cid, name: r.cname },
  }));
}
