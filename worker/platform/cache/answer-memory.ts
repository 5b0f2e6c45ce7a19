/**
 * The in-isolate tier in front of KV (docs/design.md, "Hot path"): the response body, ETag and freshness of
 * hot anonymous answers (articles, and searches Helpjuice answered), so a repeated answer costs neither a KV
 * read nor a JSON round trip nor a hash for its ETag. Only answers KV holds as they are, and only while KV
 * would call them fresh: this tier never makes an answer fresher than KV, and stale-while-revalidate stays
 * KV's (a stale entry is not held, so the request goes to KV, which serves it and refreshes it).
 * Impersonated answers never come here: routes only ask for anonymous viewers.
 *
 * Purges:
 * - in the isolate that purges (the webhook's purgeArticle, or forgetFlights for every key), at once: each
 *   entry carries the single-flight epoch taken before its answer was read, and an entry whose key a purge
 *   has named since is dropped when asked for (`purgedSince`); a search generation bumped here is used here
 *   at once, and the entries of the old one are no longer asked for;
 * - in every other isolate within ANSWER_MEMORY_TTL_MS (5 s) for articles, and GENERATION_MEMO_MS (3 s)
 *   for searches, on top of the time KV takes to show the purge there (as before this tier).
 */
import { MemoryLru } from "../../core/cache/memory-lru";
import { purgedSince } from "./single-flight";

/** The longest an entry lives: the bound on a purge made in another isolate reaching this one. */
export const ANSWER_MEMORY_TTL_MS = 5_000;
/** The tier's size, in the bytes MemoryLru counts (UTF-16: two a character); one entry at most a quarter. */
export const ANSWER_MEMORY_BYTES = 8 * 1024 * 1024;
/**
 * The largest body held, in UTF-8 bytes. hono/etag hashes a body under 256 KiB in one piece (SHA-1), and
 * the ETag kept here must be the one it would have computed, so a revalidation matches either way.
 */
export const MAX_ANSWER_BYTES = 256 * 1024 - 1;

export const answerMemory = new MemoryLru(ANSWER_MEMORY_BYTES, ANSWER_MEMORY_TTL_MS);

export interface Remembered {
  body: string;
  etag: string;
  /** When KV stops calling it fresh (ms since the epoch). */
  freshUntil: number;
}

/** Held as one string, "epoch\nfreshUntil\netag\nbody" (MemoryLru holds strings, and counts their size). */
function encode(epoch: number, r: Remembered): string {
  return `${epoch}\n${r.freshUntil}\n${r.etag}\n${r.body}`;
}

/** A fresh, unpurged entry for `key`, or null. `key` starts with the KV key, which is what purges name. */
export function recall(key: string, now = Date.now()): Remembered | null {
  const s = answerMemory.get(key, now);
  if (s === null) return null;
  const a = s.indexOf("\n");
  const b = s.indexOf("\n", a + 1);
  const d = s.indexOf("\n", b + 1);
  const epoch = Number(s.slice(0, a));
  const freshUntil = Number(s.slice(a + 1, b));
  if (!(freshUntil > now) || purgedSince(key, epoch)) {
    answerMemory.delete(key);
    return null;
  }
  return { freshUntil, etag: s.slice(b + 1, d), body: s.slice(d + 1) };
}

const utf8 = new TextEncoder();

/** hono/etag's ETag for a body under 256 KiB: the SHA-1 of its UTF-8 bytes, quoted. */
export async function etagOf(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
  let hex = "";
  for (const x of digest) hex += x.toString(16).padStart(2, "0");
  return `"${hex}"`;
}

/**
 * Keeps `body` for `key` until `freshUntil` (or the tier's TTL, whichever is first), and returns its ETag;
 * null when it is not kept (too big, or no longer fresh). `epoch` is flightEpoch() taken before the answer
 * was read: a purge since then keeps it out.
 */
export async function remember(key: string, body: string, freshUntil: number, epoch: number, now = Date.now()): Promise<string | null> {
  if (!(freshUntil > now) || body.length > MAX_ANSWER_BYTES) return null;
  const bytes = utf8.encode(body);
  if (bytes.byteLength > MAX_ANSWER_BYTES) return null;
  const etag = await etagOf(bytes);
  // A purge that landed while the answer was read (or hashed) must not be undone here.
  if (purgedSince(key, epoch)) return etag;
  answerMemory.set(key, encode(epoch, { body, etag, freshUntil }), now);
  return etag;
}

/** For tests. */
export function forgetAnswers(): void {
  answerMemory.clear();
}
