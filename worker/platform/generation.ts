/**
 * Cached searches are retired by bumping a generation that is part of every search key, because KV cannot
 * delete by pattern and listing every search key would be slow and eventually consistent anyway.
 */
import { SEARCH_GENERATION_KEY } from "../core/cache-key";

/**
 * The highest generation this isolate has seen. A failed (or eventually consistent, older) read must not
 * send searches back to generation 0, whose entries may be days old and were retired long ago.
 */
let lastSeen = 0;

export async function searchGeneration(kv: KVNamespace): Promise<number> {
  try {
    const v = await kv.get(SEARCH_GENERATION_KEY);
    const n = Number(v);
    if (Number.isSafeInteger(n) && n > lastSeen) lastSeen = n;
  } catch {
    // KV trouble: keep the last generation seen.
  }
  return lastSeen;
}

export async function bumpSearchGeneration(kv: KVNamespace): Promise<number> {
  // Time-based so two concurrent bumps (or KV's eventual consistency) never go backwards.
  const next = Math.max((await searchGeneration(kv)) + 1, Date.now());
  await kv.put(SEARCH_GENERATION_KEY, String(next));
  if (next > lastSeen) lastSeen = next;
  return next;
}
