/**
 * POST /v1/ask — a grounded answer from the knowledge base's public passages, or a decline. Everything a
 * visitor can get wrong is refused before anything is spent: origin, content type, body size and shape; the
 * per-client limit (the Rate Limiting binding) is counted beside the index's passage read, and only then
 * can a model be asked. Anonymous questions without history are answered from KV when asked before (no
 * neurons); a follow-up depends on its conversation and is never cached.
 */
import type { Context, Hono } from "hono";
import { askConfig } from "../core/ask/config";
import { sseEvent } from "../core/ask/sse";
import { askKey, normaliseQuery } from "../core/cache/key";
import { cacheStatus, type CacheOutcome } from "../core/cache/status";
import { MAX_ASK_BODY } from "../core/body-limits";
import { originAllowed } from "../core/config";
import { ApiError, errorBody } from "../core/errors";
import { answer, passagesFor, type AskOut, type AskOutcome, type Mode } from "../platform/ask/answer";
import { askBudget } from "../platform/ask/budget";
import type { Source } from "../platform/ask/passages";
import { parseJson, readBoundedText } from "../platform/bounded-body";
import { CLIENT_LIMIT_PERIOD_S, withinClientLimitSoon } from "../platform/client-limit";
import { LimitGrace } from "../core/limit-grace";
import { searchGeneration } from "../platform/cache/generation";
import { edgeIndex } from "../platform/index/edge-index";
import { currentPassages, indexEngine } from "../platform/index/replica";
import { recordAsk } from "../platform/insights/queue";
import { check } from "../middleware/validate";
import { AskBody } from "./schemas";
import type { AppEnv } from "../app-env";

/** The Rate Limiting binding's period for ASK_LIMITER (wrangler.toml): a client over it waits this long. */
export const ASK_LIMIT_PERIOD_S = CLIENT_LIMIT_PERIOD_S;

/**
 * Questions a client may ask in this isolate a period before each waits for ASK_LIMITER's verdict (they are
 * counted all the same): the first event of a question then waits for no limiter round trip.
 */
const ASK_GRACE = new LimitGrace(3, ASK_LIMIT_PERIOD_S * 1000);

const isJson = (type: string | undefined) => /^application\/json\s*(;|$)/i.test(type ?? "");

/** One answer as JSON: what the stream's events carry, gathered. */
interface Gathered {
  answered: boolean;
  answer: string;
  citations: number[];
  sources: Source[];
  mode: Mode;
}

async function gather(events: AsyncIterable<AskOut>): Promise<Gathered> {
  const g: Gathered = { answered: false, answer: "", citations: [], sources: [], mode: "extractive" };
  for await (const e of events) {
    if (e.event === "sources") g.sources = e.data;
    else if (e.event === "delta") g.answer += e.data.text;
    else Object.assign(g, e.data);
  }
  return g;
}

/** A gathered answer as events again: a cached answer streams like a fresh one. */
function* replay(g: Gathered): Generator<AskOut> {
  yield { event: "sources", data: g.sources };
  if (g.answer) yield { event: "delta", data: { text: g.answer } };
  yield { event: "done", data: { answered: g.answered, citations: g.citations, mode: g.mode } };
}

interface Stored {
  at: number;
}

