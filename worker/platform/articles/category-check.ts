/**
 * Is an article's category public? Article objects name no category (and GET /api/v3/articles/:id does
 * not either), so the answer comes from the categories listing: the copy the index sync keeps in D1 when
 * there is one, else a listing cached in KV (one upstream call per CATEGORIES_TTL, never one per read).
 *
 * An article that listing does not hold is unknown, not internal: most often it was published after the
 * listing was read. Assuming "not public" would give its first readers a 404 for minutes, so the worker
 * reads the listing again (refreshedMemberships) and decides on that; an article still unlisted, or a
 * listing that cannot be read, is a 404. A category known to be restricted is a 404 at once.
 */
import type { Context } from "hono";
import { categoryVerdict, membershipByArticle, parseCategories, type Category, type CategoryVerdict, type Membership } from "../../core/articles/categories";
import { KEEP_STALE_SECONDS } from "../../core/cache/freshness";
import { UpstreamShapeError } from "../../core/articles/shape";
import { UpstreamError } from "../../core/upstream/error";
import type { AppEnv } from "../../app-env";
import type { Config } from "../../core/config";
import type { Env } from "../../env";
import { edgeIndex } from "../index/edge-index";
import { listCategories, type Upstream } from "../upstream/helpjuice";
import { membershipsOf } from "../index/store";
import { readThrough } from "../cache/kv";
import { flightEpoch } from "../cache/single-flight";
import { upstreamFor } from "../upstream/context";

const CATEGORIES_KEY = "cats:v1";
const CATEGORIES_TTL = 600;
/**
 * At most one listing read for unknown articles per isolate in this long, shared by every request that
 * wants one meanwhile: a stream of requests for unlisted articles costs an isolate at most 4 upstream calls
 * a minute, through the gate like any other (and an article read that found nothing is cached as a 404).
 */
const CATEGORY_REFRESH_EVERY_MS = 15_000;

type Verdict = "public" | Extract<CategoryVerdict, { public: false }>["reason"];
const verdictOf = (m: readonly Membership[] | undefined): Verdict => {
  const v = categoryVerdict(m);
  return v.public ? "public" : v.reason;
};

/**
 * What a category check needs. A request has it (depsOf); so does the vote outbox, which has no request but
 * must decide an anonymous vote by the same rule (vote-visibility.ts).
 */
export interface CategoryDeps {
  env: Env;
  cfg: Config;
  upstream: (background: boolean) => Upstream;
  waitUntil: (p: Promise<unknown>) => void;
}

const depsOf = (c: Context<AppEnv>): CategoryDeps => ({
  env: c.env,
  cfg: c.get("cfg"),
  upstream: (background) => upstreamFor(c, background),
  waitUntil: (p) => c.executionCtx.waitUntil(p),
});

/** The index's copy of the categories; null when there is none to ask. */
async function fromIndex(d: CategoryDeps, id: number): Promise<Verdict | null> {
  const index = edgeIndex(d.env, d.cfg);
  if (!index) return null;
  try {
    const reader = index.reader();
    const m = await membershipsOf(reader, id);
    if (m.length) return verdictOf(m);
    // Nothing listed for it: it is unknown to the index only if the index has categories at all.
    const any = await reader.prepare("SELECT 1 AS x FROM categories LIMIT 1").first<number>("x");
    return any ? "unlisted" : null;
  } catch {
    return null;
  }
}

async function loadCategories(d: CategoryDeps, background: boolean): Promise<Category[]> {
  try {
    return parseCategories(await listCategories(d.upstream(background)));
  } catch (e) {
    if (e instanceof UpstreamShapeError) throw new UpstreamError("bad_answer");
    throw e;
  }
}

async function readListing(d: CategoryDeps) {
  const { value, outcome } = await readThrough<Category[]>({
    kv: d.env.HJ_CACHE,
    key: CATEGORIES_KEY,
    ttl: () => CATEGORIES_TTL,
    load: async (bg) => ({ status: 200, body: await loadCategories(d, bg) }),
    waitUntil: d.waitUntil,
  });
  return { memberships: membershipByArticle(value.body ?? []), justRead: outcome.kind === "miss" };
}

/** Article → categories, from the categories listing cached in KV (one upstream call per CATEGORIES_TTL). */
export async function cachedMemberships(c: Context<AppEnv>, background: boolean): Promise<Map<number, Membership[]>> {
  return (await readListing(depsOf(c))).memberships;
}

let refresh: { at: number; epoch: number; memberships: Promise<Map<number, Membership[]> | null> } | null = null;

/** For tests: forget this isolate's last refresh, as a fresh isolate would have none. */
export function forgetCategoryRefresh(): void {
  refresh = null;
}

/**
 * The categories listing read again for an article the known one does not hold: single-flight, and at
 * most once per CATEGORY_REFRESH_EVERY_MS in this isolate (a request in that time gets the last one read),
 * or once more after a purge. Stored in KV as readThrough stores it (kv-cache.ts), so other isolates and
 * the other readers of `cats:v1` see it too. null when it could not be read: the caller's "not public".
 */
function refreshedMemberships(d: CategoryDeps, background: boolean): Promise<Map<number, Membership[]> | null> {
  const now = Date.now();
  // A purge since (a webhook's change, or the sync's) may be about this very article: what was read
  // before it is not trusted, at the cost of one more read per purge.
  if (refresh && now - refresh.at < CATEGORY_REFRESH_EVERY_MS && refresh.epoch === flightEpoch()) return refresh.memberships;
  const epoch = flightEpoch();
  const memberships = loadCategories(d, background).then(
    (categories) => {
      // A refresh started after a purge since this one began has the newer listing: this older one must
      // not overwrite it in KV (other isolates would trust it for CATEGORIES_TTL).
      if (flightEpoch() !== epoch) return membershipByArticle(categories);
      const meta = { t: Date.now(), ttl: CATEGORIES_TTL };
      d.waitUntil(
        d.env.HJ_CACHE.put(CATEGORIES_KEY, JSON.stringify({ status: 200, body: categories }), {
          metadata: meta,
          expirationTtl: CATEGORIES_TTL + KEEP_STALE_SECONDS,
        }).catch(() => {}),
      );
      return membershipByArticle(categories);
    },
    // A failed read counts against the bound too: an upstream in trouble is not asked again at once.
    () => null,
  );
  refresh = { at: now, epoch, memberships };
  // Requests that join this one must not be left waiting if the request that started it ends first.
  d.waitUntil(memberships);
  return memberships;
}

/** Waits at most `ms` for a refresh another request started; null (so a 404) when it takes longer. */
function within<T>(p: Promise<T | null>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export function categoryPublic(c: Context<AppEnv>, id: number, background: boolean): Promise<boolean> {
  return categoryPublicWith(depsOf(c), id, background);
}

/**
 * categoryPublic without a request. Throws only when no listing at all could be read (nothing cached and
 * upstream failing); an unlisted article whose fresh listing cannot be read is false, not a throw.
 */
export async function categoryPublicWith(d: CategoryDeps, id: number, background: boolean): Promise<boolean> {
  let verdict = await fromIndex(d, id);
  if (verdict === null) {
    const listing = await readListing(d);
    verdict = verdictOf(listing.memberships.get(id));
    // A listing read from upstream for this very request is as fresh as a refresh would be.
    if (verdict === "unlisted" && listing.justRead) return false;
  }
  if (verdict !== "unlisted") return verdict === "public";
  const fresh = await within(refreshedMemberships(d, background), d.cfg.timeoutMs + 1_000);
  return fresh !== null && verdictOf(fresh.get(id)) === "public";
}
