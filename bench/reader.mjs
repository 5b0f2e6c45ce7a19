// Enter → article heading painted (issue #11, "An instant reader"), in headless Chromium on the bench's host
// page: for each sample a query is put in the box (not measured), its results come, ArrowDown makes a result
// active, then after `dwellMs` Enter opens it; the clock runs from Enter's keydown to the frame that shows
// the reader's heading (`#heading` in the element's shadow root: a MutationObserver sees it inserted, then
// requestAnimationFrame, then a posted message, as the keystroke figure does).
//
// Each sample opens an article this browser context has never fetched (nor made active, which may prefetch
// it), and each variant (with the dwell, without it) runs in a fresh incognito context, so neither the
// browser's HTTP cache nor the widget's memory can answer from an earlier sample. "Warm" is the worker's
// side: every article is first fetched from Node, as the widget asks for it, until it is answered without
// Helpjuice.
import http from "node:http";
import { check } from "./format.mjs";
import { openHostPage } from "./host-page.mjs";
import { LOCAL, classify, get, pct, round, sleep } from "./lib.mjs";
import { step, waitFor } from "./steps.mjs";

/**
 * Picks the samples: each a query (answered without Helpjuice, with results) and the result to open, whose
 * article and every result above it (ArrowDown passes over them) no earlier sample touched; the first
 * result where it can, else the second or third. Warms the queries and the articles on the way.
 * @returns {Promise<{samples: {q: string, index: number, id: number, title: string}[], warmedArticles: number, skipped: {q: string, why: string}[]}>}
 */
export async function readerPlan({ workerUrl, candidates, n, lang = "en_US", maxQueries = 200 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const used = new Set();
  const hitsOf = [];
  const skipped = [];
  const ip = (i) => ({ "CF-Connecting-IP": `192.0.2.${(i % 250) + 1}` }); // documentation range; header only
  try {
    for (const q of candidates.slice(0, maxQueries)) {
      const url = `${workerUrl}/v1/search?q=${encodeURIComponent(q)}&lang=${lang}`;
      let r = await get(agent, url, ip(0));
      if (r.status === 200 && !LOCAL.has(classify(r.headers["cache-status"]))) r = await get(agent, url, ip(0));
      if (r.status !== 200 || !LOCAL.has(classify(r.headers["cache-status"]))) {
        skipped.push({ q, why: `search HTTP ${r.status} ${r.headers["cache-status"] ?? ""}` });
        continue;
      }
      const hits = (JSON.parse(r.body).results ?? []).map((h) => ({ id: h.id, title: h.title }));
      if (hits.length) hitsOf.push({ q, hits });
    }
    const samples = [];
    // Pass 1 takes first results only, pass 2 second ones, pass 3 third ones: each query at most once.
    const taken = new Set();
    for (let index = 0; index < 3 && samples.length < n; index++) {
      for (const { q, hits } of hitsOf) {
        if (samples.length >= n) break;
        if (taken.has(q) || hits.length <= index) continue;
        const path = hits.slice(0, index + 1).map((h) => h.id);
        if (path.some((id) => used.has(id))) continue;
        // The article, warm: as the widget's reader asks for it (lang included), until answered locally.
        const id = hits[index].id;
        const url = `${workerUrl}/v1/articles/${id}?lang=${lang}`;
        let a = null;
        for (let t = 0; t < 4 && !(a?.status === 200 && LOCAL.has(classify(a.headers["cache-status"]))); t++) {
          if (a && a.status !== 200) await sleep(1_000); // a closed gate (503) or a busy client (429): once more
          a = await get(agent, url, ip(samples.length + 1));
        }
        if (!(a.status === 200 && LOCAL.has(classify(a.headers["cache-status"])))) {
          skipped.push({ q, why: `article ${id}: HTTP ${a.status} ${a.headers["cache-status"] ?? ""}` });
          used.add(id);
          continue;
        }
        path.forEach((x) => used.add(x));
        taken.add(q);
        samples.push({ q, index, id, title: JSON.parse(a.body).article?.title ?? hits[index].title });
      }
    }
    return { samples, warmedArticles: samples.length, skipped };
  } finally {
    agent.destroy();
  }
}

/** Installs the page's probes (once per page): Enter's keydown time, the searches answered, the heading painted. */
function instrument() {
  const el = document.querySelector("hj-search");
  const root = el.shadowRoot;
  const b = (window.__reader = { enter: null, painted: null, title: null, searched: null, count: 0, heading: null });
  addEventListener("keydown", (e) => e.key === "Enter" && b.enter === null && (b.enter = e.timeStamp), true);
  el.addEventListener("hj-search", async (e) => {
    await el.updateComplete;
    b.count = root.querySelectorAll('[role="option"]').length;
    b.searched = e.detail.query;
  });
  new MutationObserver(() => {
    const h = root.querySelector("#heading");
    if (!h || h === b.heading) return;
    b.heading = h;
    const title = h.textContent.trim();
    // rAF runs just before the frame is painted; a message posted from it is handled right after.
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        if (b.painted === null) (b.painted = performance.now()), (b.title = title);
      };
      ch.port2.postMessage(0);
    });
  }).observe(root, { childList: true, subtree: true, characterData: true });
}

