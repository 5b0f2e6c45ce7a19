/**
 * The edge index in this isolate's memory (core/index/replica.ts), so a search as you type costs no D1 round
 * trip: loaded whole in the background by one request, checked against D1's `content_version` mark (triggers
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
import { buildReplica, hasMarks, type Replica, type ReplicaDoc, type ReplicaTerms } from "../../core/index/replica";
import { d1Engine, replicaEngine, type IndexEngine } from "./search";
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
 * Bounds on what an isolate holds: an isolate has 128 MB, and a load is one request's CPU. At the bounds a
 * copy takes about 50 MB and a load about 200 ms of CPU; a few hundred articles, a few MB and tens of ms.
 * Beyond them the index stays in D1 alone.
 */
export const REPLICA_MAX_ROWS = 2_000;
export const REPLICA_MAX_CHARS = 4_000_000;
/** After a load that failed or was abandoned (say, cut off at a CPU limit), the next waits this long, doubled each time. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;

interface Held {
  version: string;
  replica: Replica;
  /** When the read that last vouched for this copy was sent. */
  checkedAt: number;
}

let held: Held | null = null;
/** The last mark read, and when: with no copy held, the next check waits REPLICA_CHECK_MS too. */
let lastCheck: { version: string | null; at: number } | null = null;
/** The mark at which the index was found unfit for a copy (over the bounds, or text FTS5 splits otherwise). */
let unfitAt: string | null = null;
let checkingSince = 0;
/** The load under way (known by identity: Date.now() stands still between I/O in Workers), its start and epoch. */
let loading: { since: number; epoch: number } | null = null;
/** Moved by forgetReplica: a load begun before it read what a write has since changed, and is not installed. */
let epoch = 0;
let holdOffUntil = 0;
let failedLoads = 0;
let nextLoadAt = 0;

/**
 * Drops this isolate's copy (after a write here). `holdOffMs`: and answer from D1 alone for that long, for a
 * write announced (a webhook) but made later by the sync object, possibly elsewhere. A load under way is
 * disowned (it cannot install what it read before the write) but still counts as under way, so writes in a
 * row never start loads side by side. The failure backoff stays.
 */
export function forgetReplica(holdOffMs = 0): void {
  if (holdOffMs) holdOffUntil = Math.max(holdOffUntil, Date.now() + holdOffMs);
  held = null;
  lastCheck = null;
  epoch++;
}

/** Everything back to a fresh isolate's state (between tests). */
export function resetReplica(): void {
  forgetReplica();
  loading = null;
  holdOffUntil = 0;
  unfitAt = null;
  checkingSince = 0;
  failedLoads = 0;
  nextLoadAt = 0;
}

/** For tests: the copy this isolate holds, if any. */
export function heldReplica(): { version: string; rows: number } | null {
  return held && { version: held.version, rows: held.replica.entries.length };
}

/**
 * Loads the whole index in one transaction (a batch), so the copy is of one moment. `unfit`: the mark at
 * which the index cannot be held (over the bounds, or terms with combining marks, which FTS5's unicode61
 * tokenizer strips or splits at while the copy would not).
 */
