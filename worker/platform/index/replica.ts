/**
 * The edge index in this isolate's memory (core/index/replica.ts), so a search as you type costs no D1 round
 * trip: one language at a time, as searches ask for it (an isolate serving English never loads Japanese),
 * each loaded whole in the background by one request, checked against D1's `content_version` mark (triggers
 * move it on every change, migrations/0003) at most every REPLICA_CHECK_MS, and dropped when the mark moved.
 * Until a copy is loaded, or when the index is over the bounds below, searches go to D1.
 *
 * Freshness: a write through this isolate (the sync object's) drops the copy at once, and a webhook it
 * received makes it answer from D1 for WEBHOOK_HOLD_OFF_MS, while the write the webhook announced lands; any
 * other isolate sees the new mark within REPLICA_CHECK_MS and answers from D1 until its new copy is in. A copy
 * whose check is overdue by more than CHECK_GRACE_MS (the checking request was cancelled) is not used.
 * The mark and the copy are read from the primary (the plain binding, not a replica session), so a lagging
 * read replica can never make an isolate go back to older content.
 *
 * No request ever waits on another's I/O (a request that is cancelled would leave its waiters hanging): the
 * check is made by the request that finds it due, and a load runs in that request's waitUntil.
 */
import { hasMarks, type Replica, type ReplicaDoc } from "../../core/index/replica";
import { buildReplica } from "../../core/index/replica-build";
import { COLUMN_WEIGHTS, d1Engine, replicaEngine, type IndexEngine } from "./search";
import { readMeta } from "./store";

type Db = D1Database | D1DatabaseSession;

export const CONTENT_VERSION_KEY = "content_version";
/** How often an isolate asks whether its copy is current. */
export const REPLICA_CHECK_MS = 3_000;
/** How far past REPLICA_CHECK_MS a copy may still answer while another request's check is under way. */
const CHECK_GRACE_MS = 2_000;
/** A load not finished by then is taken as abandoned (its request was cancelled). */
const LOAD_ABANDONED_MS = 10_000;
/** How long a webhook's write may take to land after the webhook is answered (the sync object's share). */
export const WEBHOOK_HOLD_OFF_MS = 10_000;
/**
 * Bounds on the whole index (every language), so whatever languages an isolate holds fit: an isolate has
 * 128 MB, and a load is one request's CPU. At the bounds a copy takes under 64 MB (bench/replica-heap.mjs
 * measures it: docs/edge-index.md). Beyond them the index stays in D1 alone.
 */
export const REPLICA_MAX_ROWS = 20_000;
export const REPLICA_MAX_CHARS = 20_000_000;
/**
 * Ask's passages hold the articles' text a second time, so they are held beside the copy only for an index
 * of at most two fifths of the bound: the two then stay within the copy's heap and load-time budgets.
 * Beyond it, Ask reads its passages from D1.
 */
export const PASSAGES_MAX_CHARS = (REPLICA_MAX_CHARS * 2) / 5;
/** bm25() weights of passages_fts (heading, text), as platform/ask/passages.ts's SQL ranks them. */
export const PASSAGE_WEIGHTS = [2, 0, 0, 1] as const;
/** After a load that failed or was abandoned (say, cut off at a CPU limit), the next waits this long, doubled each time. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;

interface Held {
  version: string;
  replica: Replica;
  /** The same language's Ask passages, of the same moment, when they fit too (PASSAGES_MAX_CHARS). */
  passages: Replica | null;
  /** When the read that last vouched for this copy was sent. */
  checkedAt: number;
}

/** One language's copy and what this isolate knows about it: an isolate loads only the languages it is asked for. */
interface LangState {
  held: Held | null;
  /** The last mark read, and when: with no copy held, the next check waits REPLICA_CHECK_MS too. */
  lastCheck: { version: string | null; at: number } | null;
  /** The mark at which the language was found unfit for a copy (over the bounds, or text FTS5 splits otherwise). */
  unfitAt: string | null;
  checkingSince: number;
  /** The load under way (known by identity: Date.now() stands still between I/O in Workers), its start and epoch. */
  loading: { since: number; epoch: number } | null;
  failedLoads: number;
  nextLoadAt: number;
}

const states = new Map<string, LangState>();
/** Moved by forgetReplica: a load begun before it read what a write has since changed, and is not installed. */
let epoch = 0;
let holdOffUntil = 0;

function stateOf(lang: string): LangState {
  let s = states.get(lang);
  if (!s) states.set(lang, (s = { held: null, lastCheck: null, unfitAt: null, checkingSince: 0, loading: null, failedLoads: 0, nextLoadAt: 0 }));
  return s;
}

/**
 * Drops this isolate's copies (after a write here). `holdOffMs`: and answer from D1 alone for that long, for
 * a write announced (a webhook) but made later by the sync object, possibly elsewhere. A load under way is
 * disowned (it cannot install what it read before the write) but still counts as under way, so writes in a
 * row never start loads side by side. The failure backoff stays.
 */
export function forgetReplica(holdOffMs = 0): void {
  if (holdOffMs) holdOffUntil = Math.max(holdOffUntil, Date.now() + holdOffMs);
  for (const s of states.values()) {
    s.held = null;
    s.lastCheck = null;
  }
  epoch++;
}

