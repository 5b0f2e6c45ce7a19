import type { Context } from "hono";
import { cacheStatus, type CacheOutcome } from "../core/cache/status";
import { ApiError, errorBody } from "../core/errors";
import type { Cached, ReadResult } from "../platform/cache/kv";
import { recall, remember, type Remembered } from "../platform/cache/answer-memory";
import { flightEpoch } from "../platform/cache/single-flight";
import type { AppEnv } from "../app-env";

/** Browsers may keep a public answer this long; after that the ETag makes revalidation cheap. */
export const BROWSER_MAX_AGE = 60;

/** A cached answer as an HTTP response, with the headers that say where it came from. */
export function respond<T>(
  c: Context<AppEnv>,
  value: Cached<T>,
  outcome: CacheOutcome,
  body: (v: T) => unknown,
  notFound: string,
): Response {
  const res =
    value.status === 404 || value.body === null
      ? c.json(errorBody("not_found", notFound), 404)
      : c.json(body(value.body), 200);
  res.headers.set("Cache-Status", cacheStatus(outcome));
  res.headers.set(
    "Cache-Control",
    outcome.kind === "bypass" ? "private, no-store" : `public, max-age=${BROWSER_MAX_AGE}`,
  );
  // The answer depends on who asks; shared caches must not mix them up.
  res.headers.append("Vary", "Authorization");
  return res;
}

// ---- the in-isolate tier (platform/cache/answer-memory.ts) ---------------------------------------------------

/** Where an anonymous answer is kept in this isolate's memory, and the purge mark taken before it was read. */
export interface Shared {
  key: string;
  epoch: number;
}

/**
 * For an anonymous answer only (a signed user's never enters the tier): `kvKey` plus what else shapes the
 * body (a search's limit and the query as typed, which it echoes). Take it before reading KV.
 */
export function shared(c: Context<AppEnv>, kvKey: string, ...shape: Array<string | number>): Shared | null {
  if (c.get("viewer").kind !== "anonymous") return null;
  return { key: memoKey(kvKey, shape), epoch: flightEpoch() };
}

/** The memory tier's key: the KV key first (purges name it), then what else shapes the body. */
export function memoKey(kvKey: string, shape: Array<string | number>): string {
  return shape.length ? `${kvKey}\u0000${shape.join("\u0000")}` : kvKey;
}

/** Cache-Status of an answer from the memory tier: the KV entry's hit with its freshness, then hj-mem. */
export function memoryHitStatus(hit: Remembered, now: number): string {
  return `${cacheStatus({ kind: "hit", ttl: Math.floor((hit.freshUntil - now) / 1000) })}, hj-mem; hit`;
}

/**
 * The remembered answer for `memo` as a response (RFC 9211: the KV entry's hit with its freshness, and the
 * memory tier in front of it listed last), with its body for whoever records it; null on a miss.
 */
export function fromMemory(c: Context<AppEnv>, memo: Shared | null): { res: Response; body: string } | null {
  if (!memo) return null;
  const now = Date.now();
  const hit = recall(memo.key, now);
  if (!hit) return null;
  const res = c.body(hit.body, 200, { "Content-Type": "application/json; charset=utf-8" });
  res.headers.set("Cache-Status", memoryHitStatus(hit, now));
  res.headers.set("Cache-Control", `public, max-age=${BROWSER_MAX_AGE}`);
  // Computed once, when the answer was remembered; hono/etag uses it as it is.
  res.headers.set("ETag", hit.etag);
  res.headers.append("Vary", "Authorization");
  return { res, body: hit.body };
}

/**
 * `respond`, and an anonymous 200 that KV holds fresh as it is goes into this isolate's memory on the way
 * out (with its ETag, which this response then carries too).
 */
export async function respondShared<T>(
  c: Context<AppEnv>,
  read: ReadResult<T>,
  memo: Shared | null,
  body: (v: T) => unknown,
  notFound: string,
): Promise<Response> {
  const { value, outcome, freshUntil } = read;
  const keep = memo && freshUntil !== undefined && value.status === 200 && value.body !== null && outcome.kind !== "bypass";
  if (!keep) return respond(c, value, outcome, body, notFound);
  const text = JSON.stringify(body(value.body as T));
  const res = c.body(text, 200, { "Content-Type": "application/json; charset=utf-8" });
  res.headers.set("Cache-Status", cacheStatus(outcome));
  res.headers.set("Cache-Control", `public, max-age=${BROWSER_MAX_AGE}`);
  res.headers.append("Vary", "Authorization");
  const etag = await remember(memo.key, text, freshUntil, memo.epoch);
  if (etag) res.headers.set("ETag", etag);
  return res;
}

/** A JSON body's value, parsed only when a property is first read (for insights, recorded after the response). */
export function lazyJson<T extends object>(text: string, pick: (parsed: any) => T): T {
  let v: T | undefined;
  return new Proxy({} as T, { get: (_, p) => (v ??= pick(JSON.parse(text)))[p as keyof T] });
}

/**
 * An index answer, remembered under its normalised query, as echoing the query this visitor typed. The query
 * leads the JSON, so only its head changes: no parse of the whole answer on every keystroke of a
 * capitalised question.
 */
export function echoQuery(text: string, normalised: string, typed: string): string {
  if (typed === normalised) return text;
  const head = `{"query":${JSON.stringify(normalised)}`;
  return text.startsWith(head) ? `{"query":${JSON.stringify(typed)}${text.slice(head.length)}` : JSON.stringify({ ...JSON.parse(text), query: typed });
}

export { ApiError };
