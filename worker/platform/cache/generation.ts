/**
 * Cached searches are retired by bumping a generation that is part of every search key, because KV cannot
 * delete by pattern and listing every search key would be slow and eventually consistent anyway.
 *
 * The generation is remembered per isolate for GENERATION_MEMO_MS rather than read from KV on every search
 * (docs/design.md, "Hot path"). A bump made in this isolate (the webhook's) is seen here at once; one made
 * elsewhere (another isolate's webhook, the index sync) within GENERATION_MEMO_MS of KV showing it.
 */
import { SEARCH_GENERATION_KEY } from "../../core/cache/key";

/** How long an isolate trusts the generation it last read. */
export const GENERATION_MEMO_MS = 3_000;

/**
 * The highest generation this isolate has seen. A failed (or eventually consistent, older) read must not
 * send searches back to generation 0, whose entries may be days old and were retired long ago.
 */
let lastSeen = 0;
/** When, and from which namespace, lastSeen was last read (a failed read is not remembered: it is retried). */
let readAt = Number.NEGATIVE_INFINITY;
let readFrom: KVNamespace | null = null;

async function readGeneration(kv: KVNamespace, now: number): Promise<number> {
  try {
    const v = await kv.get(SEARCH_GENERATION_KEY);
    const n = Number(v);
    if (Number.isSafeInteger(n) && n > lastSeen) lastSeen = n;
    readAt = now;
    readFrom = kv;
  } catch {
    // KV trouble: keep the last generation seen.
  }
  return lastSeen;
}

export async function searchGeneration(kv: KVNamespace, now = Date.now()): Promise<number> {
  return knownSearchGeneration(kv, now) ?? readGeneration(kv, now);
}

/** The generation this isolate remembers, if its memo is current; null means it has to be read. */
export function knownSearchGeneration(kv: KVNamespace, now = Date.now()): number | null {
  return kv === readFrom && now >= readAt && now - readAt < GENERATION_MEMO_MS ? lastSeen : null;
}

export async function bumpSearchGeneration(kv: KVNamespace): Promise<number> {
  // Read afresh, not remembered. Time-based so two concurrent bumps (or KV's eventual consistency) never go
  // backwards.
  const next = Math.max((await readGeneration(kv, Date.now())) + 1, Date.now());
  await kv.put(SEARCH_GENERATION_KEY, String(next));
  // This isolate's searches use the new generation from now on, without waiting for the memo to lapse.
  if (next > lastSeen) lastSeen = next;
  readAt = Date.now();
  readFrom = kv;
  return next;
}

/** For tests: the next search reads the generation from KV. */
export function forgetSearchGeneration(): void {
  readAt = Number.NEGATIVE_INFINITY;
  readFrom = null;
}
