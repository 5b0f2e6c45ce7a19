// Keystroke → results painted in headless Chromium (the browser phase's first figure): each warm query typed
// into an empty box on the host page; the clock runs from the last keydown to the frame that shows the
// results (rAF, then a posted message), less the widget's debounce, read from its source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../test/harness/stack.mjs";
import { openHostPage } from "./host-page.mjs";
import { pct, round, sleep } from "./lib.mjs";
import { step, waitFor } from "./steps.mjs";

/** The response budget the keystroke figure is set beside: RAIL's 100 ms for a reaction to input (quoted). */
const RAIL_RESPONSE_MS = 100;

export function debounceFromSource() {
  const src = readFileSync(join(ROOT, "widget", "controllers", "search-controller.ts"), "utf8");
  const m = /private\s+delay\s*=\s*(\d+)/.exec(src);
  const results = readFileSync(join(ROOT, "widget", "results.ts"), "utf8");
  // results.ts builds the SearchController; if it ever passes a delay, that one wins.
  const call = /new SearchController\(([\s\S]*?)\n\s{4}\);/.exec(results)?.[1] ?? "";
  const explicit = /,\s*(\d+)\s*,?\s*$/.exec(call)?.[1];
  const ms = Number(explicit ?? m?.[1]);
  if (!Number.isFinite(ms)) throw new Error("could not read the debounce from widget/controllers/search-controller.ts");
  return { ms, from: explicit ? "widget/results.ts" : "widget/controllers/search-controller.ts (default `delay`)" };
}

export async function keystrokes({ browser, origin, warm, warmup, skippedCold, debounce }) {
  const page = await step("keystroke", "open the host page", () => openHostPage(browser, origin));
  await page.evaluate(() => {
    const el = document.querySelector("hj-search");
    const b = (window.__bench = { keys: [], painted: [] });
    addEventListener("keydown", (e) => b.keys.push(e.timeStamp), true);
    el.addEventListener("hj-search", async (e) => {
      const event = performance.now();
      await el.updateComplete;
      const root = el.shadowRoot;
      const options = root.querySelectorAll('[role="option"]').length;
      const hidden = root.querySelector('[role="listbox"]').hidden;
      // rAF runs just before the frame is painted; a message posted from it is handled right after.
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => b.painted.push({ query: e.detail.query, count: e.detail.count, options, hidden, event, painted: performance.now() });
        ch.port2.postMessage(0);
      });
    });
    el.shadowRoot.querySelector("input").focus();
  });

  const samples = [];
  let extraSearches = 0;
  for (let i = 0; i < warm.length; i++) {
    const q = warm[i];
    // Clear the box (not measured) and wait for the widget to fold the list away.
    await page.evaluate(() => {
      const input = document.querySelector("hj-search").shadowRoot.querySelector("input");
      input.value = "";
      input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
      window.__bench.keys.length = 0;
      window.__bench.painted.length = 0;
      performance.clearResourceTimings();
    });
    await step("keystroke", `clear the box before "${q}"`, () =>
      waitFor(page, "the result list to fold away", () => !document.querySelector("hj-search").shadowRoot.querySelectorAll('[role="option"]').length),
    );
    await sleep(60);
    await page.keyboard.type(q);
    const got = await page
      .waitForFunction((want) => window.__bench.painted.find((p) => p.query === want), { timeout: 5_000 }, q.trim())
      .then((h) => h.jsonValue())
      .catch(() => null);
    const extra = await page.evaluate(() => {
      const lastKey = window.__bench.keys.at(-1);
      const searches = performance.getEntriesByType("resource").filter((r) => r.name.includes("/v1/search?"));
      const last = searches.at(-1);
      return { lastKey, searches: searches.length, fetchStart: last?.startTime, fetchEnd: last?.responseEnd };
    });
    if (i < warmup) continue; // the search and reader chunks load on the first queries; not measured
    if (!got || !got.options || got.hidden) {
      samples.push({ query: q, failed: got ? "no options shown" : "no results within 5 s" });
      continue;
    }
    extraSearches += Math.max(0, extra.searches - 1);
    samples.push({
      query: q,
      keyToPaintMs: got.painted - extra.lastKey,
      keyToRequestMs: extra.fetchStart - extra.lastKey,
      fetchMs: extra.fetchEnd - extra.fetchStart,
      options: got.options,
    });
  }
  const ok = samples.filter((s) => !s.failed);
  const col = (k) => ok.map((s) => s[k]).filter(Number.isFinite).sort((a, b) => a - b);
  const raw = col("keyToPaintMs");
  const net = raw.map((x) => x - debounce.ms);
  const toReq = col("keyToRequestMs");
  const fetchMs = col("fetchMs");
  return {
    chromium: await browser.version(),
    page: "another loopback origin (a customer's site), <hj-search mode=inline> from the worker's /hj-search.js",
    debounceMs: debounce.ms,
    debounceFrom: debounce.from,
    queriesMeasured: ok.length,
    queriesFailed: samples.length - ok.length,
    warmupQueries: warmup,
    skippedCold,
    extraSearchRequests: extraSearches,
    lessDebounce: { p50Ms: round(pct(net, 50), 1), p95Ms: round(pct(net, 95), 1) },
    raw: { p50Ms: round(pct(raw, 50), 1), p95Ms: round(pct(raw, 95), 1) },
    keyToRequest: { p50Ms: round(pct(toReq, 50), 1), p95Ms: round(pct(toReq, 95), 1) },
    fetch: { p50Ms: round(pct(fetchMs, 50), 1), p95Ms: round(pct(fetchMs, 95), 1) },
    railResponseBudgetMs: RAIL_RESPONSE_MS,
    samples: samples.map((s) => ({ ...s, keyToPaintMs: round(s.keyToPaintMs, 1), keyToRequestMs: round(s.keyToRequestMs, 1), fetchMs: round(s.fetchMs, 1) })),
  };
}


export const keystrokeRows = {
  name: "keystroke",
  rows(r) {
    const k = r.keystroke;
    if (!k || k.skipped) return [];
    return [[`Keystroke → results painted, less ${k.debounceMs} ms debounce`, `p50 ${k.lessDebounce.p50Ms} / p95 ${k.lessDebounce.p95Ms} ms`, `RAIL response budget ${k.railResponseBudgetMs} ms (quoted); raw p50 ${k.raw.p50Ms} ms`]];
  },
  checks: () => [],
};