export async function loadReplica(db: Db): Promise<{ version: string; replica: Replica } | { unfit: string | null }> {
  const size = await db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(length(body) + length(title) + length(description) + length(keywords)), 0) AS chars,
        (SELECT value FROM sync_meta WHERE key = ?) AS version FROM docs`,
    )
    .bind(CONTENT_VERSION_KEY)
    .first<{ n: number; chars: number; version: string | null }>();
  if (!size || size.n > REPLICA_MAX_ROWS || size.chars > REPLICA_MAX_CHARS) return { unfit: size?.version ?? null };
  const [version, docs, terms, memberships] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT value FROM sync_meta WHERE key = ?").bind(CONTENT_VERSION_KEY),
    db.prepare("SELECT doc, article_id AS id, lang, title, url, category_id AS cid, category_name AS cname, description, body FROM docs"),
    db.prepare("SELECT rowid AS doc, title, keywords, description, body FROM docs_fts"),
    db.prepare("SELECT article_id, category_id FROM article_categories"),
  ]);
  const v = (version.results[0] as { value?: string } | undefined)?.value;
  if (typeof v !== "string") return { unfit: null };
  const rows = (terms.results as { doc: number; title: string; keywords: string; description: string; body: string }[]).map(
    (t): ReplicaTerms => ({ doc: t.doc, columns: [t.title ?? "", t.keywords ?? "", t.description ?? "", t.body ?? ""] }),
  );
  if (rows.some((t) => t.columns.some(hasMarks))) return { unfit: v };
  const replica = buildReplica(docs.results as unknown as ReplicaDoc[], rows, memberships.results as { article_id: number; category_id: number }[]);
  return { version: v, replica };
}

function startLoad(db: Db, waitUntil: (p: Promise<unknown>) => void, now: number): void {
  if (now < nextLoadAt || now < holdOffUntil) return;
  if (loading && now - loading.since < LOAD_ABANDONED_MS) return;
  // One that never settled (its request cut off, perhaps at a CPU limit) counts as failed.
  if (loading) failedLoads++;
  const backoff = () => Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failedLoads - 1));
  nextLoadAt = failedLoads ? now + backoff() : 0;
  const me = { since: now, epoch };
  loading = me;
  const failed = () => {
    failedLoads++;
    nextLoadAt = Date.now() + backoff();
  };
  waitUntil(
    loadReplica(db).then(
      (got) => {
        if (loading !== me) return; // taken for abandoned, and another load started since
        loading = null;
        if (!("replica" in got) && got.unfit === null) return failed(); // no mark yet: nothing to hold
        failedLoads = 0;
        nextLoadAt = 0;
        if (me.epoch !== epoch) return; // a write landed here after the load began
        if ("replica" in got) {
          // A check since the load began saw another mark: this copy is already old.
          if (lastCheck && lastCheck.at > me.since && lastCheck.version !== got.version) return;
          held = { version: got.version, replica: got.replica, checkedAt: me.since };
        } else {
          unfitAt = got.unfit;
          lastCheck = { version: got.unfit, at: me.since }; // no load, nor size scan, per search until the next check
        }
      },
      () => {
        if (loading !== me) return;
        loading = null;
        failed();
      },
    ),
  );
}

/**
 * The engine for this search: the isolate's copy when it is known current, else D1 through `reader` (the
 * nearest replica). `primary` is where the mark is checked and the copy loaded from. A check that is due is
 * made by this request (one small read); a load, when one is needed, runs in the background.
 */
export async function indexEngine(
  primary: Db,
  reader: Db,
  waitUntil: (p: Promise<unknown>) => void,
  now = Date.now(),
): Promise<IndexEngine> {
  if (now < holdOffUntil) return d1Engine(reader);
  if (held && now - held.checkedAt < REPLICA_CHECK_MS) return replicaEngine(held.replica);
  // Nothing held (loading, unfit, backing off): the mark was read recently enough; no read for each search.
  if (!held && lastCheck && now - lastCheck.at < REPLICA_CHECK_MS) {
    if (lastCheck.version !== null && lastCheck.version !== unfitAt) startLoad(primary, waitUntil, now);
    return d1Engine(reader);
  }
  // Another request is checking: a copy a little overdue may answer meanwhile, an older one may not.
  if (now - checkingSince < CHECK_GRACE_MS)
    return held && now - held.checkedAt < REPLICA_CHECK_MS + CHECK_GRACE_MS ? replicaEngine(held.replica) : d1Engine(reader);
  checkingSince = now;
  const mine = held;
  try {
    const version = await readMeta(primary, CONTENT_VERSION_KEY);
    if (mine && held === mine && version === mine.version) {
      mine.checkedAt = now;
      return replicaEngine(mine.replica);
    }
    if (held === mine) held = null;
    lastCheck = { version, at: now };
    if (!held && version !== null && version !== unfitAt) startLoad(primary, waitUntil, now);
    return d1Engine(reader);
  } catch {
    return d1Engine(reader);
  } finally {
    if (checkingSince === now) checkingSince = 0;
  }
}
