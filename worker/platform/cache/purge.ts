/**
 * Cache purges shared by the webhook route and the index sync: every cached language of an article, and
 * this isolate's memo of it, so the next read goes upstream.
 */
import { articleKey, articlePrefix } from "../../core/cache/key";
import { forgetFlights } from "./single-flight";

export async function purgeArticle(kv: KVNamespace, id: number): Promise<number> {
  const prefix = articlePrefix(id);
  const listed = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, cursor });
    for (const k of page.keys) listed.add(k.name);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  // KV's list is eventually consistent, so the default language is deleted by name whether listed or not.
  await Promise.all([...listed, articleKey(id, undefined)].map((k) => kv.delete(k)));
  forgetFlights(prefix);
  // A signed user's memo of the article is keyed by their email first; those memos live seconds, but a
  // purge should not be undone even for that long.
  forgetFlights("u:");
  return listed.size;
}
