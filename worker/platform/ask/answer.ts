/**
 * One question, answered: the passages that may answer it, then the answer from Workers AI (when bound,
 * wanted and within the day's neurons) or from the extractive answerer, as a sequence of Ask events that
 * the route sends as Server-Sent Events or gathers into one JSON body. A question the knowledge base does
 * not answer well enough (core/ask/ground.ts) is declined here, before any model is called.
 */
import { CitationFilter } from "../../core/ask/citations";
import type { AskConfig } from "../../core/ask/config";
import { extract } from "../../core/ask/extractive";
import { neededShare } from "../../core/ask/ground";
import { approxTokens, neurons } from "../../core/ask/neurons";
import { askMessages, MAX_TOKENS, REFUSAL, type Turn } from "../../core/ask/prompt";
import { answerKind } from "../../core/ask/question";
import { streamAnswer, type AiBinding } from "./ai";
import type { AskBudget } from "./budget";
import { retrieve, type Retrieved, type Source } from "./passages";
import type { Replica } from "../../core/index/replica";

export type Mode = "ai" | "extractive";

export type AskOut =
  | { event: "sources"; data: Source[] }
  | { event: "delta"; data: { text: string } }
  | { event: "done"; data: { answered: boolean; citations: number[]; mode: Mode } };

export interface Question {
  question: string;
  lang: string;
  category?: number;
  history: Turn[];
  /** The search generation the question is answered in (see retrieve). */
  generation: number;
}

export interface AskDeps {
  db: D1Database | D1DatabaseSession;
  /** The isolate's current copy of the language's passages (no D1 round trip), when it holds one. */
  passages?: Replica | null;
  cfg: AskConfig;
  ai?: AiBinding;
  budget?: DurableObjectStub<AskBudget>;
  /** For work that outlives the response (settling the budget). */
  waitUntil(p: Promise<unknown>): void;
}

/** How the answer was reached, for insights and the log line. */
export interface AskOutcome {
  answered: boolean;
  mode: Mode;
  neurons: number;
}

/**
 * A follow-up ("and on my phone?") often names nothing on its own: when it alone finds too little, the
 * previous question lends it its subject.
 */
export async function passagesFor(q: Question, deps: AskDeps): Promise<Retrieved> {
  const own = await retrieve(deps.db, q.question, q.lang, q.category, q.generation, deps.passages);
  const last = q.history.at(-1);
  if (own.best >= neededShare(own.question) || !last) return own;
  const joined = await retrieve(deps.db, `${last.question} ${q.question}`, q.lang, q.category, q.generation, deps.passages);
  return joined.best - neededShare(joined.question) > own.best - neededShare(own.question) ? joined : own;
}

/** `found`: the passages, when the caller started looking for them already (beside its cache lookup). */
export async function* answer(q: Question, deps: AskDeps, outcome: AskOutcome, found$ = passagesFor(q, deps)): AsyncGenerator<AskOut> {
  const found = await found$;
  if (found.best < neededShare(found.question)) {
    yield { event: "sources", data: [] };
    yield { event: "done", data: { answered: false, citations: [], mode: "extractive" } };
    return;
  }
  yield { event: "sources", data: found.passages.map((p) => p.source) };
  if (deps.ai && deps.cfg.mode === "auto" && deps.budget) {
    const viaModel = yield* fromModel(q, found, deps, outcome);
    if (viaModel) return;
  }
  outcome.mode = "extractive";
  const got = extract(found.passages, found.question, answerKind(q.question, q.lang), q.lang);
  if (!got) {
    yield { event: "done", data: { answered: false, citations: [], mode: "extractive" } };
    return;
  }
  outcome.answered = true;
  yield { event: "delta", data: { text: got.text } };
  yield { event: "done", data: { answered: true, citations: got.citations, mode: "extractive" } };
}

class Timeout extends Error {}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout()), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/**
 * The model's answer, checked citation by citation. Returns false when the model could not be used (no
 * budget left, an error or a timeout before anything was shown): the extractive answerer then answers.
 */
async function* fromModel(q: Question, found: Retrieved, deps: AskDeps, outcome: AskOutcome): AsyncGenerator<AskOut, boolean> {
  const { cfg } = deps;
  const messages = askMessages(q.question, found.passages, q.history);
  const inputTokens = approxTokens(messages.map((m) => m.content).join("\n")) + 16 * messages.length;
  const reserved = neurons(cfg.model, inputTokens, MAX_TOKENS);
  const reservedAt = Date.now();
  try {
    if (!(await deps.budget!.reserve(reserved, cfg.dailyNeurons, reservedAt)).ok) return false;
  } catch {
    return false;
  }
  const settle = (used: number) => deps.waitUntil(deps.budget!.settle(reserved, used, reservedAt).catch(() => {}));
  const filter = new CitationFilter(new Set(found.passages.map((p) => p.n)));
  let shown = false;
  let text = "";
  let stream;
  let first: IteratorResult<string>;
  try {
    stream = await within(streamAnswer(deps.ai!, cfg.model, messages), cfg.aiTimeoutMs);
    first = await within(stream.chunks.next(), cfg.aiTimeoutMs);
  } catch {
    // The model failed or kept us waiting before any text: nothing was shown, so nothing was spent on it
    // that we can know of; the reservation is given back in full.
    settle(0);
    return false;
  }
  outcome.mode = "ai";
  try {
    for (let r = first; !r.done; r = await within(stream.chunks.next(), cfg.aiTimeoutMs)) {
      text += r.value;
      const out = filter.push(r.value);
      if (out) {
        shown = true;
        yield { event: "delta", data: { text: out } };
      }
    }
  } catch {
    // Cut off mid-answer: what was shown stands (it was cited); what was held is dropped below.
  }
  const usage = stream.usage();
  settle(usage ? neurons(cfg.model, usage.input, usage.output) : neurons(cfg.model, inputTokens, approxTokens(text)));
  outcome.neurons = usage ? neurons(cfg.model, usage.input, usage.output) : neurons(cfg.model, inputTokens, approxTokens(text));
  const end = filter.end();
  const refused = text.trim().startsWith(REFUSAL);
  if (end.text) yield { event: "delta", data: { text: end.text } };
  const answered = end.answered && (shown || !!end.text) && !refused;
  outcome.answered = answered;
  yield { event: "done", data: { answered, citations: answered ? end.citations : [], mode: "ai" } };
  return true;
}
