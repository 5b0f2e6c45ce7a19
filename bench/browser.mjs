// Phase "browser" (BENCH_PHASES keystroke and reader): one headless Chromium on the host page for both
// figures, keystroke → results painted (keystroke.mjs) and Enter → article painted (reader.mjs). The queries
// are warmed from Node first, each until it answers from a local tier; those the gate will not let in right
// now (cold, gate closed) are passed over, so every measured query is a warm one.
import http from "node:http";
import { normaliseQuery as normalise } from "../test/harness/query-key.mjs";
import { CHROME_FLAGS, findChrome } from "../scripts/find-chrome.mjs";
import { hostHtml } from "./host-page.mjs";
import { debounceFromSource, keystrokes } from "./keystroke.mjs";
import { LOCAL, classify, get } from "./lib.mjs";
import { QUERIES } from "./queries.mjs";
import { readerFigure } from "./reader.mjs";
import { step } from "./steps.mjs";

/** Queries typed first and not measured: the search and reader chunks load on them. */
const WARMUP = 4;

/** Distinct queries that find a public seed article, typeable as keys (printable ASCII: puppeteer sends others without a keydown). */
function candidatesOf(coverage) {
  const seen = new Set();
  return QUERIES.filter((q) => {
    const k = normalise(q);
    if (seen.has(k) || q !== q.trim() || !/^[\x20-\x7e]+$/.test(q) || coverage.matches(q) === 0) return false;
    seen.add(k);
    return true;
  });
}

/** The first `want` candidates that answer from a local tier with results, asking each at most twice. */
async function warmQueries(workerUrl, candidates, want) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const ip = { "CF-Connecting-IP": "198.51.100.200" };
  const warm = [];
  try {
    for (const q of candidates) {
      if (warm.length >= want) break;
      const url = `${workerUrl}/v1/search?q=${encodeURIComponent(q)}&lang=en_US`;
      let r = await get(agent, url, ip);
      if (r.status === 200 && !LOCAL.has(classify(r.headers["cache-status"]))) r = await get(agent, url, ip);
      if (r.status === 200 && LOCAL.has(classify(r.headers["cache-status"])) && JSON.parse(r.body).results?.length) warm.push(q);
    }
  } finally {
    agent.destroy();
  }
  return warm;
}

export const phase = {
  name: "browser",
  covers: ["keystroke", "reader"],
  budgets: {},
  needs: { stack: true },
  async run({ result, log, options, stack, pageServer, coverage, want }) {
    const wantK = want("keystroke");
    const wantR = want("reader");
    if (options.skipBrowser) {
      result.keystroke = { skipped: "BENCH_SKIP_BROWSER=1" };
      result.reader = { skipped: "BENCH_SKIP_BROWSER=1" };
      return;
    }
    log(
      `7/9 headless Chromium: ${wantK ? `keystroke → results painted, ${options.BROWSER_QUERIES} warm queries` : ""}${wantK && wantR ? "; then " : ""}` +
        `${wantR ? `Enter → article heading painted, ${options.READER_SAMPLES} warm articles with a ${options.READER_DWELL_MS} ms dwell and without` : ""} …`,
    );
    const debounce = debounceFromSource();
    const chrome = findChrome();
    if (!chrome) {
      const skipped = "no Chrome or Chromium found (set CHROME_PATH)";
      if (wantK) result.keystroke = { skipped };
      if (wantR) result.reader = { skipped };
      log(`  skipped: ${skipped}`);
      return;
    }
    pageServer.setHtml(hostHtml(stack.workerUrl));
    const candidates = candidatesOf(coverage);
    const warm = wantK ? await step("browser", "warm the queries", () => warmQueries(stack.workerUrl, candidates, options.BROWSER_QUERIES + WARMUP)) : [];
    const skippedCold = candidates.indexOf(warm.at(-1)) + 1 - warm.length;
    const { default: puppeteer } = await import("puppeteer-core");
    const browser = await step("browser", "launch Chromium", () =>
      puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS.filter((f) => !f.startsWith("--headless")).concat(["--window-size=1000,800"]) }),
    );
    try {
      const origin = pageServer.origin;
      if (wantK) {
        const k = (result.keystroke = await keystrokes({ browser, origin, warm, warmup: WARMUP, skippedCold, debounce }));
        log(`  keystroke: p50 ${k.lessDebounce.p50Ms} ms, p95 ${k.lessDebounce.p95Ms} ms after the ${k.debounceMs} ms debounce (${k.queriesMeasured} queries, ${k.queriesFailed} failed)`);
        if (k.queriesMeasured < 30) throw new Error(`only ${k.queriesMeasured} keystroke samples (need ≥ 30)`);
      }
      if (wantR) {
        result.reader = await readerFigure({ browser, origin, workerUrl: stack.workerUrl, candidates, samples: options.READER_SAMPLES, dwellMs: options.READER_DWELL_MS, log });
        if (result.reader.skipped) log(`  Enter → article: skipped: ${result.reader.skipped}`);
      }
    } finally {
      await browser.close().catch(() => {});
    }
  },
};
