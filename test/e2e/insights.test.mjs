// The insights dashboard end to end: seeded traffic → `wrangler dev` worker → the local queue → its own
// queue() consumer → D1 → GET /v1/insights → the /insights page in headless Chromium and Firefox (keyboard, axe in
// light and dark, a phone's width); and a 👎 with a comment on the demo page, by keyboard, shown on /insights.
//   node --test test/e2e/insights.test.mjs
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { seedInsights } from "../../scripts/seed-insights.mjs";
import { axeViolations } from "../harness/axe.mjs";
import { e2eBrowser, e2eEngines } from "../harness/browsers.mjs";
import { ROOT, startStack } from "../harness/stack.mjs";

const TOKEN = "e2e-insights-token-0123456789";
const WAIT = 15_000;
const engines = e2eEngines();
let stack;
let browser;

// One stack for every engine: the dashboard only reads what the seed put there.
before(async () => {
  // The demo page the comment is left on is served from dist/public; `npm test` has built the widget already.
  const builds = process.env.HJ_WIDGET_BUILT ? ["build-demo.mjs"] : ["build-widget.mjs", "build-demo.mjs"];
  for (const s of builds) execFileSync(process.execPath, [join(ROOT, "scripts", s)], { cwd: ROOT, stdio: "ignore" });
  stack = await startStack({ workerPort: 0, fakePort: 0, vars: { INSIGHTS_TOKEN: TOKEN, WEBHOOK_SECRET: "e2e-hook" } });
  const seeded = await seedInsights(stack.workerUrl);
  assert.ok(seeded.opened, "the seed opened a result");
  // Through the real local queue: the consumer's batch timeout is 5 s; the issue allows 10.
  const deadline = Date.now() + 12_000;
  for (;;) {
    const res = await fetch(`${stack.workerUrl}/v1/insights`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const r = await res.json();
    if (r.totals?.searches >= seeded.searches && r.totals.votes.down >= 1 && r.totals.opens >= 2 && r.totals.missing >= 1) break;
    assert.ok(Date.now() < deadline, `the seeded traffic did not reach /v1/insights within 10 s: ${JSON.stringify(r.totals)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

after(async () => {
  await stack?.stop();
});

async function open(viewport = { width: 1280, height: 900 }, scheme = "light") {
  const page = await browser.newPage({ scheme, viewport });
  page.setDefaultTimeout(WAIT);
  await page.goto(`${stack.workerUrl}/insights`, { waitUntil: "load" });
  return page;
}

/** Tab to the Token field, type the token, Enter: as a keyboard user would. */
async function signIn(page) {
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== "token"; i++) await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "token", "Tab reaches the Token field");
  assert.equal(await page.$eval("label[for=token]", (l) => l.textContent), "Token");
  await page.keyboard.type(TOKEN);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.getElementById("report").hidden && document.querySelectorAll("#report table").length > 0);
}

const text = (page, sel) => page.$$eval(sel, (els) => els.map((e) => e.textContent.trim()));

/** Waits until `fn(host)` (run in the page, given the demo's modal widget's selector) is truthy, and returns it. */
const MODAL = 'header hj-search[mode="modal"]';
const inWidget = async (page, fn) => (await page.waitForFunction(fn, { timeout: WAIT, polling: 50 }, MODAL)).jsonValue();
const focusedPart = (page) => page.evaluate((host) => {
  const a = document.querySelector(host)?.shadowRoot?.activeElement;
  return a ? a.getAttribute("part") ?? a.id : null;
}, MODAL);

/** Tab until the widget's focused element has this part, as a keyboard user would. */
async function tabTo(page, part) {
  for (let i = 0; i < 40 && (await focusedPart(page)) !== part; i++) await page.keyboard.press("Tab");
  assert.equal(await focusedPart(page), part, `Tab reaches ${part}`);
}

async function reportSoon(pred, what) {
  const deadline = Date.now() + 12_000;
  for (;;) {
    const r = await (await fetch(`${stack.workerUrl}/v1/insights`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    if (pred(r)) return r;
    assert.ok(Date.now() < deadline, `${what} did not reach /v1/insights within 12 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

for (const e of engines) {
  describe(e.label, () => {
    before(async () => {
      browser = e2eBrowser(e);
      await browser.start();
    });
    after(async () => {
      await browser?.close();
    });

    describe("what was missing", () => {
      it("a 👎 with a comment on the demo page, by keyboard, shows up on /insights under its article, scrubbed", async () => {
        const page = await browser.newPage({ scheme: "light", viewport: { width: 1280, height: 900 } });
        page.setDefaultTimeout(WAIT);
        const said = `Nothing on exporting to PDF from ${e.engine}; mail me at jane.doe@example.com`;
        const kept = `Nothing on exporting to PDF from ${e.engine}; mail me at [email]`;
        try {
          await page.goto(`${stack.workerUrl}/`, { waitUntil: "load" });
          await page.waitForFunction(() => customElements.get("hj-search") !== undefined);
          await page.keyboard.down("Control");
          await page.keyboard.press("k");
          await page.keyboard.up("Control");
          await inWidget(page, (h) => document.querySelector(h).shadowRoot.querySelector("dialog")?.open && document.querySelector(h).shadowRoot.activeElement?.getAttribute("role") === "combobox");
          await page.keyboard.type("export");
          await inWidget(page, (h) => document.querySelector(h).shadowRoot.querySelectorAll('[role="option"]').length > 0);
          await page.keyboard.press("ArrowDown");
          await page.keyboard.press("Enter");
          const title = await inWidget(page, (h) => {
            const a = document.querySelector(h).shadowRoot.activeElement;
            return a?.getAttribute("part") === "heading" && a.textContent.trim();
          });

          await tabTo(page, "vote-down");
          await page.keyboard.press("Enter");
          await inWidget(page, (h) => !!document.querySelector(h).shadowRoot.querySelector('[part~="missing-text"]'));
          await tabTo(page, "missing-text");
          await page.keyboard.type(said);
          await tabTo(page, "missing-send");
          await page.keyboard.press("Enter");
          const thanks = await inWidget(page, (h) => {
            const a = document.querySelector(h).shadowRoot.activeElement;
            return a?.getAttribute("part") === "missing-thanks" && a.textContent.trim();
          });
          assert.match(thanks, /thanks/i, "a thank-you, focused");

          // Through the local queue into D1, then the report.
          const r = await reportSoon((r) => r.missing_comments?.some((c) => c.text === kept), "the comment");
          const c = r.missing_comments.find((c) => c.text === kept);
          assert.equal(c.title, title, "listed under the article it is about");
          assert.doesNotMatch(JSON.stringify(r.missing_comments), /jane|doe@/, "the e-mail never stored");

          // And on the dashboard, as authors see it.
          await page.goto(`${stack.workerUrl}/insights`, { waitUntil: "load" });
          await page.type("#token", TOKEN);
          await page.keyboard.press("Enter");
          await page.waitForFunction((kept) => document.querySelector("section[aria-labelledby=h-missing]")?.textContent.includes(kept), {}, kept);
          const group = await page.$$eval("section[aria-labelledby=h-missing] .comments", (gs, kept) => {
            const g = gs.find((g) => g.textContent.includes(kept));
            return { heading: g.querySelector("h3").textContent, said: [...g.querySelectorAll(".said")].map((s) => s.textContent) };
          }, kept);
          assert.ok(group.heading.includes(title), `under its article's title: ${group.heading}`);
          assert.ok(group.said.includes(kept), "the comment, as text");
        } finally {
          // The demo's widget kept its visitor id, vote and recent list on this origin, the dashboard's too;
          // the dashboard's own test checks that it keeps nothing there.
          await page.evaluate(() => localStorage.clear()).catch(() => {});
          await page.close();
        }
      });
    });

    describe("the /insights dashboard", () => {
      it("renders the seeded figures: e-mail replaced, the zero-result query listed, the one-off hidden; SVG charts", async () => {
        const page = await open();
        try {
          await signIn(page);
          const body = await page.$eval("#report", (r) => r.textContent);
          assert.match(body, /contact \[email\]/, "the e-mail is replaced");
          assert.match(body, /refund order \[number\]/, "the long number is replaced");
          assert.match(body, /Nothing on resetting it from the mobile app\. Write to \[email\]/, "the seeded comment, its e-mail replaced");
          assert.doesNotMatch(body, /jane|doe@|12345678/i, "nothing personal");
          assert.doesNotMatch(body, /seen only once/, "a query seen once is not named");
          const zero = await text(page, "#h-zero ~ * th[scope=row], section[aria-labelledby=h-zero] tbody th");
          assert.ok(zero.includes("zzxqv frobnicate"), `the zero-result query is listed: ${JSON.stringify(zero)}`);
          const charts = await page.$$eval("svg.chart", (s) => s.map((x) => x.getAttribute("aria-label")));
          assert.ok(charts.length >= 3, `a line and bar charts: ${JSON.stringify(charts)}`);
          assert.ok(charts.every(Boolean), "every chart has a text alternative");
          const link = await page.$eval("section[aria-labelledby=h-reads] tbody a", (a) => ({ href: a.href, text: a.textContent }));
          assert.match(link.href, /^https?:\/\//, "articles link to the knowledge base");
          assert.ok(link.text.length > 0);
          // Kept in this tab only: a reload shows the figures without asking again; localStorage never has it.
          await page.reload({ waitUntil: "load" });
          await page.waitForFunction(() => !document.getElementById("report").hidden);
          assert.equal(await page.evaluate(() => sessionStorage.getItem("hj-insights-token")), TOKEN);
          assert.equal(await page.evaluate(() => Object.values(localStorage).join("")), "");
        } finally {
          await page.close();
        }
      });

      it("a wrong token is refused, said in the status line", async () => {
        const page = await open();
        try {
          await page.type("#token", "wrong");
          await page.keyboard.press("Enter");
          await page.waitForFunction(() => /not accepted/.test(document.getElementById("status").textContent));
          assert.equal(await page.$eval("#report", (r) => r.hidden), true);
        } finally {
          await page.close();
        }
      });

      it("no horizontal scroll on a phone (390×844)", async () => {
        const page = await open({ width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
        try {
          await signIn(page);
          const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
          assert.ok(m.scroll <= m.inner, `scrollWidth ${m.scroll} > viewport ${m.inner}`);
        } finally {
          await page.close();
        }
      });
      for (const scheme of ["light", "dark"]) {
        it(`axe (WCAG 2 A/AA, contrast included) in ${scheme}, figures on screen`, async () => {
          const page = await open(undefined, scheme);
          try {
            const dark = await page.evaluate(() => {
              const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
              return (r + g + b) / 3 < 128;
            });
            assert.equal(dark, scheme === "dark", `the page follows prefers-color-scheme: ${scheme}`);
            await signIn(page);
            await page.$$eval("details", (ds) => ds.forEach((d) => (d.open = true)));
            const violations = await axeViolations(page);
            assert.deepEqual(violations, [], `axe violations: ${JSON.stringify(violations)}`);
          } finally {
            await page.close();
          }
        });
      }
    });
  });
}
