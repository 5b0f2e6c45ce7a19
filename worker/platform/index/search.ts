/**
 * Search over the edge index (D1, FTS5): every word first (with typo correction when that finds little),
 * then any word to fill the page, ranked by BM25 weighted title > keywords > description > body. The same
 * steps run on D1 or on the isolate's replica of it (core/index/replica.ts), which answers alike.
 */
import { knows, replicaSearches, vocabulary, type IndexedRow, type Replica } from "../../core/index/replica";
import { allOf, anyOf, corrected, matchedWords, phrasesOf, planSearch, type Phrase, type QueryWord, type SearchPlan } from "../../core/index/search-plan";
import type { SearchResult } from "../../core/articles/shape";
import { snippet } from "../../core/index/snippet";
import { editDistance, typoBudget } from "../../core/index/text/edit-distance";

/** bm25() weights for (title, keywords, description, body). */
export const COLUMN_WEIGHTS = [4, 3, 2, 1] as const;
/** Fewer results than this from the every-word query is "little": worth trying typo corrections. */
const FEW = 3;
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
export type { IndexedRow };

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
const correctable = (plan: SearchPlan): QueryWord[] => plan.words.filter((w) => typoBudget(w.raw.length) > 0 && (w.term ?? w.prefix));

/** Does the index know this word (as a term, or as the start of one while it is typed)? */
function knownStatement(db: Db, w: QueryWord): D1PreparedStatement {
  return w.prefix
    ? db.prepare("SELECT term FROM docs_vocab WHERE term >= ? AND term < ? LIMIT 1").bind(w.prefix, after(w.prefix))
    : db.prepare("SELECT term FROM docs_vocab WHERE term = ?").bind(w.term);
}

/** Typo candidates for a word: vocabulary terms with its first letter and a length within reach. */
function candidateBounds(w: QueryWord): { first: string; min: number; max: number } {
  const budget = typoBudget(w.raw.length);
  // The first character, not the first UTF-16 unit: half a character matches nothing in D1.
  return { first: String.fromCodePoint(w.raw.codePointAt(0)!), min: Math.max(1, w.raw.length - budget - 3), max: w.raw.length + budget + (w.prefix ? 8 : 0) };
}

/** One MATCH: the plan's words, every one or any, with where the body window looks. */
interface Match {
  plan: SearchPlan;
  every: boolean;
  limit: number;
  needles: string[];
}

/** Where the index's steps run: D1, or the isolate's replica. */
export interface IndexEngine {
  /** Where answers come from: for tests and diagnostics. */
  kind: "d1" | "replica";
  /** The matches and the vocabulary checks, together (one round trip on D1). */
  run(o: IndexQuery, matches: Match[], checks: QueryWord[]): Promise<{ rows: Row[][]; known: boolean[] }>;
  /** Typo candidates for each word, most documents first. */
  candidates(words: QueryWord[]): Promise<{ term: string; doc: number }[][]>;
  /**
   * Corrections already worked out on this engine's data, by word, when that data never changes (a copy):
   * a word left behind unknown while the rest of a question is typed is otherwise corrected again on every
   * keystroke.
   */
  corrected?: Map<string, string | null>;
}

export function d1Engine(db: Db): IndexEngine {
  return {
    kind: "d1",
    async run(o, matches, checks) {
      const res = await db.batch<Row & { term?: string }>([
        ...matches.map((m) => statement(db, (m.every ? allOf(m.plan) : anyOf(m.plan))!, o, m.limit, m.needles)),
        ...checks.map((w) => knownStatement(db, w)),
      ]);
      return { rows: res.slice(0, matches.length).map((r) => r.results), known: res.slice(matches.length).map((r) => r.results.length > 0) };
    },
    async candidates(words) {
      const res = await db.batch<{ term: string; doc: number }>(
        words.map((w) => {
          const b = candidateBounds(w);
          return db
            .prepare(
              `SELECT term, doc FROM docs_vocab WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? ORDER BY doc DESC LIMIT ${MAX_CANDIDATES}`,
            )
            .bind(b.first, after(b.first), b.min, b.max);
        }),
      );
      return res.map((r) => r.results);
    },
  };
}

/** A copy's corrections (IndexEngine.corrected), gone with it. */
const correctedOn = new WeakMap<Replica, Map<string, string | null>>();
/** Words whose corrections a copy remembers at most (then it starts again). */
const MAX_REMEMBERED = 2_048;

/**
 * The same steps on the isolate's copy of one language: no I/O. A step whose ranking the copy cannot
 * reproduce (replicaSearches' null: a prefix shared by several terms of other languages) runs on `fallback`.
 */
