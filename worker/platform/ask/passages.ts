/**
 * The passages that may answer a question, from the edge index's passage table (D1, FTS5): the best by
 * BM25 over the question's terms, then ranked by the share of the question's weight each holds
 * (core/ask/ground.ts). Only rows of `docs` have passages, so only public articles can ever be cited.
 */
import { questionTerms, share, termSet, weigh, type WeightedTerm } from "../../core/ask/ground";
import type { RankedPassage } from "../../core/ask/extractive";
import { snippet } from "../../core/index/snippet";
import { documentFrequency, replicaSearch, type Replica } from "../../core/index/replica";
import { PASSAGE_WEIGHTS } from "../index/replica";

type Db = D1Database | D1DatabaseSession;

/** Passages BM25 brings back for the ranking to weigh. */
const CANDIDATES = 12;
/** Sources sent with an answer: the passages it may cite. */
export const MAX_SOURCES = 5;

export interface Source {
  n: number;
  id: number;
  title: string;
  url: string;
  heading: string;
  snippet: string;
}

export interface Retrieved {
  question: WeightedTerm[];
  /** Best first, numbered from 1. */
  passages: (RankedPassage & { share: number; source: Source })[];
  /** The best passage's share of the question (0 when there is none). */
  best: number;
}

/**
 * How many passages there are, and how many hold each term, for the terms' idf: remembered per isolate for
 * a minute within one search generation (any index write starts a new one), since a count scans the table.
 */
const COUNT_MEMO_MS = 60_000;
let passageCount = { n: 0, at: 0 };
/** Each term's document frequency, remembered as the count is (questions share most of their words). */
const dfMemo = new Map<string, { n: number; at: number }>();
let memoGeneration = -1;
const DF_MEMO_MAX = 20_000;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

interface Found {
  rows: { heading: string; text: string; id: number; title: string; url: string }[];
  /** Each term's document frequency over every language's passages. */
  df: Map<string, number>;
  /** Passages in the whole table. */
  count: number;
}

/** The best passages by BM25 (heading 2, text 1) over the OR of the terms, with the counts their idf needs. */
async function fromD1(db: Db, terms: string[], lang: string, category: number | undefined, generation: number): Promise<Found> {
  const where = ["passages_fts MATCH ?", "d.lang = ?"];
  const args: unknown[] = [terms.map(quote).join(" OR "), lang];
  if (category !== undefined) {
    where.push("d.article_id IN (SELECT article_id FROM article_categories WHERE category_id = ?)");
    args.push(category);
  }
  const now = Date.now();
  if (memoGeneration !== generation) {
    memoGeneration = generation;
    passageCount = { n: 0, at: 0 };
    dfMemo.clear();
  }
  const counted = passageCount.at > now - COUNT_MEMO_MS;
  const unknown = terms.filter((t) => !(dfMemo.get(t)?.at! > now - COUNT_MEMO_MS));
  const inList = unknown.map(() => "?").join(",");
  const [found, ...lookups] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `SELECT p.heading, p.text, d.article_id AS id, d.title, d.url
         FROM passages_fts JOIN passages p ON p.pid = passages_fts.rowid JOIN docs d ON d.doc = p.doc
         WHERE ${where.join(" AND ")} ORDER BY bm25(passages_fts, 2, 1) LIMIT ${CANDIDATES}`,
      )
      .bind(...args),
    ...(unknown.length ? [db.prepare(`SELECT term, doc FROM passages_vocab WHERE term IN (${inList})`).bind(...unknown)] : []),
    ...(counted ? [] : [db.prepare("SELECT count(*) AS n FROM passages")]),
  ]);
  const [vocab, count] = unknown.length ? [lookups[0], lookups[1]] : [undefined, lookups[0]];
  if (count) passageCount = { n: Number(count.results[0]?.n ?? 0), at: now };
  if (dfMemo.size > DF_MEMO_MAX) dfMemo.clear();
  for (const t of unknown) dfMemo.set(t, { n: 0, at: now });
  for (const r of vocab?.results ?? []) dfMemo.set(String(r.term), { n: Number(r.doc), at: now });
  return { rows: found.results as Found["rows"], df: new Map(terms.map((t) => [t, dfMemo.get(t)?.n ?? 0])), count: passageCount.n };
}

/** The same from the copy: the same rows in the same order (replicaSearch answers as FTS5's bm25), exact counts. */
function fromCopy(copy: Replica, terms: string[], lang: string, category: number | undefined): Found | null {
  const rows = replicaSearch(copy, {
    words: terms.map((t) => [{ text: t, prefix: false }]),
    every: false,
    lang,
    category,
    limit: CANDIDATES,
    needles: [],
    weights: PASSAGE_WEIGHTS,
    // A passage whole: its window is all of it.
    window: Number.MAX_SAFE_INTEGER,
    lead: 0,
  });
  if (!rows) return null;
  return {
    rows: rows.map((r) => ({ heading: r.description, text: r.body, id: r.id, title: r.title, url: r.url })),
    df: new Map(terms.map((t) => [t, documentFrequency(copy, t)])),
    count: copy.rows,
  };
}

/**
 * `generation`: the search generation (bumped by every index write and webhook); the counts remembered
 * below are trusted only while it stays the same, so a removed article's words weigh as rare at once.
 * `copy`: this isolate's current copy of the language's passages (platform/index/replica.ts), which answers
 * as D1 would with no round trip; null for D1.
 */
export async function retrieve(db: Db, text: string, lang: string, category: number | undefined, generation: number, copy: Replica | null = null): Promise<Retrieved> {
  const terms = questionTerms(text, lang);
  if (!terms.length) return { question: [], passages: [], best: 0 };
  const { rows, df, count } = (copy && fromCopy(copy, terms, lang, category)) ?? (await fromD1(db, terms, lang, category, generation));
  const question = weigh(terms, df, count);
  const ranked = rows
    .map((r, order) => ({ r, order, share: share(question, termSet(`${r.title} ${r.heading} ${r.text}`, lang)) }))
    .sort((a, b) => b.share - a.share || a.order - b.order)
    .slice(0, MAX_SOURCES);
  const passages = ranked.map(({ r, share }, i) => ({
    n: i + 1,
    title: r.title,
    heading: r.heading,
    text: r.text,
    share,
    source: { n: i + 1, id: r.id, title: r.title, url: r.url, heading: r.heading, snippet: snippet([r.text], terms) },
  }));
  return { question, passages, best: passages[0]?.share ?? 0 };
}
