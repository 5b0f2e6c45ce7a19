/**
 * Insights through the queue (binding HJ_EVENTS): the producer side the routes call, and the worker's own
 * `queue()` consumer, which writes the daily aggregates to D1 in batches (insights-store.ts).
 *
 * Recording never makes a request wait: events are gathered per isolate and sent from `waitUntil`, after
 * the response is on its way, and a failed send is dropped, never raised.
 */
import type { Config } from "../../core/config";
import { flushMs, insightLang, insightsOn, retentionDays } from "../../core/insights/config";
import { readMessage, type InsightEvent, type InsightMessage, type SearchSource } from "../../core/insights/events";
import { insightQuery } from "../../core/insights/scrub";
import type { Env } from "../../env";
import { applyMessages, enforceRetention } from "./store";

/** What recording needs of a request: Hono's context has it, and so does the hot path (hot-answer.ts). */
export interface RecordContext {
  env: Env;
  readonly executionCtx: { waitUntil(p: Promise<unknown>): void };
  get(key: "cfg"): Config;
}

/** An event, or a function that makes it (run after the response, so its work never delays one). */
export type Recordable = InsightEvent | null | (() => InsightEvent | null);

/** Events waiting to be sent, from every request of this isolate. */
let buffer: Recordable[] = [];
/**
 * When the gathering under way started (0: none). A gathering that never ends (its request cancelled
 * before the timer fired) is given up after its window and GIVE_UP_MS more.
 */
let gatheringSince = 0;
const GIVE_UP_MS = 10_000;
/** Events per queue message: a message is at most 128 KB, and an event a few hundred bytes. */
const EVENTS_PER_MESSAGE = 200;

/** Whether this worker records anything: INSIGHTS not off, and a queue to send to. */
export function recording(env: Env): boolean {
  return Boolean(env.HJ_EVENTS) && insightsOn(env);
}

/**
 * Records an event. Events are gathered per isolate: the request that finds no gathering under way starts
 * one (from its `waitUntil`); INSIGHTS_FLUSH_MS later it takes every event gathered meanwhile and sends
 * them as one message. Events that arrive while that message is on its way start the next gathering, so
 * a busy isolate sends about one message per window, and no request is kept open longer than one window
 * and one send.
 */
export function record(c: RecordContext, event: Recordable): void {
  if (!event || !recording(c.env)) return;
  buffer.push(event);
  const gatherMs = flushMs(c.env);
  if (gatheringSince && Date.now() - gatheringSince < gatherMs + GIVE_UP_MS) return;
  let ctx: { waitUntil(p: Promise<unknown>): void };
  try {
    ctx = c.executionCtx;
  } catch {
    return; // no execution context (a bare app.request in a unit test): the next request sends it
  }
  gatheringSince = Date.now();
  ctx.waitUntil(sendGathered(c.env.HJ_EVENTS!, gatherMs));
}

/** Waits `gatherMs` (at least a timer turn, so the response goes first), then sends what was gathered. */
async function sendGathered(queue: Queue<unknown>, gatherMs: number): Promise<void> {
  await new Promise((r) => setTimeout(r, gatherMs));
  const events = buffer;
  buffer = [];
  gatheringSince = 0;
  try {
    const made = events.map((e) => (typeof e === "function" ? e() : e)).filter((e): e is InsightEvent => e !== null);
    const messages: InsightMessage[] = [];
    for (let i = 0; i < made.length; i += EVENTS_PER_MESSAGE)
      messages.push({ v: 1, id: crypto.randomUUID(), at: Date.now(), events: made.slice(i, i + EVENTS_PER_MESSAGE) });
    if (messages.length === 1) await queue.send(messages[0], { contentType: "json" });
    else if (messages.length) await queue.sendBatch(messages.map((body) => ({ body, contentType: "json" as const })));
  } catch (e) {
    // Insights are never worth a failed request; the name only, as messages can carry text.
    console.warn("insights: events were not sent:", (e as Error)?.name ?? typeof e);
  }
}

/**
 * The queue consumer. Every message is counted once (its id); a message whose body is not ours is acked
 * and dropped; a D1 failure retries the batch (wrangler.toml: max_retries, then the dead-letter queue).
 * With INSIGHTS=off nothing is stored: messages still on the queue are acked and dropped.
 */
export async function consumeInsights(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (!insightsOn(env) || !env.HJ_INDEX) {
    batch.ackAll();
    return;
  }
  const messages: InsightMessage[] = [];
  for (const msg of batch.messages) {
    const m = readMessage(msg.body);
    if (m) messages.push(m);
  }
  try {
    if (messages.length) await applyMessages(env.HJ_INDEX, messages);
    batch.ackAll();
  } catch (e) {
    console.error("insights: a batch was not stored, retrying:", (e as Error)?.name ?? typeof e);
    batch.retryAll({ delaySeconds: 10 });
  }
}

/** The cron's part: aggregates older than INSIGHTS_RETENTION_DAYS go (whether or not insights are on). */
export async function insightsRetention(env: Env, now = Date.now()): Promise<void> {
  if (!env.HJ_INDEX) return;
  try {
    await enforceRetention(env.HJ_INDEX, retentionDays(env), now);
  } catch (e) {
    console.error("insights: retention failed:", (e as Error)?.name ?? typeof e);
  }
}

/** A search answered: the query is normalised and scrubbed (and `count` run) only after the response. */
export function recordSearch(c: RecordContext, query: string, lang: string | undefined, src: SearchSource, count: () => number): void {
  if (!recording(c.env)) return;
  const languages = c.get("cfg").languages;
  record(c, () => {
    const q = insightQuery(query);
    return q ? { k: "search", q, n: count(), src, lang: insightLang(languages, lang) } : null;
  });
}

/** An article read (a 200), in the language it was answered in. */
export function recordRead(c: RecordContext, article: { id: number; title: string; url: string; language?: string }, asked: string | undefined): void {
  if (!recording(c.env)) return;
  const languages = c.get("cfg").languages;
  record(c, () => ({
    k: "read",
    id: article.id,
    lang: insightLang(languages, languages.includes(article.language ?? "") ? article.language : asked),
    title: article.title.slice(0, 1000),
    url: article.url.slice(0, 2000),
  }));
}

/** A vote counted (routes/votes.ts calls it once a new vote is accepted; a repeat is not counted). */
export function recordVote(c: RecordContext, id: number, vote: "up" | "down"): void {
  record(c, { k: "vote", id, vote });
}

/** A question Ask answered or declined (scrubbed after the response, like a query). */
export function recordAsk(c: RecordContext, a: { question: string; lang: string; answered: boolean }): void {
  if (!recording(c.env)) return;
  const languages = c.get("cfg").languages;
  record(c, () => {
    const q = insightQuery(a.question);
    return q ? { k: "ask", q, answered: a.answered, lang: insightLang(languages, a.lang) } : null;
  });
}