export function askRoutes(app: Hono<AppEnv>) {
  app.post("/v1/ask", async (c) => {
    const ask = askConfig(c.env);
    if (!ask.on) throw new ApiError("not_found", "Ask is turned off on this worker");
    const cfg = c.get("cfg");
    if (!originAllowed(cfg, c.req.header("Origin"))) throw new ApiError("forbidden", "Questions are accepted only from the sites this worker serves");
    if (!isJson(c.req.header("Content-Type"))) throw new ApiError("bad_request", "Send the question as Content-Type: application/json");
    const body = check(AskBody, parseJson(await readBoundedText(c.req.raw, MAX_ASK_BODY)), "Bad question");

    const index = edgeIndex(c.env, cfg);
    if (!index || !(await index.ready())) {
      index?.ensureBuilt((p) => c.executionCtx.waitUntil(p));
      throw new ApiError("upstream_unavailable", "The knowledge base is still being indexed; ask again shortly", 30);
    }
    const lang = body.lang && cfg.languages.includes(body.lang) ? body.lang : cfg.languages[0];
    const anonymous = c.get("viewer").kind === "anonymous";
    const cacheable = anonymous && body.history.length === 0 && ask.ttl > 0;
    const generation = await searchGeneration(c.env.HJ_CACHE);
    const key = cacheable ? askKey(generation, lang, body.category, normaliseQuery(body.question)) : null;

    let outcome: CacheOutcome = cacheable ? { kind: "miss", stored: true } : { kind: "bypass" };
    let events: AsyncIterable<AskOut> | Iterable<AskOut>;
    const result: AskOutcome = { answered: false, mode: "extractive", neurons: 0 };
    // The passages from this isolate's copy when it holds a current one (as searches answer from it); when
    // it does not, D1 answers, and the copy is checked or loaded in the background for the next question.
    const passages = c.env.INDEX_REPLICA === "off" ? null : currentPassages(lang);
    if (!passages && c.env.INDEX_REPLICA !== "off") {
      const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
      waitUntil(indexEngine(index.primary, index.reader(), waitUntil, lang).catch(() => {}));
    }
    const deps = {
      db: index.reader(),
      passages,
      cfg: ask,
      ai: c.env.AI,
      budget: c.env.ASK_BUDGET ? askBudget(c.env.ASK_BUDGET) : undefined,
      waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
    };
    const question = { question: body.question, lang, category: body.category, history: body.history, generation };
    // The passages are looked for while the client's limit is counted and KV is asked for a cached answer,
    // so the first event waits for the slowest of the three, not for each in turn: the two requests go out
    // first, since a search of the isolate's copy runs to its end before it yields. The limit guards neurons
    // and the model, which nothing has touched yet: a client over it costs one index read (as a search
    // does), and gets its 429 before any answer. A hit lets the search finish unread.
    const checks = Promise.all([
      withinClientLimitSoon(c.env.ASK_LIMITER, c.get("client"), ASK_GRACE, (p) => c.executionCtx.waitUntil(p)),
      key ? c.env.HJ_CACHE.getWithMetadata<Gathered, Stored>(key, "json").catch(() => null) : null,
    ]);
    const found = passagesFor(question, deps);
    found.catch(() => {});
    const [allowed, hit] = await checks;
    if (!allowed) throw new ApiError("rate_limited", "Too many questions from this address; try again in a minute", ASK_LIMIT_PERIOD_S);
    if (hit?.value) {
      outcome = { kind: "hit", ttl: Math.max(0, ask.ttl - Math.floor((Date.now() - (hit.metadata?.at ?? 0)) / 1000)) };
      Object.assign(result, { answered: hit.value.answered, mode: hit.value.mode });
      events = replay(hit.value);
    } else {
      const live = answer(question, deps, result, found);
      events = key ? storing(live, c, key, ask.ttl) : live;
    }
    const done = () => recordAsk(c, { question: body.question, lang, answered: result.answered });

    if (/text\/event-stream/i.test(c.req.header("Accept") ?? "")) return stream(c, events, outcome, done);
    const g = await gather(events as AsyncIterable<AskOut>);
    done();
    const res = c.json({ question: body.question, ...g }, 200);
    res.headers.set("Cache-Status", cacheStatus(outcome));
    res.headers.set("Cache-Control", "no-store");
    return res;
  });
}

/** Passes the events on, and once they are all out, keeps the whole answer in KV for the next asker. */
async function* storing(events: AsyncIterable<AskOut>, c: Context<AppEnv>, key: string, ttl: number): AsyncGenerator<AskOut> {
  const g: Gathered = { answered: false, answer: "", citations: [], sources: [], mode: "extractive" };
  for await (const e of events) {
    if (e.event === "sources") g.sources = e.data;
    else if (e.event === "delta") g.answer += e.data.text;
    else Object.assign(g, e.data);
    yield e;
  }
  c.executionCtx.waitUntil(
    c.env.HJ_CACHE.put(key, JSON.stringify(g), { expirationTtl: Math.max(60, ttl), metadata: { at: Date.now() } satisfies Stored }).catch(() => {}),
  );
}

/**
 * The events as Server-Sent Events; a failure is the stream's `error` event. The first event (the sources,
 * found before the route gets here) is in the pipe before the response is handed over, so it leaves with
 * the headers rather than a turn of the event loop after them.
 */
async function stream(c: Context<AppEnv>, events: AsyncIterable<AskOut> | Iterable<AskOut>, outcome: CacheOutcome, done: () => void): Promise<Response> {
  // The runtime's own byte pipe: a JS TransformStream costs more to make than the rest of the route.
  const { readable, writable } = new IdentityTransformStream();
  const writer = writable.getWriter();
  const encoder = new TextEncoder();
  const write = (e: { event: Parameters<typeof sseEvent>[0]; data: unknown }) => writer.write(encoder.encode(sseEvent(e.event, e.data)));
  const it = Symbol.asyncIterator in events ? events[Symbol.asyncIterator]() : events[Symbol.iterator]();
  const fail = (err: unknown) =>
    write({ event: "error", data: err instanceof ApiError ? errorBody(err.code, err.message) : errorBody("upstream_unavailable", "The answer could not be finished; try again") });
  // The pipe holds no chunk of its own: a write settles once the response's reader takes it.
  let first: Promise<unknown>;
  let ended = false;
  let failed = false;
  try {
    const r = await it.next();
    ended = Boolean(r.done);
    first = r.done ? Promise.resolve() : write(r.value);
  } catch (err) {
    failed = true;
    first = fail(err);
  }
  c.executionCtx.waitUntil(
    (async () => {
      try {
        await first;
        if (failed) return;
        if (!ended) {
          // A turn of the event loop after the sources, so that they go out before the answer's work
          // starts (an extractive answer is worked out without a pause, and would hold them back).
          await new Promise((r) => setTimeout(r, 0));
          for (let r = await it.next(); !r.done; r = await it.next()) await write(r.value);
        }
        done();
      } catch (err) {
        // As a for-await loop would on leaving early: the answer's generator ends (a model's stream with it).
        await Promise.resolve(it.return?.()).catch(() => {});
        await fail(err).catch(() => {});
      } finally {
        await writer.close().catch(() => {});
      }
    })(),
  );
  return new Response(readable, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "Cache-Status": cacheStatus(outcome),
      "X-Accel-Buffering": "no",
    },
  });
}
