/**
 * The edge index in this isolate's memory (core/index-replica.ts), so a search as you type costs no D1 round
 * trip: loaded whole in the background by one request, checked against D1's `content_version` mark (a
 * trigger moves it on every change, migrations/0003) at most every REPLICA_CHECK_MS, and dropped when the
 * mark moved. Until a copy is loaded, or when the index is over the bounds below, searches go to D1.
 *
 * Freshness: a write through this isolate (the sync object's) drops the copy at once, and a webhook it
 * received makes it answer from D1 for WEBHOOK_HOLD_OFF_MS, while the write the webhook announced lands; any
 * other isolate sees the new mark within REPLICA_CHECK_MS and answers from D1 until its new copy is in. No request ever waits on another's I/O (a request that is cancelled would leave its waiters hanging):
 * the check is made by the request that finds it due, and a load runs in that request's waitUntil.
 */
import { buildReplica, type Replica, type ReplicaDoc, type ReplicaTerms } from "../core/index-replica";
import { d1Engine, replicaEngine, type IndexEngine } from "./index-search";

type Db = D1Database | D1DatabaseSession;

export const CONTENT_VERSION_KEY = "content_version";
/** How often an isolate asks whether its copy is current. */
export const REPLICA_CHECK_MS = 3_000;
/** A check or load not finished by then is taken as abandoned (its request was cancelled). */
const ABANDONED_MS = 10_000;
/**
 * Bounds on what an isolate holds: an isolate has 128 MB (at the bounds a copy takes some tens of MB), and a
 * load is one request's CPU (tens of ms for hundreds of articles). Beyond them the index stays in D1 alone.
 * Typical help centres (hundreds of articles) are well inside.
 */
export const REPLICA_MAX_ROWS = 2_000;
export const REPLICA_MAX_CHARS = 4_000_000;
/** After a load that failed or was abandoned (say, cut off at a CPU limit), the next waits this long, doubled each time. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;

interface Held {
  version: string;
  replica: Replica;
  checkedAt: number;
}

let held: Held | null = null;
/** The mark at which the index was found over the bounds: not loaded again until it moves. */
let oversizedAt: string | null = null;
let checkingSince = 0;
let loadingSince = 0;
/** Loads that did not finish, in a row, and when the next may start. */
let failedLoads = 0;
let nextLoadAt = 0;
/** Until then this isolate answers from D1 alone: a write it was told of (a webhook) is still on its way. */
let holdOffUntil = 0;
/** How long a webhook's write may take to land after the webhook is answered (the sync object's share). */
export const WEBHOOK_HOLD_OFF_MS = 10_000;

/**
 * Drops this isolate's copy (after a write here, or between tests). `holdOffMs`: and answer from D1 alone for
 * that long, for a write announced (a webhook) but made later by the sync object, possibly elsewhere.
 */
export function forgetReplica(holdOffMs = 0): void {
  holdOffUntil = holdOffMs ? Date.now() + holdOffMs : 0;
  held = null;
  oversizedAt = null;
  checkingSince = 0;
  loadingSince = 0;
  failedLoads = 0;
  nextLoadAt = 0;
}

/** For tests: the copy this isolate holds, if any. */
export function heldReplica(): { version: string; rows: number } | null {
  return held && { version: held.version, rows: held.replica.entries.length };
}

async function readVersion(db: Db): Promise<string | null> {
  return (await db.prepare("SELECT value FROM sync_meta WHERE key = ?").bind(CONTENT_VERSION_KEY).first<string>("value")) ?? null;
}

/** Loads the whole index in one transaction (a batch), so the copy is of one moment; null when over the bounds. */
export async function loadReplica(db: Db): Promise<{ version: string; replica: Replica } | null> {
  const size = await db
    .prepare("SELECT count(*) AS n, coalesce(sum(length(body) + length(title) + length(description)), 0) AS chars FROM docs")
    .first<{ n: number; chars: number }>();
  if (!size || size.n > REPLICA_MAX_ROWS || size.chars > REPLICA_MAX_CHARS) return null;
  const [version, docs, terms, memberships] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT value FROM sync_meta WHERE key = ?").bind(CONTENT_VERSION_KEY),
    db.prepare(
      "SELECT doc, article_id AS id, lang, title, url, category_id AS cid, category_name AS cname, description, body FROM docs",
    ),
    db.prepare("SELECT rowid AS doc, title, keywords, description, body FROM docs_fts"),
    db.prepare("SELECT article_id, category_id FROM article_categories"),
  ]);
  const v = (version.results[0] as { value?: string } | undefined)?.value;
  if (typeof v !== "string") return null;
  const replica = buildReplica(
    docs.results as unknown as ReplicaDoc[],
    (terms.results as { doc: number; title: string; keywords: string; description: string; body: string }[]).map((t) => ({
      doc: t.doc,
      columns: [t.title ?? "", t.keywords ?? "", t.description ?? "", t.body ?? ""],
    })) satisfies ReplicaTerms[],
    memberships.results as { article_id: number; category_id: number }[],
  );
  return { version: v, replica };
}

function startLoad(db: Db, waitUntil: (p: Promise<unknown>) => void, now: number): void {
  if (now < nextLoadAt) return;
  if (now - loadingSince < ABANDONED_MS) return;
  // Counted as failed until it succeeds: a load whose request is cut off never settles.
  if (loadingSince) failedLoads++;
  nextLoadAt = now + Math.min(RETRY_MAX_MS, failedLoads ? RETRY_BASE_MS * 2 ** (failedLoads - 1) : 0);
  loadingSince = now;
  waitUntil(
    loadReplica(db)
      .then(
        (got) => {
          if (loadingSince !== now) return; // forgotten meanwhile: a write landed here after the load began
          failedLoads = 0;
          nextLoadAt = 0;
          if (got) held = { ...got, checkedAt: Date.now() };
          else readVersion(db).then((v) => (oversizedAt = v), () => {});
        },
        () => {
          if (loadingSince !== now) return;
          failedLoads++;
          nextLoadAt = Date.now() + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failedLoads - 1));
        },
      )
      .finally(() => {
        if (loadingSince === now) loadingSince = 0;
      }),
  );
}

/**
 * The engine for this search: the isolate's copy when it is known current, else D1 (starting a load in the
 * background when there is none, or a check when one is due).
 */
export async function indexEngine(db: Db, waitUntil: (p: Promise<unknown>) => void, now = Date.now()): Promise<IndexEngine> {
  if (now < holdOffUntil) return d1Engine(db);
  if (held && now - held.checkedAt < REPLICA_CHECK_MS) return replicaEngine(held.replica);
  // Someone else is checking: the copy is at most a check old; without one, D1.
  if (now - checkingSince < ABANDONED_MS) return held ? replicaEngine(held.replica) : d1Engine(db);
  checkingSince = now;
  const mine = held;
  try {
    const version = await readVersion(db);
    if (mine && held === mine && version === mine.version) {
      mine.checkedAt = Date.now();
      return replicaEngine(mine.replica);
    }
    if (held === mine) held = null;
    if (version !== null && version !== oversizedAt) startLoad(db, waitUntil, now);
    return d1Engine(db);
  } catch {
    return d1Engine(db);
  } finally {
    if (checkingSince === now) checkingSince = 0;
  }
}
