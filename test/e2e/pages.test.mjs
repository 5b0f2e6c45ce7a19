// First impressions, kept: every page the worker serves to a newcomer (/, /app.html and its billing route, /api.html, /insights with
// the seeded figures on screen) at 1280 and 390 px, light and dark, checked for what issue #23 found by eye:
//   - a broken image (a demo article's picture, opened in the reader);
//   - horizontal overflow of the page at 390 px;
//   - text cut off: a table cell or heading whose content is wider than its box (scrollWidth > clientWidth);
//   - an emoji in the dashboard's own text (labels, headers, buttons): a machine with no emoji font shows boxes;
//   - axe (WCAG 2 A/AA) in both colour schemes.
// In Chromium and Firefox as demo.test.mjs picks them (HJ_ENGINES), one stack for all.   node --test test/e2e/pages.test.mjs
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { seedInsights } from "../../scripts/seed-insights.mjs";
import { axeViolations } from "../harness/axe.mjs";
import { e2eBrowser, e2eEngines } from "../harness/browsers.mjs";
import { ROOT, startStack } from "../harness/stack.mjs";

const TOKEN = "e2e-pages-insights-token-0123";
const WAIT = 15_000;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
// /app/billing: one of the in-app page's routes (the same page, another route's content and suggestions).
const PAGES = ["/", "/app.html", "/app/billing", "/api.html", "/insights"];
const engines = e2eEngines();
let stack;

before(async () => {
  // The demo pages and the widget are served from dist/public; `npm test` has built the widget already.
  const builds = process.env.HJ_WIDGET_BUILT ? ["build-demo.mjs"] : ["build-widget.mjs", "build-demo.mjs"];
  for (const s of builds) execFileSync(process.execPath, [join(ROOT, "scripts", s)], { cwd: ROOT, stdio: "ignore" });
  stack = await startStack({
    workerPort: 0,
    fakePort: 0,
    vars: { INSIGHTS_TOKEN: TOKEN, WEBHOOK_SECRET: "e2e-hook", DEV_TOKEN_MINTING: "true", USER_TOKEN_SECRET: "e2e-secret-0123456789abcdef" },
  });
  const seeded = await seedInsights(stack.workerUrl);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await (await fetch(`${stack.workerUrl}/v1/insights`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    if (r.totals?.searches >= seeded.searches) break;
    assert.ok(Date.now() < deadline, `the seeded traffic did not reach /v1/insights: ${JSON.stringify(r.totals)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

after(async () => {
  await stack?.stop();
});

/** The page at `path`, settled: the widgets rendered, the dashboard showing the seeded range, api.html's answers in. */
async function open(browser, path, viewport, scheme) {
  const page = await browser.newPage({ scheme, viewport });
  page.setDefaultTimeout(WAIT);
  await page.goto(`${stack.workerUrl}${path}`, { waitUntil: "load" });
  if (path === "/insights") {
    await page.type("#token", TOKEN);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !document.getElementById("report").hidden && document.querySelectorAll("#report table").length > 0);
    await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
  } else {
    await page.waitForFunction(() => [...document.querySelectorAll("hj-search")].every((el) => el.shadowRoot?.querySelector('[part="base"]')));
  }
  if (path === "/api.html") await page.waitForFunction(() => [...document.querySelectorAll("pre.answer")].every((p) => p.textContent !== "…"));
  if (path.startsWith("/app")) {
    // The panel shows the popular articles before anyone types.
    await page.waitForFunction(() => document.getElementById("help").shadowRoot.querySelectorAll('[role="option"]').length > 0);
  }
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** What is wider than it may be: the page itself, and table cells and headings (in shadow roots too). */
function overflow(page) {
  return page.evaluate(() => {
    const all = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const clipped = all
      .filter((el) => el.matches("th, td, h1, h2, h3, h4, h5, h6") && el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" ${el.scrollWidth} > ${el.clientWidth}`);
    return { page: document.documentElement.scrollWidth, viewport: window.innerWidth, clipped };
  });
}

/** Broken images in the document and in the widgets' shadow roots (a reader's article pictures). */
function brokenImages(page) {
  return page.evaluate(() => {
    const imgs = [...document.images];
    for (const el of document.querySelectorAll("hj-search")) imgs.push(...(el.shadowRoot?.querySelectorAll("img") ?? []));
    return imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.currentSrc || i.src);
  });
}

