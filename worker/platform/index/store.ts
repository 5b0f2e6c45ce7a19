/**
 * Writes to the edge index and the small reads the sync and the article route need. Every write keeps
 * `docs` and `docs_fts` together in one D1 batch (a transaction), so search never sees one without the other.
 */
import type { Category, Membership } from "../../core/articles/categories";
import { INDEX_TEXT_VERSION, type IndexRow } from "../../core/index/row";
import { analyze } from "../../core/index/text/analyze";

type Db = D1Database | D1DatabaseSession;

/** Statements per D1 batch: big enough to amortise the round trip, small enough for D1's limits. */
const BATCH = 60;

async function batched(db: D1Database, statements: D1PreparedStatement[]): Promise<void> {
  for (let i = 0; i < statements.length; i += BATCH) await db.batch(statements.slice(i, i + BATCH));
}

const DOC_OF = "(SELECT doc FROM docs WHERE article_id = ? AND lang = ?)";

/** Statements that put one row (and its terms) in, replacing what was there. */
function upsertStatements(db: D1Database, r: IndexRow, pass: number): D1PreparedStatement[] {
  return [
    db.prepare(`DELETE FROM docs_fts WHERE rowid = ${DOC_OF}`).bind(r.id, r.lang),
    db
      .prepare(
        `INSERT INTO docs (article_id, lang, title, description, keywords, body, category_id, category_name, url, views, updated_at, pass)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (article_id, lang) DO UPDATE SET title = excluded.title, description = excluded.description,
           keywords = excluded.keywords, body = excluded.body, category_id = excluded.category_id,
           category_name = excluded.category_name, url = excluded.url, views = excluded.views,
           updated_at = excluded.updated_at, pass = max(docs.pass, excluded.pass)`,
      )
      .bind(r.id, r.lang, r.title, r.description, r.keywords, r.body, r.categoryId, r.categoryName, r.url, r.views, r.updatedAt, pass),
    db
      .prepare(`INSERT INTO docs_fts (rowid, title, keywords, description, body) VALUES (${DOC_OF}, ?, ?, ?, ?)`)
      .bind(r.id, r.lang, analyze(r.title, r.lang), analyze(r.keywords, r.lang), analyze(r.description, r.lang), analyze(r.body, r.lang)),
    ...passageStatements(db, r),
  ];
}

/**
 * Ask's passages of one row, replacing what it had: two statements however many passages (json_each), in
 * the row's own batch, so Ask never cites a passage of an older version of the article.
 */
function passageStatements(db: D1Database, r: IndexRow): D1PreparedStatement[] {
  const ps = r.passages ?? [];
  const out = [
    db.prepare(`DELETE FROM passages_fts WHERE rowid IN (SELECT pid FROM passages WHERE doc = ${DOC_OF})`).bind(r.id, r.lang),
    db.prepare(`DELETE FROM passages WHERE doc = ${DOC_OF}`).bind(r.id, r.lang),
  ];
  if (!ps.length) return out;
  const rows = JSON.stringify(ps.map((p) => [p.heading, p.text]));
  const terms = JSON.stringify(ps.map((p) => [analyze(p.heading, r.lang), analyze(p.text, r.lang)]));
  out.push(
    db
      .prepare(`INSERT INTO passages (doc, n, heading, text) SELECT ${DOC_OF}, key, value->>0, value->>1 FROM json_each(?)`)
      .bind(r.id, r.lang, rows),
    db
      .prepare(
        `INSERT INTO passages_fts (rowid, heading, text)
         SELECT p.pid, j.value->>0, j.value->>1 FROM json_each(?) j JOIN passages p ON p.doc = ${DOC_OF} AND p.n = j.key`,
      )
      .bind(terms, r.id, r.lang),
  );
  return out;
}

/**
 * sync_meta key: the INDEX_TEXT_VERSION (core/index/row.ts) of the text every stored row was written with,
 * set by the sync when a full pass started and finished under that version. No key: rows from before
 * versions were kept (version 1).
 */
export const TEXT_VERSION_KEY = "text_version";

/** A fingerprint no row matches: its text is of an older version, so it is rewritten whatever else changed. */
const STALE_TEXT = "stale-text";