/** Back to an empty box with the focus in it, the list folded and no article open. */
async function reset(page) {
  await page.evaluate(() => {
    const input = document.querySelector("hj-search").shadowRoot.querySelector("input");
    input.focus();
    input.value = "";
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
    Object.assign(window.__reader, { enter: null, painted: null, title: null, searched: null, count: 0 });
    performance.clearResourceTimings();
  });
  // An empty box may list recent articles (the widget's default), which are options too: only a search's
  // results must be gone.
  await waitFor(page, "an empty box: no article open, no search results listed", () => {
    const root = document.querySelector("hj-search").shadowRoot;
    const results = [...root.querySelectorAll('[role="option"]')].filter((o) => !o.closest('[part*="-group"]'));
    return !root.querySelector("#heading") && !results.length;
  });
}

/** One sample: search `q` (set, not typed), ArrowDown to result `index`, wait `dwellMs`, Enter; times to the heading. */
async function sample(page, s, dwellMs) {
  await reset(page);
  await page.evaluate((q) => {
    const input = document.querySelector("hj-search").shadowRoot.querySelector("input");
    input.value = q;
    input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
  }, s.q);
  const shown = await page
    .waitForFunction((q) => window.__reader.searched === q && window.__reader.count, { timeout: 5_000 }, s.q.trim())
    .then((h) => h.jsonValue())
    .catch(() => 0);
  if (shown <= s.index) return { q: s.q, id: s.id, failed: shown ? `only ${shown} results shown` : "no results within 5 s" };
  for (let i = 0; i <= s.index; i++) await page.keyboard.press("ArrowDown");
  if (dwellMs) await sleep(dwellMs);
  await page.keyboard.press("Enter");
  const got = await page
    .waitForFunction(() => {
      const b = window.__reader;
      return b.painted !== null && { enter: b.enter, painted: b.painted, title: b.title };
    }, { timeout: 5_000 })
    .then((h) => h.jsonValue())
    .catch(() => null);
  const net = await page.evaluate((id) => {
    const all = performance.getEntriesByType("resource").filter((r) => new URL(r.name).pathname === `/v1/articles/${id}`);
    return { fetches: all.length, start: all[0]?.startTime ?? null, end: all[0]?.responseEnd ?? null };
  }, s.id);
  if (!got || got.enter === null) return { q: s.q, id: s.id, failed: got ? "no Enter seen" : "no heading within 5 s" };
  if (got.title !== s.title) return { q: s.q, id: s.id, failed: `heading "${got.title}", expected "${s.title}"` };
  return {
    q: s.q,
    id: s.id,
    index: s.index,
    enterToPaintMs: got.painted - got.enter,
    // Whether the article's fetch started before Enter (a prefetch), and when it ended relative to Enter.
    prefetched: net.start !== null && net.start < got.enter,
    fetchEndAfterEnterMs: net.end === null ? null : net.end - got.enter,
    fetchMs: net.end === null ? null : net.end - net.start,
    articleFetches: net.fetches,
  };
}

/**
 * Runs the plan once per variant, each in a fresh incognito context with a new page on `origin`.
 * @param {{browser: any, origin: string, plan: {samples: any[]}, warmup: number, variants: {name: string, dwellMs: number}[], log?: (m: string) => void}} o
 */