for (const e of engines) {
  describe(`${e.label}: first impressions`, () => {
    let browser;
    before(async () => {
      browser = e2eBrowser(e);
      await browser.start();
    });
    after(async () => {
      await browser?.close();
    });

    for (const path of PAGES) {
      for (const [size, viewport] of [["1280 px", DESKTOP], ["390 px", PHONE]]) {
        it(`${path} at ${size}: no horizontal overflow, no clipped heading or cell, no broken image`, async () => {
          const page = await open(browser, path, viewport, "light");
          try {
            const o = await overflow(page);
            assert.ok(o.page <= o.viewport, `the page is ${o.page} px wide in a ${o.viewport} px viewport`);
            assert.deepEqual(o.clipped, [], "text cut off");
            assert.deepEqual(await brokenImages(page), [], "broken images");
          } finally {
            await page.close();
          }
        });
      }
      for (const scheme of ["light", "dark"]) {
        it(`${path}: axe (WCAG 2 A/AA) in ${scheme}`, async () => {
          const page = await open(browser, path, DESKTOP, scheme);
          try {
            const violations = await axeViolations(page);
            assert.deepEqual(violations, [], `axe violations: ${JSON.stringify(violations)}`);
          } finally {
            await page.close();
          }
        });
      }
    }

    it("an article's pictures load, from this machine (the reader on / at 1280 and 390 px)", async () => {
      for (const viewport of [DESKTOP, PHONE]) {
        const page = await open(browser, "/", viewport, "light");
        const requests = [];
        page.on("request", (r) => requests.push(r.url()));
        try {
          const host = 'header hj-search[mode="modal"]';
          await page.$eval(host, (el) => el.show());
          await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector("dialog")?.open, {}, host);
          await page.keyboard.type("reset password");
          await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('[role="option"]'), {}, host);
          await page.$eval(host, (el) => el.shadowRoot.querySelector('[role="option"]').click());
          await page.waitForFunction((h) => document.querySelector(h).shadowRoot.querySelector('[part~="body"] img'), {}, host);
          await page.$eval(host, (el) => el.shadowRoot.querySelector('[part~="body"] img').scrollIntoView());
          await page.waitForFunction((h) => [...document.querySelector(h).shadowRoot.querySelectorAll('[part~="body"] img')].every((i) => i.complete), {}, host);
          assert.deepEqual(await brokenImages(page), [], "broken images in the reader");
          const o = await overflow(page);
          assert.deepEqual(o.clipped, [], "text cut off in the reader");
          const away = requests.filter((u) => !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u) && !u.startsWith("data:"));
          assert.deepEqual(away, [], "nothing reaches the internet");
        } finally {
          await page.close();
        }
      }
    });

    it("the dashboard's own text (labels, headers, buttons, headings) has no emoji", async () => {
      const page = await open(browser, "/insights", DESKTOP, "light");
      try {
        const found = await page.evaluate(() => {
          const EMOJI = /\p{Extended_Pictographic}/u;
          // Its own words: not the visitors' queries or the knowledge base's titles, which are data.
          const own = [...document.querySelectorAll("label, button, th[scope=col], h1, h2, caption, dt, summary, small, .lede, .note, #status")];
          return own.filter((el) => EMOJI.test(el.textContent)).map((el) => `${el.tagName.toLowerCase()}: ${el.textContent.trim().slice(0, 60)}`);
        });
        assert.deepEqual(found, [], "emoji in the dashboard's text");
        // After a range is shown, the From/To boxes say it.
        const boxes = await page.$$eval("#from, #to", (ins) => ins.map((i) => i.value));
        assert.ok(boxes.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)), `From/To filled with the range: ${JSON.stringify(boxes)}`);
      } finally {
        await page.close();
      }
    });
  });
}
