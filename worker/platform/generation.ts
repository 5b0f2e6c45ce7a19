/**
 * Cached searches are retired by bumping a generation that is part of every search key, because KV cannot
 * delete by pattern and listing every search key would be slow and eventually consistent anyway.
 */
import { SEARCH_GENERATION_KEY } from "../core/cache-key";

export async function searchGeneration(kv: KVNamespace): Promise<number> {
  try {
    const v = await kv.get(SEARCH_GENERATION_KEY);
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  } catch {
    return 0;
  }
}

export async function bumpSearchGeneration(kv: KVNamespace): Promise<number> {
  // Time-based so two concurrent bumps (or KV's eventual consistency) never go backwards.
  const next = Math.max((await searchGeneration(kv)) + 1, Date.now());
  await kv.put(SEARCH_GENERATION_KEY, String(next));
  return next;
}