/** Everything back to a fresh isolate's state (between tests). */
export function resetReplica(): void {
  forgetReplica();
  states.clear();
  holdOffUntil = 0;
}

/** For tests: the copy this isolate holds of `lang` (any language when not given), if any. */
export function heldReplica(lang?: string): { version: string; rows: number; lang: string } | null {
  for (const [l, s] of states) if (s.held && (lang === undefined || l === lang)) return { version: s.held.version, rows: s.held.replica.docs.count, lang: l };
  return null;
}

/** For tests and diagnostics: the languages this isolate holds. */
export const heldLanguages = (): string[] => [...states].filter(([, s]) => s.held).map(([l]) => l);

/**
 * Loads one language's copy in one transaction (a batch), so it is of one moment: its rows and analysed
 * text, and the whole table's vocabulary and row count (bm25's statistics span every language). `unfit`: the
 * mark at which the index cannot be held (over the bounds, or terms with combining marks, which FTS5's
 * unicode61 tokenizer strips or splits at while the copy would not).
 */
export async function loadReplica(db: Db, lang: string): Promise<{ version: string; replica: Replica; passages: Replica | null } | { unfit: string | null }> {
  const size = await db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(length(body) + length(title) + length(description) + length(keywords)), 0) AS chars,
        (SELECT value FROM sync_meta WHERE key = ?) AS version FROM docs`,
    )
    .bind(CONTENT_VERSION_KEY)
    .first<{ n: number; chars: number; version: string | null }>();
  if (!size || size.n > REPLICA_MAX_ROWS || size.chars > REPLICA_MAX_CHARS) return { unfit: size?.version ?? null };
  const withPassages = size.chars <= PASSAGES_MAX_CHARS;
  const [version, docs, terms, vocabulary, rows, memberships, ...passageRows] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT value FROM sync_meta WHERE key = ?").bind(CONTENT_VERSION_KEY),
    db.prepare("SELECT doc, article_id AS id, lang, title, url, category_id AS cid, category_name AS cname, description, body FROM docs WHERE lang = ?").bind(lang),
    db.prepare("SELECT rowid AS doc, title, keywords, description, body FROM docs_fts WHERE rowid IN (SELECT doc FROM docs WHERE lang = ?)").bind(lang),
    db.prepare("SELECT term, doc, cnt FROM docs_vocab"),
    db.prepare("SELECT count(*) AS n FROM docs_fts"),
    db.prepare("SELECT article_id, category_id FROM article_categories WHERE article_id IN (SELECT article_id FROM docs WHERE lang = ?)").bind(lang),
    // A passage as a row: its article's id, title and url, its heading (as description) and text (as body).
    ...(withPassages
      ? [
          db
            .prepare(
              `SELECT p.pid AS doc, d.article_id AS id, d.lang, d.title, d.url, d.category_id AS cid, '' AS cname, p.heading AS description, p.text AS body
               FROM passages p JOIN docs d ON d.doc = p.doc WHERE d.lang = ?`,
            )
            .bind(lang),
          db.prepare("SELECT rowid AS doc, heading, text FROM passages_fts WHERE rowid IN (SELECT p.pid FROM passages p JOIN docs d ON d.doc = p.doc WHERE d.lang = ?)").bind(lang),
          db.prepare("SELECT term, doc, cnt FROM passages_vocab"),
          db.prepare("SELECT count(*) AS n FROM passages_fts"),
        ]
      : []),
  ]);
  const v = (version.results[0] as { value?: string } | undefined)?.value;
  if (typeof v !== "string") return { unfit: null };
  const own = terms.results as { doc: number; title: string; keywords: string; description: string; body: string }[];
  const columns = own.map((t) => ({ doc: t.doc, columns: [t.title ?? "", t.keywords ?? "", t.description ?? "", t.body ?? ""] as [string, string, string, string] }));
  if (columns.some((t) => t.columns.some(hasMarks))) return { unfit: v };
  const replica = buildReplica({
    lang,
    docs: docs.results as unknown as ReplicaDoc[],
    terms: columns,
    vocabulary: vocabulary.results as { term: string; doc: number; cnt: number }[],
    rows: (rows.results[0] as { n: number }).n,
    memberships: memberships.results as { article_id: number; category_id: number }[],
    weights: COLUMN_WEIGHTS,
  });
  return replica ? { version: v, replica, passages: withPassages ? passagesCopy(lang, passageRows, memberships.results) : null } : { unfit: v };
}

/** Ask's passages as a copy (columns heading, text), or null when their text is not for a copy (see above). */
function passagesCopy(lang: string, [rows, terms, vocabulary, count]: D1Result<Record<string, unknown>>[], memberships: unknown[]): Replica | null {
  const own = terms.results as { doc: number; heading: string; text: string }[];
  const columns = own.map((t) => ({ doc: t.doc, columns: [t.heading ?? "", "", "", t.text ?? ""] as [string, string, string, string] }));
  if (columns.some((t) => t.columns.some(hasMarks))) return null;
  return buildReplica({
    lang,
    docs: rows.results as unknown as ReplicaDoc[],
    terms: columns,
    vocabulary: vocabulary.results as { term: string; doc: number; cnt: number }[],
    rows: (count.results[0] as { n: number }).n,
    memberships: memberships as { article_id: number; category_id: number }[],
    weights: PASSAGE_WEIGHTS,
  });
}

function startLoad(s: LangState, lang: string, db: Db, waitUntil: (p: Promise<unknown>) => void, now: number): void {
  if (now < s.nextLoadAt || now < holdOffUntil) return;
  if (s.loading && now - s.loading.since < LOAD_ABANDONED_MS) return;
  // One that never settled (its request cut off, perhaps at a CPU limit) counts as failed.
  if (s.loading) s.failedLoads++;
  const backoff = () => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (s.failedLoads - 1));
  s.nextLoadAt = s.failedLoads ? now + backoff() : 0;
  const me = { since: now, epoch };
  s.loading = me;
  const failed = () => {
    s.failedLoads++;
    s.nextLoadAt = Date.now() + backoff();
  };
  waitUntil(
    loadReplica(db, lang).then(
      (got) => {
        // Taken for abandoned (slow, on a busy primary) and another started since: what it read is still of
        // one moment, so it is installed unless something newer was; the bookkeeping is the newer load's.
        const late = s.loading !== me;
        if (!late) {
          s.loading = null;
          if (!("replica" in got) && got.unfit === null) return failed(); // no mark yet: nothing to hold
          s.failedLoads = 0;
          s.nextLoadAt = 0;
        }
        if (me.epoch !== epoch) return; // a write landed here after the load began
        if ("replica" in got) {
          if (late && s.held && s.held.checkedAt >= me.since) return;
          // A check since the load began saw another mark: this copy is already old.
          if (s.lastCheck && s.lastCheck.at > me.since && s.lastCheck.version !== got.version) return;
          s.held = { version: got.version, replica: got.replica, passages: got.passages, checkedAt: me.since };
        } else if (!late) {
          s.unfitAt = got.unfit;
          s.lastCheck = { version: got.unfit, at: me.since }; // no load, nor size scan, per search until the next check
        }
      },
      () => {
        if (s.loading !== me) return;
        s.loading = null;
        failed();
      },
    ),
  );
}

/**
 * The engine for a search in `lang`: the isolate's copy of that language when it is known current, else D1
 * through `reader` (the nearest replica). `primary` is where the mark is checked and the copy loaded from. A
 * check that is due is made by this request (one small read); a load, when one is needed, runs in the
 * background.
 */
/**
 * The copy of `lang` when it may answer now with no I/O at all: held, its check not due, no write held off.
 * For the hot path (hot-answer.ts), which leaves the checks and loads to the app's searches.
 */
export function currentReplica(lang: string, now = Date.now()): Replica | null {
  return currentHeld(lang, now)?.replica ?? null;
}

/** The same for Ask's passages (held with the copy when they fit): null when D1 must answer. */
export function currentPassages(lang: string, now = Date.now()): Replica | null {
  return currentHeld(lang, now)?.passages ?? null;
}

function currentHeld(lang: string, now: number): Held | null {
  if (now < holdOffUntil) return null;
  const held = states.get(lang)?.held;
  return held && now - held.checkedAt < REPLICA_CHECK_MS ? held : null;
}

export async function indexEngine(
  primary: Db,
  reader: Db,
  waitUntil: (p: Promise<unknown>) => void,
  lang: string,
  now = Date.now(),
): Promise<IndexEngine> {
  const d1 = d1Engine(reader);
  if (now < holdOffUntil) return d1;
  const s = stateOf(lang);
  const copy = (h: Held) => replicaEngine(h.replica, d1);
  if (s.held && now - s.held.checkedAt < REPLICA_CHECK_MS) return copy(s.held);
  // Nothing held (loading, unfit, backing off): the mark was read recently enough; no read for each search.
  if (!s.held && s.lastCheck && now - s.lastCheck.at < REPLICA_CHECK_MS) {
    if (s.lastCheck.version !== null && s.lastCheck.version !== s.unfitAt) startLoad(s, lang, primary, waitUntil, now);
    return d1;
  }
  // Another request is checking: a copy a little overdue may answer meanwhile, an older one may not.
  if (now - s.checkingSince < CHECK_GRACE_MS) return s.held && now - s.held.checkedAt < REPLICA_CHECK_MS + CHECK_GRACE_MS ? copy(s.held) : d1;
  s.checkingSince = now;
  const mine = s.held;
  try {
    const version = await readMeta(primary, CONTENT_VERSION_KEY);
    if (mine && s.held === mine && version === mine.version) {
      mine.checkedAt = now;
      return copy(mine);
    }
    if (s.held === mine) s.held = null;
    s.lastCheck = { version, at: now };
    if (!s.held && version !== null && version !== s.unfitAt) startLoad(s, lang, primary, waitUntil, now);
    return d1;
  } catch {
    return d1;
  } finally {
    if (s.checkingSince === now) s.checkingSince = 0;
  }
}
