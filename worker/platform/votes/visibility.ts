/**
 * May an anonymous visitor vote on this article? Answered without an upstream read whenever the worker
 * already knows: the article cache (a shaped answer made for anonymous visitors, 200 or 404) says so.
 * A ready edge index knows the public articles as of its last sync: one it holds is public; one it lacks is
 * "unlisted", which is not public, or not yet in the index (published since, with no webhook heard). The
 * vote route reads an unlisted article as GET /v1/articles/:id would, so a vote on a public article the
 * index has not caught up with counts rather than failing; the read is cached (200 or 404) like any other.
 * When nothing knows (a cold start), the answer is "unknown" and the vote outbox checks again at delivery,
 * with an upstream read only then (checkAtDelivery below).
 */
import { articleKey } from "../../core/cache/key";
import type { Config } from "../../core/config";
import { unwrapArticle, UpstreamShapeError } from "../../core/articles/shape";
import { UpstreamError } from "../../core/upstream/error";
import { ANONYMOUS, articleVisible } from "../../core/articles/visibility";
import type { Env } from "../../env";
import { categoryPublicWith } from "../articles/category-check";
import { edgeIndex } from "../index/edge-index";
import { articleUpstream, type Upstream } from "../upstream/helpjuice";

export type Known = "visible" | "invisible" | "unlisted" | "unknown";

function cachedStatus(v: unknown): 200 | 404 | null {
  if (typeof v !== "object" || v === null) return null;
  const s = (v as { status?: unknown }).status;
  return s === 200 || s === 404 ? s : null;
}

/** The article cache: the default key and each mirrored language's (the widget reads with a lang). */
async function fromCache(env: Env, cfg: Config, id: number): Promise<Known> {
  const keys = [articleKey(id, undefined), ...cfg.languages.map((l) => articleKey(id, l))];
  const found = await Promise.all(
    keys.map((k) => env.HJ_CACHE.get(k, "json").then(cachedStatus, () => null)),
  );
  if (found.includes(200)) return "visible";
  if (found.includes(404)) return "invisible";
  return "unknown";
}

async function fromIndex(env: Env, cfg: Config, id: number): Promise<Known> {
  const index = edgeIndex(env, cfg);
  if (!index) return "unknown";
  try {
    if (!(await index.ready())) return "unknown";
    // The primary, not a read replica: one lagging behind could still hold an article just made private.
    const row = await index.primary.prepare("SELECT 1 AS x FROM docs WHERE article_id = ? LIMIT 1").bind(id).first<number>("x");
    return row ? "visible" : "unlisted";
  } catch {
    return "unknown";
  }
}

/** What the worker already knows, with no upstream call. */
export async function knownVisibility(env: Env, cfg: Config, id: number): Promise<Known> {
  const cached = await fromCache(env, cfg, id);
  return cached !== "unknown" ? cached : fromIndex(env, cfg, id);
}

/**
 * The article's category, decided as an article read decides it (category-check.ts): the index's copy or
 * the cached listing, and for an article neither lists (published after they were read) the shared fresh
 * listing. A vote on an article that is still unlisted, or whose fresh listing cannot be read, is dropped:
 * losing a vote is the lesser harm than counting one on an internal or private article.
 */
function categoryPublicAt(env: Env, cfg: Config, up: Upstream, id: number, waitUntil: (p: Promise<unknown>) => void): Promise<boolean> {
  // No visitor waits on a delivery: every call is a background one, billed to no client.
  return categoryPublicWith({ env, cfg, upstream: () => up, waitUntil }, id, true);
}

/**
 * The check a vote accepted on a cold start waits for: what the worker knows by now, else the article read
 * upstream (through the gate, like the vote) with its flags and its category. Throws the UpstreamError of a
 * read that failed; a 404 is an answer ("invisible"), not a failure.
 */
export async function checkAtDelivery(
  env: Env,
  cfg: Config,
  up: Upstream,
  id: number,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<"visible" | "invisible"> {
  const known = await knownVisibility(env, cfg, id);
  if (known === "visible" || known === "invisible") return known;
  let raw;
  try {
    raw = unwrapArticle(await articleUpstream(up, id, undefined, ANONYMOUS));
  } catch (e) {
    if (e instanceof UpstreamError && e.fault === "not_found") return "invisible";
    if (e instanceof UpstreamShapeError) throw new UpstreamError("bad_answer");
    throw e;
  }
  if (!articleVisible(raw, ANONYMOUS)) return "invisible";
  return (await categoryPublicAt(env, cfg, up, id, waitUntil)) ? "visible" : "invisible";
}
