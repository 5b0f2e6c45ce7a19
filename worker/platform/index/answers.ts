/**
 * Anonymous index answers remembered in the isolate, by query, language, category and limit: the in-isolate
 * tier (docs/design.md, "Hot path"). Its own module because both the routes and the sync (which clears
 * it after a write in this isolate) use it.
 */
import { MemoryLru } from "../../core/cache/memory-lru";
import { etagOf } from "../cache/answer-memory";

/**
 * The index's writes happen in the sync object, which cannot reach every isolate, so entries live
 * only INDEX_ANSWER_TTL_MS: a change the index took in is in every isolate's answers that much later.
 */
export const INDEX_ANSWER_TTL_MS = 5_000;
export const indexAnswers = new MemoryLru(4 * 1024 * 1024, INDEX_ANSWER_TTL_MS);

/** Where an anonymous index answer is remembered: everything that shapes it. */
export function indexAnswerKey(lang: string, category: number | undefined, limit: number, normalised: string): string {
  return `${lang}|${category ?? "-"}|${limit}|${normalised}`;
}

/** A remembered index answer and its ETag (computed once, when it was remembered, not per request). */
export function recallIndexAnswer(key: string, now = Date.now()): { etag: string; text: string } | null {
  const s = indexAnswers.get(key, now);
  if (s === null) return null;
  const cut = s.indexOf("\n");
  return { etag: s.slice(0, cut), text: s.slice(cut + 1) };
}

export async function rememberIndexAnswer(key: string, text: string): Promise<string> {
  const etag = await etagOf(new TextEncoder().encode(text));
  indexAnswers.set(key, `${etag}\n${text}`);
  return etag;
}

