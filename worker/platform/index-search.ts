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
const SNIPPET_SCAN = 20_000;
/** The most vocabulary terms a typo correction compares one word with. */
const MAX_CANDIDATES = 3_000;

type Db = D1Database | D1DatabaseSession;

interface Row {
  id: number;
  title: string;
  url: string;
  cid: number;
  cname: string;
  body: string;
  description: string;
}

export interface IndexQuery {
  lang: string;
  category?: number;
  limit: number;
}

const BM25 = `bm25(docs_fts, ${COLUMN_WEIGHTS.join(", ")})`;

async function run(db: Db, match: string, o: IndexQuery, limit: number, exclude: number[]): Promise<Row[]> {
  const where = ["docs_fts MATCH ?", "d.lang = ?"];
  const args: unknown[] = [match, o.lang];
  if (o.category !== undefined) {
    where.push("d.article_id IN (SELECT article_id FROM article_categories WHERE category_id = ?)");
    args.push(o.category);
  }
  if (exclude.length) {
    where.push(`d.article_id NOT IN (${exclude.map(() => "?").join(",")})`);
    args.push(...exclude);
  }
  const sql = `SELECT d.article_id AS id, d.title, d.url, d.category_id AS cid, d.category_name AS cname,
      substr(d.body, 1, ${SNIPPET_SCAN}) AS body, d.description
    FROM docs_fts JOIN docs d ON d.doc = docs_fts.rowid
    WHERE ${where.join(" AND ")}
    ORDER BY ${BM25} LIMIT ?`;
  const { results } = await db.prepare(sql).bind(...args, limit).all<Row>();
  return results;
}

/** Upper bound (exclusive) of every string that starts with `p`. */
const after = (p: string) => p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);

/**
 * Words the index does not know, each replaced by its nearest vocabulary term (fewest edits, then most
 * documents). Candidates share the word's first letter, which keeps the scan small; a typo in the first
 * letter is not corrected.
 */
async function corrections(db: Db, plan: SearchPlan): Promise<Map<string, string>> {
  const words = plan.words.filter((w) => typoBudget(w.raw.length) > 0 && (w.term ?? w.prefix));
  if (!words.length) return new Map();
  const known = await db.batch<{ term: string }>(
    words.map((w) =>
      w.prefix
        ? db.prepare("SELECT term FROM docs_vocab WHERE term >= ? AND term < ? LIMIT 1").bind(w.prefix, after(w.prefix))
        : db.prepare("SELECT term FROM docs_vocab WHERE term = ?").bind(w.term),
    ),
  );
  const unknown = words.filter((_, i) => known[i].results.length === 0);
  if (!unknown.length) return new Map();
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

export interface IndexAnswer {
  results: SearchResult[];
  /** Words replaced by typo correction, typed → corrected term. */
  corrected: Record<string, string>;
}

export async function searchIndex(db: Db, q: string, o: IndexQuery): Promise<IndexAnswer> {
  let plan = planSearch(q, o.lang);
  const every = allOf(plan);
  if (!every) return { results: [], corrected: {} };
  let rows = await run(db, every, o, o.limit, []);
  let fixes = new Map<string, string>();
  if (rows.length < Math.min(FEW, o.limit)) {
    fixes = await corrections(db, plan);
    if (fixes.size) {
      const fixedPlan = corrected(plan, fixes);
      const fixedRows = await run(db, allOf(fixedPlan)!, o, o.limit, []);
      if (fixedRows.length > rows.length) {
        plan = fixedPlan;
        rows = fixedRows;
      } else fixes = new Map();
    }
  }
  const any = anyOf(plan);
  if (rows.length < o.limit && any) rows = rows.concat(await run(db, any, o, o.limit - rows.length, rows.map((r) => r.id)));

  const needles = plan.words.flatMap((w) => [w.prefix ?? w.raw, w.term ?? ""]).filter((n) => n.length > 0);
  return {
    results: rows.map((r) => ({
      id: r.id,
      title: r.title,
      snippet: snippet([r.body, r.description], needles),
      url: r.url,
      category: { id: r.cid, name: r.cname },
    })),
    corrected: Object.fromEntries(fixes),
  };
}
