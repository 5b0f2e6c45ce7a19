// Ask on SQuAD 2.0 (its public half): each of its Wikipedia articles becomes one help-centre article in the
// fake (paragraphs as <p>, one public category), and its questions are asked through POST /v1/ask with the
// extractive answerer (no AI binding), as a visitor would. Scored as the data set's README says:
// - answerable: the answer contains a gold answer (SQuAD's normalisation) and cites the question's article;
// - not in the knowledge base: the question's own article is unpublished (webhook), and the question must
//   be declined, at the same settings;
// - citation precision: cited sources that are public articles of the knowledge base (must be 1.00);
// - SQuAD's own unanswerable questions declined: reported, not a target;
// - first event (sources) p50 beside a cached search's p50, and a repeated question from cache.
// Data: BENCH_DATA/squad2/squad2-dev-public.json (CC BY-SA 4.0, not shipped; "not measured" when absent).
//
//   node bench/ask.mjs        this phase alone, on its own stack (prints the result as JSON)
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check, n } from "./format.mjs";
import { HOST, get, pct, round, send } from "./lib.mjs";
import { notMeasured } from "./steps.mjs";

const CONCURRENCY = 4;
/** Per article, in the not-in-the-knowledge-base track: enough to score it, few enough to rotate all 18. */
const REMOVED_PER_ARTICLE = 40;
const IMPOSSIBLE_SAMPLE = 800;
const LATENCY_SAMPLES = 100;
/** worker/platform/index/replica.ts's WEBHOOK_HOLD_OFF_MS, and a little more. */
const HOLD_OFF_MS = 10_500;