/** What the index holds for one language: article id → a fingerprint of what was stored. */
export async function storedFingerprints(db: Db, lang: string): Promise<Map<number, string>> {
  const [{ results }, version] = await Promise.all([
    db
      .prepare("SELECT article_id AS id, updated_at AS u, category_id AS c, category_name AS n, views AS v FROM docs WHERE lang = ?")
      .bind(lang)
      .all<{ id: number; u: string; c: number; n: string; v: number }>(),
    readMeta(db, TEXT_VERSION_KEY),
  ]);
  const current = version === String(INDEX_TEXT_VERSION);
  return new Map(
    results.map((r) => [r.id, current ? fingerprint({ updatedAt: r.u, categoryId: r.c, categoryName: r.n, views: r.v }) : STALE_TEXT]),
  );
}

/** Views are included so popular articles stay in order; they change less often than one would fear. */
export const fingerprint = (r: Pick<IndexRow, "updatedAt" | "categoryId" | "categoryName" | "views">) =>
  `${r.updatedAt}|${r.categoryId}|${r.categoryName}|${r.views}`;

/** Whole rows per batch: a row, its terms and its passages are written together or not at all. */
export async function upsertRows(db: D1Database, rows: IndexRow[], pass = 0): Promise<void> {
  let batch: D1PreparedStatement[] = [];
  for (const r of rows) {
    const statements = upsertStatements(db, r, pass);
    if (batch.length && batch.length + statements.length > BATCH) {
      await db.batch(batch);
      batch = [];
    }
    batch.push(...statements);
  }
  if (batch.length) await db.batch(batch);
}

/** Marks rows as listed by `pass` without rewriting them (their content is unchanged). */
export async function markListed(db: D1Database, lang: string, ids: number[], pass: number): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const chunk = ids.slice(i, i + 90);
    statements.push(
      db.prepare(`UPDATE docs SET pass = ? WHERE lang = ? AND article_id IN (${chunk.map(() => "?").join(",")})`).bind(pass, lang, ...chunk),
    );
  }
  await batched(db, statements);
}

/** Removes an article: every language, or only the given ones. Returns how many rows went. */
export async function deleteArticles(db: D1Database, ids: number[], lang?: string): Promise<number> {
  let removed = 0;
  for (let i = 0; i < ids.length; i += 40) {
    const chunk = ids.slice(i, i + 40);
    const inList = chunk.map(() => "?").join(",");
    const langClause = lang ? " AND lang = ?" : "";
    const args = lang ? [...chunk, lang] : chunk;
    const [, res] = await db.batch([
      db.prepare(`DELETE FROM docs_fts WHERE rowid IN (SELECT doc FROM docs WHERE article_id IN (${inList})${langClause})`).bind(...args),
      db.prepare(`DELETE FROM docs WHERE article_id IN (${inList})${langClause}`).bind(...args),
    ]);
    removed += res.meta.changes ?? 0;
  }
  return removed;
}

export async function removeLanguagesOtherThan(db: D1Database, langs: string[]): Promise<void> {
  const inList = langs.map(() => "?").join(",");
  await db.batch([
    db.prepare(`DELETE FROM docs_fts WHERE rowid IN (SELECT doc FROM docs WHERE lang NOT IN (${inList}))`).bind(...langs),
    db.prepare(`DELETE FROM docs WHERE lang NOT IN (${inList})`).bind(...langs),
  ]);
}

export async function replaceCategories(db: D1Database, categories: Category[]): Promise<void> {
  const pairs: [number, number, number][] = [];
  for (const c of categories) for (const a of new Set(c.articleIds)) pairs.push([a, c.id, pairs.length]);
  // One batch is one transaction, and json_each keeps it to four statements however many articles there
  // are: the article route never sees a half-written category list.
  await db.batch([
    db.prepare("DELETE FROM article_categories"),
    db.prepare("DELETE FROM categories"),
    db
      .prepare("INSERT OR REPLACE INTO categories (id, name, accessibility) SELECT value->>0, value->>1, value->>2 FROM json_each(?)")
      .bind(JSON.stringify(categories.map((c) => [c.id, c.name, c.accessibility]))),
    db
      .prepare("INSERT OR IGNORE INTO article_categories (article_id, category_id, position) SELECT value->>0, value->>1, value->>2 FROM json_each(?)")
      .bind(JSON.stringify(pairs)),
  ]);
}