export async function enterToArticle({ browser, origin, plan, warmup, variants, log = () => {} }) {
  const out = {};
  for (const v of variants) {
    const context = await browser.createBrowserContext();
    try {
      const page = await step("reader", `open the host page (${v.name})`, () => openHostPage(context, origin));
      await page.evaluate(instrument);
      const samples = [];
      for (let i = 0; i < plan.samples.length; i++) {
        const r = await step("reader", `open "${plan.samples[i].title}" (${v.name}, sample ${i + 1})`, () => sample(page, plan.samples[i], v.dwellMs));
        if (i >= warmup) samples.push(r); // the first ones load the search and reader chunks: not measured
      }
      const ok = samples.filter((s) => !s.failed);
      const ms = ok.map((s) => s.enterToPaintMs).sort((a, b) => a - b);
      out[v.name] = {
        dwellMs: v.dwellMs,
        measured: ok.length,
        failed: samples.length - ok.length,
        p50Ms: round(pct(ms, 50), 1),
        p95Ms: round(pct(ms, 95), 1),
        maxMs: round(ms.at(-1), 1),
        prefetched: ok.filter((s) => s.prefetched).length,
        samples: samples.map((s) => ({ ...s, enterToPaintMs: round(s.enterToPaintMs, 1), fetchEndAfterEnterMs: round(s.fetchEndAfterEnterMs, 1), fetchMs: round(s.fetchMs, 1) })),
      };
      log(`  Enter → heading painted, ${v.name}: p50 ${out[v.name].p50Ms} / p95 ${out[v.name].p95Ms} ms (${ok.length} samples, ${out[v.name].failed} failed, ${out[v.name].prefetched} fetched before Enter)`);
    } finally {
      await context.close().catch(() => {});
    }
  }
  return out;
}

const BUDGETS = { readerP95Ms: 50 };
/** Samples opened first in each variant and not measured: they load the search and reader chunks. */
const READER_WARMUP = 2;

/** Issue #11's figure: Enter → article heading painted, warm, with a dwell on the result and without. */
export async function readerFigure({ browser, origin, workerUrl, candidates, samples, dwellMs, log }) {
  const t0 = performance.now();
  const plan = await step("reader", "plan warm articles", () => readerPlan({ workerUrl, candidates, n: samples + READER_WARMUP }));
  if (plan.samples.length < READER_WARMUP + 10)
    return { skipped: `only ${plan.samples.length} distinct warm articles to open (need ≥ ${READER_WARMUP + 10})`, planSkipped: plan.skipped.slice(0, 10) };
  const variants = [
    { name: "dwell", dwellMs },
    { name: "noDwell", dwellMs: 0 },
  ];
  const byVariant = await enterToArticle({ browser, origin, plan, warmup: READER_WARMUP, variants, log });
  return {
    what: "Enter's keydown to the frame that shows the reader's #heading (MutationObserver, rAF, posted message); each sample a warm article (KV) never fetched in that browser context",
    steps: `the query set in the box (not typed), its results, ArrowDown to the result, ${dwellMs} ms (dwell) or 0 ms (noDwell), Enter`,
    warmupSamples: READER_WARMUP,
    planned: plan.samples.length,
    firstResults: plan.samples.filter((x) => x.index === 0).length,
    planSkipped: plan.skipped.slice(0, 10),
    budgetP95Ms: BUDGETS.readerP95Ms,
    ...byVariant,
    seconds: round((performance.now() - t0) / 1000, 1),
  };
}

export const readerRows = {
  name: "reader",
  budgets: BUDGETS,
  rows(r) {
    if (!r.reader || r.reader.skipped) return [];
    const { dwell, noDwell } = r.reader;
    return [
      [`Enter → article heading painted, warm, ${dwell.dwellMs} ms on the result first`, `p50 ${dwell.p50Ms} / p95 ${dwell.p95Ms} ms`, `budget p95 ≤ ${BUDGETS.readerP95Ms} ms; ${dwell.measured} articles, ${dwell.prefetched} fetched before Enter`],
      ["  … Enter at once after ArrowDown (no dwell)", `p50 ${noDwell.p50Ms} / p95 ${noDwell.p95Ms} ms`, `informational; ${noDwell.measured} articles, ${noDwell.prefetched} fetched before Enter`],
    ];
  },
  checks: (r) => [
    check(`#11: Enter → article painted p95 ≤ ${BUDGETS.readerP95Ms} ms (warm, ${r.config?.READER_DWELL_MS ?? 150} ms dwell)`, r.reader?.dwell?.p95Ms ?? null, r.reader?.dwell?.p95Ms <= BUDGETS.readerP95Ms),
  ],
};