export function replicaEngine(r: Replica, fallback: IndexEngine): IndexEngine {
  let corrected = correctedOn.get(r);
  if (!corrected) correctedOn.set(r, (corrected = new Map()));
  return {
    kind: "replica",
    corrected,
    async run(o, matches, checks) {
      // One words array per plan, so that the every-word and any-word steps share their pass (replicaSearches).
      const words = new Map<SearchPlan, Phrase[][]>();
      const rows = replicaSearches(
        r,
        matches.map((m) => ({
          words: words.get(m.plan) ?? words.set(m.plan, matchedWords(m.plan).map(phrasesOf)).get(m.plan)!,
          every: m.every,
          lang: o.lang,
          category: o.category,
          limit: m.limit,
          needles: m.needles.slice(0, MAX_SQL_NEEDLES),
          weights: COLUMN_WEIGHTS,
          window: WINDOW,
          lead: WINDOW_LEAD,
        })),
      );
      if (rows.some((x) => x === null)) return fallback.run(o, matches, checks);
      return { rows: rows as Row[][], known: checks.map((w) => knows(r, (w.prefix ?? w.term)!, Boolean(w.prefix))) };
    },
    async candidates(words) {
      return words.map((w) => {
        const b = candidateBounds(w);
        return vocabulary(r, b.first, b.min, b.max, MAX_CANDIDATES);
      });
    },
  };
}

/**
 * Words the index does not know, each replaced by its nearest vocabulary term (fewest edits, then most
 * documents). Candidates share the word's first letter, which keeps the scan small; a typo in the first
 * letter is not corrected.
 */
export async function corrections(engine: IndexEngine, unknown: QueryWord[]): Promise<Map<string, string>> {
  const memo = engine.corrected;
  const keyOf = (w: QueryWord) => `${w.raw} ${w.term ?? ""} ${w.prefix ?? ""}`;
  // This search's own answers, taken from the memo before any await: another search may clear it meanwhile.
  const found = new Map<string, string | null>();
  for (const w of unknown) {
    const k = keyOf(w);
    if (memo?.has(k)) found.set(k, memo.get(k)!);
  }
  const todo = unknown.filter((w) => !found.has(keyOf(w)));
  const candidates = todo.length ? await engine.candidates(todo) : [];
  todo.forEach((w, i) => {
    const budget = typoBudget(w.raw.length);
    let best: { term: string; d: number; doc: number } | null = null;
    for (const c of candidates[i]) {
      let d = Math.min(editDistance(w.raw, c.term, budget), w.term ? editDistance(w.term, c.term, budget) : budget + 1);
      // A word still being typed is compared with the start of each term too ("webho" → "webhook").
      if (w.prefix && c.term.length > w.raw.length) d = Math.min(d, editDistance(w.raw, c.term.slice(0, w.raw.length), budget));
      if (d > budget) continue;
      if (!best || d < best.d || (d === best.d && c.doc > best.doc)) best = { term: c.term, d, doc: c.doc };
    }
    found.set(keyOf(w), best?.term ?? null);
  });
  if (memo && todo.length) {
    if (memo.size + todo.length > MAX_REMEMBERED) memo.clear();
    for (const w of todo) memo.set(keyOf(w), found.get(keyOf(w))!);
  }
  const fixes = new Map<string, string>();
  for (const w of unknown) {
    const fix = found.get(keyOf(w));
    if (fix) fixes.set(w.raw, fix);
  }
  return fixes;
}

/** What a snippet looks for: each word as typed (or its prefix), then its stem. */
function needlesOf(plan: SearchPlan): string[] {
  return [...new Set(plan.words.flatMap((w) => [w.prefix ?? w.raw, w.term ?? ""]).filter((n) => n.length > 1))];
}

/**
 * One D1 round trip in the common case: the every-word query, the any-word query and the vocabulary checks
 * go in one batch. Typo correction, when the every-word query finds little and a word is unknown, costs two
 * more (candidates, then the corrected queries). On the replica, none.
 */
export async function searchIndex(engine: IndexEngine, q: string, o: IndexQuery): Promise<SearchResult[]> {
  const plan = planSearch(q, o.lang);
  if (!allOf(plan)) return [];
  const hasAny = anyOf(plan) !== null;
  const checks = correctable(plan);
  let needles = needlesOf(plan);
  const matches = (p: SearchPlan, n: string[], any: boolean): Match[] => [
    { plan: p, every: true, limit: o.limit, needles: n },
    ...(any ? [{ plan: p, every: false, limit: o.limit * 2, needles: n }] : []),
  ];
  const first = await engine.run(o, matches(plan, needles, hasAny), checks);
  const everyCount = first.rows[0].length;
  let rows = merge(first.rows[0], hasAny ? first.rows[1] : [], o.limit);
  const unknown = checks.filter((_, i) => !first.known[i]);
  if (everyCount < Math.min(FEW, o.limit) && unknown.length) {
    const fixes = await corrections(engine, unknown);
    if (fixes.size) {
      const fixedPlan = corrected(plan, fixes);
      const fixedAny = anyOf(fixedPlan) !== null;
      const fixedNeedles = needlesOf(fixedPlan);
      const again = await engine.run(o, matches(fixedPlan, fixedNeedles, fixedAny), []);
      // The corrected query wins only when it finds more with every word.
      if (again.rows[0].length > everyCount) {
        needles = fixedNeedles;
        rows = merge(again.rows[0], fixedAny ? again.rows[1] : [], o.limit);
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