/** Searches until the isolate holds its copy of the index again (health's in_memory); how long that took. */
async function copyInMemory(workerUrl) {
  const t0 = performance.now();
  while (performance.now() - t0 < 30_000) {
    await fetch(`${workerUrl}/v1/search?q=history&limit=1`).then((r) => r.arrayBuffer());
    const h = await fetch(`${workerUrl}/v1/health`).then((r) => r.json());
    if (h.index?.in_memory?.length) return round(performance.now() - t0, 0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
const WEBHOOK_SECRET = "dev-stack-webhook-secret";
const BUDGETS = { answerable: 0.72, declinedOutOfKb: 0.85, citationPrecision: 1, firstEventVsCachedSearch: 1.5 };

export const squadPath = (data) => join(data, "squad2", "squad2-dev-public.json");

/** SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalise(s) {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\b(a|an|the)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Does the answer (its [n] markers dropped) hold one of the gold answers? */
export function containsGold(answer, golds) {
  const a = ` ${normalise(answer.replace(/\[\d+\]/g, " "))} `;
  return golds.some((g) => {
    const n = normalise(g);
    return n && a.includes(` ${n} `);
  });
}

const escapeHtml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function post(agent, url, body, accept = "application/json", origin = new URL(url).origin) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      { method: "POST", agent, headers: { "Content-Type": "application/json", Accept: accept, Origin: origin, "Content-Length": data.length } },
      (res) => {
        let text = "";
        let first = null;
        res.setEncoding("utf8");
        res.on("data", (c) => {
          if (first === null && /event: sources/.test(text + c)) first = performance.now() - t0;
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text, firstMs: first, ms: performance.now() - t0 }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(data);
  });
}

/** Runs `items` through `fn`, CONCURRENCY at a time, in order of the list. */
async function pool(items, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export async function askBench({ data: dataDir, startStack, log, onStack = () => {} }) {
  const file = squadPath(dataDir);
  if (!existsSync(file)) return notMeasured(`${file} is absent (BENCH_DATA names its folder): Ask was not measured`);
  const articles = JSON.parse(readFileSync(file, "utf8"));
  const idOf = new Map(articles.map((a, i) => [a.title, 1001 + i]));
  const questions = articles.flatMap((a) => a.paragraphs.flatMap((p) => p.qas.map((q) => ({ ...q, article: idOf.get(a.title), title: a.title }))));
  const answerable = questions.filter((q) => !q.is_impossible && q.answers.length);
  const impossible = questions.filter((q) => q.is_impossible);
  log(`  SQuAD 2.0 (public half): ${articles.length} articles, ${answerable.length} answerable and ${impossible.length} unanswerable questions`);

  // Taking 18 articles out and back in is 72 webhook reads: the upstream budget is not what this measures, so
  // the stack's Helpjuice allows more than a real account's 100 a minute.
  const stack = await startStack({
    fakePort: 0,
    workerPort: 0,
    quiet: true,
    host: HOST,
    readyPath: "/hj-search.js",
    fakeRateLimit: 100_000,
    // REQUEST_LOG=off as on the other stacks (bench/stacks.mjs): wrangler dev relays every log line.
    vars: { SEARCH_SOURCE: "index", ASK_TTL: "3600", UPSTREAM_RATE_LIMIT: "10000", REQUEST_LOG: "off" },
  });
  onStack(() => stack.stop());
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  // wrangler dev may reload workerd (a file it watches changed); a POST caught in it is asked again, once.
  const ask = async (question, extra = {}, accept) => {
    const r = await post(agent, `${stack.workerUrl}/v1/ask`, { question, ...extra }, accept);
    if (!/restarted mid-request/.test(r.text)) return r;
    await stack.ready();
    return post(agent, `${stack.workerUrl}/v1/ask`, { question, ...extra }, accept);
  };
  const hook = (id) =>
    send("POST", `${stack.workerUrl}/v1/webhooks/helpjuice?secret=${WEBHOOK_SECRET}`, {
      event: "question_update",
      activity_fields: { action: "update", trackable_type: "Question", trackable_id: id },
    });
  try {
    const corpus = {
      categories: [{ id: 1, name: "Encyclopedia", accessibility: 1 }],
      articles: articles.map((a) => ({ id: idOf.get(a.title), name: a.title.replace(/_/g, " "), body: a.paragraphs.map((p) => `<p>${escapeHtml(p.text)}</p>`).join("\n"), category_ids: [1] })),
    };
    const put = await send("PUT", `${stack.fakeUrl}/__fake/corpus`, corpus, 120_000);
    if (put.status !== 200) throw new Error(`PUT /__fake/corpus answered ${put.status}: ${put.body.slice(0, 300)}`);
    // The first question starts the first build (503 until it is ready).
    const deadline = Date.now() + 120_000;
    for (;;) {
      const r = await ask("warm up?");
      if (r.status === 200) break;
      if (Date.now() > deadline) throw new Error(`the index was not ready within 120 s (last POST /v1/ask: ${r.status} ${r.text.slice(0, 200)})`);
      await new Promise((res) => setTimeout(res, 500));
    }

    const sources = new Set(corpus.articles.map((a) => a.id));
    let cited = 0;
    let citedPublic = 0;
    const judge = (r, q, removed = null) => {
      const b = JSON.parse(r.text);
      const ids = b.citations.map((c) => b.sources.find((s) => s.n === c)?.id);
      cited += ids.length;
      citedPublic += ids.filter((id) => sources.has(id) && id !== removed).length;
      return { answered: b.answered, rightArticle: ids.includes(q.article), gold: b.answered && containsGold(b.answer, q.answers), words: b.answer.replace(/\[\d+\]/g, "").split(/\s+/).filter(Boolean).length };
    };

    // Answerable, the whole knowledge base in.
    let t = performance.now();
    const a = await pool(answerable, async (q) => judge(await ask(q.question), q));
    const correct = a.filter((x) => x.gold && x.rightArticle).length;
    log(`  answerable: ${correct}/${a.length} correct (${round(correct / a.length, 3)}), ${a.filter((x) => !x.answered).length} declined, in ${round((performance.now() - t) / 1000, 1)} s`);

    // SQuAD's own unanswerable questions (written to look answerable): declined share, reported only.
    const imp = impossible.filter((_, i) => i % Math.ceil(impossible.length / IMPOSSIBLE_SAMPLE) === 0);
    const ia = await pool(imp, async (q) => judge(await ask(q.question), q));
    const impDeclined = ia.filter((x) => !x.answered).length;

    // Not in the knowledge base: each article in turn unpublished (webhook), its questions asked, then back.
    t = performance.now();
    const out = [];
    for (const art of corpus.articles) {
      const qs = answerable.filter((q) => q.article === art.id);
      const sample = qs.filter((_, i) => i % Math.max(1, Math.floor(qs.length / REMOVED_PER_ARTICLE)) === 0).slice(0, REMOVED_PER_ARTICLE);
      await send("POST", `${stack.fakeUrl}/__fake/articles/${art.id}`, { published: false });
      await hook(art.id);
      await until(async () => !(await citesArticle(ask, art, qs[0])), `article ${art.id} out of the index`);
      const r = await pool(sample, async (q) => judge(await ask(q.question), q, art.id));
      out.push(...r);
      await send("POST", `${stack.fakeUrl}/__fake/articles/${art.id}`, { published: true });
      await hook(art.id);
      await until(async () => citesArticle(ask, art, qs[0]), `article ${art.id} back in the index`);
    }
    const declined = out.filter((x) => !x.answered).length;
    log(`  not in the knowledge base: ${declined}/${out.length} declined (${round(declined / out.length, 3)}), in ${round((performance.now() - t) / 1000, 1)} s`);

    // Latency: the first event of a fresh question beside a cached search (the same text, asked twice). A
    // webhook first retires every cached answer, so each question here is asked as if for the first time.
    // Then, as after any webhook, the isolate answers from D1 for its hold-off (WEBHOOK_HOLD_OFF_MS, 10 s)
    // and reloads its copy of the index; the figure is a fresh question once that transient is over (the
    // copy back in memory, as /v1/health's in_memory says), not during it.
    await hook(corpus.articles[0].id);
    await new Promise((r) => setTimeout(r, HOLD_OFF_MS));
    const copyBackMs = await copyInMemory(stack.workerUrl);
    const lat = answerable.filter((_, i) => i % Math.ceil(answerable.length / LATENCY_SAMPLES) === 0);
    const firsts = [];
    const searches = [];
    for (const q of lat) {
      const fresh = await ask(q.question, {}, "text/event-stream");
      if (fresh.firstMs !== null) firsts.push(fresh.firstMs);
      const url = `${stack.workerUrl}/v1/search?q=${encodeURIComponent(q.question.slice(0, 200))}`;
      await get(agent, url);
      const t0 = performance.now();
      await get(agent, url);
      searches.push(performance.now() - t0);
    }
    firsts.sort((x, y) => x - y);
    searches.sort((x, y) => x - y);
    await ask(answerable[1].question);
    const again = await ask(answerable[1].question);
    const repeated = { cacheStatus: again.headers["cache-status"] ?? null, fromCache: /hj-kv; hit/.test(again.headers["cache-status"] ?? "") };

    return {
      dataset: "SQuAD 2.0 dev, public half (CC BY-SA 4.0; read from BENCH_DATA, not shipped)",
      articles: articles.length,
      mode: "extractive",
      answerable: { asked: a.length, correct, score: round(correct / a.length, 4), declined: a.filter((x) => !x.answered).length, maxWords: Math.max(...a.map((x) => x.words)) },
      outOfKb: { asked: out.length, declined, score: round(declined / out.length, 4) },
      squadUnanswerable: { asked: ia.length, declined: impDeclined, share: round(impDeclined / ia.length, 4) },
      citationPrecision: cited ? round(citedPublic / cited, 4) : null,
      latency: {
        firstEventP50: round(pct(firsts, 50), 1),
        cachedSearchP50: round(pct(searches, 50), 1),
        ratio: round(pct(firsts, 50) / pct(searches, 50), 2),
        samples: firsts.length,
        copyBackMs,
      },
      repeated,
    };
  } finally {
    agent.destroy();
    await stack.stop();
  }
}

/** Does an uncached question of this article's cite it (i.e. is the article in the index)? */
async function citesArticle(ask, art, q) {
  const r = await ask(q.question, { history: [{ question: art.name, answer: "probe" }] });
  if (r.status !== 200) return false;
  return JSON.parse(r.text).sources.some((s) => s.id === art.id);
}

async function until(fn, what, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`waiting for ${what} (${timeoutMs} ms)`);
}

export const phase = {
  name: "ask",
  budgets: BUDGETS,
  skip: (options) => (options.skipAsk ? "BENCH_SKIP_ASK=1" : null),
  async run({ result, log, options, cleanups, startStack }) {
    log("Ask on SQuAD 2.0 (public half): answerable, not in the knowledge base, citation precision, first event …");
    const r = (result.ask = await askBench({ data: options.data, startStack, log, onStack: (stop) => cleanups.push(stop) }));
    if (r.notMeasured) log(`  not measured: ${r.notMeasured}`);
  },
  rows(r) {
    const a = r.ask;
    if (!a) return [];
    if (a.skipped || a.notMeasured) return [["Ask on SQuAD 2.0", a.skipped ? "skipped" : "not measured", a.skipped ?? a.notMeasured]];
    return [
      [`Ask, answerable (${n(a.answerable.asked)} questions, extractive)`, a.answerable.score.toFixed(3), `budget ≥ ${BUDGETS.answerable}; BM25 sentence baseline 0.69`],
      [`  … not in the knowledge base, declined (${n(a.outOfKb.asked)})`, a.outOfKb.score.toFixed(3), `budget ≥ ${BUDGETS.declinedOutOfKb} at the same settings`],
      ["  … citation precision", a.citationPrecision?.toFixed(2) ?? "—", `budget ${BUDGETS.citationPrecision.toFixed(2)}`],
      [`  … SQuAD's unanswerable declined (${n(a.squadUnanswerable.asked)})`, a.squadUnanswerable.share.toFixed(3), "reported, not a target"],
      ["  … first event (sources) p50 / cached search p50", `${a.latency.firstEventP50} / ${a.latency.cachedSearchP50} ms (×${a.latency.ratio})`, `budget ≤ ×${BUDGETS.firstEventVsCachedSearch}`],
      ["  … a repeated question", a.repeated.fromCache ? "from cache" : "NOT from cache", a.repeated.cacheStatus ?? "—"],
    ];
  },
  checks(r) {
    const a = r.ask?.answerable ? r.ask : null;
    return [
      check(`Ask answerable ≥ ${BUDGETS.answerable}`, a?.answerable.score ?? null, a?.answerable.score >= BUDGETS.answerable),
      check(`Ask not-in-KB declined ≥ ${BUDGETS.declinedOutOfKb}`, a?.outOfKb.score ?? null, a?.outOfKb.score >= BUDGETS.declinedOutOfKb),
      check("Ask citation precision 1.00", a?.citationPrecision ?? null, a?.citationPrecision === 1),
      check(`Ask first event ≤ ×${BUDGETS.firstEventVsCachedSearch} a cached search`, a?.latency.ratio ?? null, a?.latency.ratio <= BUDGETS.firstEventVsCachedSearch),
      check("Ask: a repeated question from cache", a ? a.repeated.fromCache : null, a?.repeated.fromCache === true),
    ];
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { startStack } = await import("../test/harness/stack.mjs");
  const { options } = await import("./options.mjs");
  console.log(JSON.stringify(await askBench({ data: options.data, startStack, log: console.log }), null, 2));
  process.exit(0);
}
