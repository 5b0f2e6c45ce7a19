/**
 * Is an article's category public? Article objects name no category, so the answer comes from the
 * categories listing: the copy the index sync keeps in D1 when there is one, else a listing cached in KV
 * (one upstream call per CATEGORIES_TTL, never one per read). An article that no category lists is not
 * known to be public, so an anonymous visitor gets a 404 until the next sync or webhook lists it.
 */
import type { Context } from "hono";
import { categoryVerdict, membershipByArticle, parseCategories, type Category, type Membership } from "../core/categories";
import { UpstreamShapeError } from "../core/shape";
import { UpstreamError } from "../core/upstream-error";
import type { AppEnv } from "../app-env";
import { edgeIndex } from "./edge-index";
import { listCategories } from "./helpjuice";
import { membershipsOf } from "./index-store";
import { readThrough } from "./kv-cache";
import { upstreamFor } from "./upstream-context";

const CATEGORIES_KEY = "cats:v1";
const CATEGORIES_TTL = 600;

async function fromIndex(c: Context<AppEnv>, id: number): Promise<boolean | null> {
  const index = edgeIndex(c.env, c.get("cfg"));
  if (!index) return null;
  try {
    const reader = index.reader();
    const m = await membershipsOf(reader, id);
    if (m.length) return categoryVerdict(m).public;
    // Nothing listed for it: trust that only if the index has categories at all.
    const any = await reader.prepare("SELECT 1 AS x FROM categories LIMIT 1").first<number>("x");
    return any ? false : null;
  } catch {
    return null;
  }
}

/** Article → categories, from the categories listing cached in KV (one upstream call per CATEGORIES_TTL). */
export async function cachedMemberships(c: Context<AppEnv>, background: boolean): Promise<Map<number, Membership[]>> {
  const { value } = await readThrough<Category[]>({
    kv: c.env.HJ_CACHE,
    key: CATEGORIES_KEY,
    ttl: () => CATEGORIES_TTL,
    load: async (bg) => {
      try {
        return { status: 200, body: parseCategories(await listCategories(upstreamFor(c, bg))) };
      } catch (e) {
        if (e instanceof UpstreamShapeError) throw new UpstreamError("bad_answer");
        throw e;
      }
    },
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  return membershipByArticle(value.body ?? []);
}

async function fromListing(c: Context<AppEnv>, id: number, background: boolean): Promise<boolean> {
  return categoryVerdict((await cachedMemberships(c, background)).get(id)).public;
}

export async function categoryPublic(c: Context<AppEnv>, id: number, background: boolean): Promise<boolean> {
  return (await fromIndex(c, id)) ?? (await fromListing(c, id, background));
}