/** Replaces the stored categories; returns the articles of categories that were restricted and are now public. */
export async function replaceCategoriesNoting(db: D1Database, categories: Category[]): Promise<number[]> {
  const before = await db.prepare("SELECT id, accessibility FROM categories").all<{ id: number; accessibility: number | null }>();
  const was = new Map(before.results.map((r) => [r.id, r.accessibility]));
  await replaceCategories(db, categories);
  const out = new Set<number>();
  for (const c of categories) if (c.accessibility === 1 && was.has(c.id) && was.get(c.id) !== 1) for (const id of c.articleIds) out.add(id);
  return [...out];
}

/** Every stored membership: article id → its categories, in listing order. */
export async function memberships(db: Db): Promise<Map<number, Membership[]>> {
  const { results } = await db
    .prepare(
      `SELECT ac.article_id AS a, c.id AS categoryId, c.name AS name, c.accessibility AS accessibility
       FROM article_categories ac JOIN categories c ON c.id = ac.category_id ORDER BY ac.position`,
    )
    .all<Membership & { a: number }>();
  const map = new Map<number, Membership[]>();
  for (const { a, ...m } of results) {
    const list = map.get(a) ?? [];
    list.push(m);
    map.set(a, list);
  }
  return map;
}

/** Indexed articles that no stored category holds, or that a restricted category holds. */
export async function restrictedIndexedArticles(db: Db): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT DISTINCT d.article_id AS id FROM docs d
       WHERE NOT EXISTS (SELECT 1 FROM article_categories ac WHERE ac.article_id = d.article_id)
          OR EXISTS (SELECT 1 FROM article_categories ac JOIN categories c ON c.id = ac.category_id
                     WHERE ac.article_id = d.article_id AND (c.accessibility IS NULL OR c.accessibility != 1))`,
    )
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

export async function indexedArticleIds(db: Db): Promise<number[]> {
  const { results } = await db.prepare("SELECT DISTINCT article_id AS id FROM docs").all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * Deletes rows of `langs` that full pass `pass` did not list, when `allowed(count)` says so.
 * Returns how many articles that was, and whether they were held back.
 */
export async function deleteUnlisted(
  db: D1Database,
  langs: string[],
  pass: number,
  allowed: (count: number) => boolean,
): Promise<{ count: number; held: boolean }> {
  const inList = langs.map(() => "?").join(",");
  const { results } = await db
    .prepare(`SELECT DISTINCT article_id AS id FROM docs WHERE pass < ? AND lang IN (${inList})`)
    .bind(pass, ...langs)
    .all<{ id: number }>();
  if (!results.length) return { count: 0, held: false };
  if (!allowed(results.length)) return { count: results.length, held: true };
  await db.batch([
    db.prepare(`DELETE FROM docs_fts WHERE rowid IN (SELECT doc FROM docs WHERE pass < ? AND lang IN (${inList}))`).bind(pass, ...langs),
    db.prepare(`DELETE FROM docs WHERE pass < ? AND lang IN (${inList})`).bind(pass, ...langs),
  ]);
  return { count: results.length, held: false };
}

export async function writeMeta(db: D1Database, key: string, value: string): Promise<void> {
  await db.prepare("INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").bind(key, value).run();
}

export async function readMeta(db: Db, key: string): Promise<string | null> {
  return (await db.prepare("SELECT value FROM sync_meta WHERE key = ?").bind(key).first<string>("value")) ?? null;
}

/** The categories holding an article, from the last categories listing the sync stored. */
export async function membershipsOf(db: Db, articleId: number): Promise<Membership[]> {
  const { results } = await db
    .prepare(
      `SELECT c.id AS categoryId, c.name AS name, c.accessibility AS accessibility
       FROM article_categories ac JOIN categories c ON c.id = ac.category_id WHERE ac.article_id = ? ORDER BY ac.position`,
    )
    .bind(articleId)
    .all<Membership>();
  return results;
}

export async function countRows(db: Db): Promise<{ articles: number; languages: string[] }> {
  const [a, l] = await db.batch<{ n?: number; lang?: string }>([
    db.prepare("SELECT count(DISTINCT article_id) AS n FROM docs"),
    db.prepare("SELECT DISTINCT lang FROM docs ORDER BY lang"),
  ]);
  return { articles: Number(a.results[0]?.n ?? 0), languages: l.results.map((r) => String(r.lang)) };
}
