// End to end through the whole chain: a real browser → <hj-search> → `wrangler dev` worker → fake Helpjuice,
// on the three demo pages the worker serves (/, /app.html, /api.html), in Chromium and in Firefox, each with a
// stack of its own (votes and the fake's log are per stack).   node --test 'test/e2e/*.test.mjs'
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { axeViolations } from "../harness/axe.mjs";
import { e2eBrowser, e2eEngines } from "../harness/browsers.mjs";
import { ROOT, stackAnswers, startStack } from "../harness/stack.mjs";

const WAIT = 15_000;
const engines = e2eEngines();
let stack;
let browser;

/** Each engine's stack and browser, by engine: started one engine after the other, the next while the tests run. */
const ready = {};
const STACK_OPTIONS = {
  workerPort: 0,
  fakePort: 0,
  vars: { DEV_TOKEN_MINTING: "true", USER_TOKEN_SECRET: "e2e-secret-0123456789abcdef", WEBHOOK_SECRET: "e2e-hook" },
};

before(() => {
  // The demo pages and the widget are served from dist/public; `npm test` has built the widget already.
  const builds = process.env.HJ_WIDGET_BUILT ? ["build-demo.mjs"] : ["build-widget.mjs", "build-demo.mjs"];
  for (const s of builds) execFileSync(process.execPath, [join(ROOT, "scripts", s)], { cwd: ROOT, stdio: "ignore" });
  let previous = Promise.resolve();
  for (const e of engines) {
    const b = e2eBrowser(e);
    const both = previous.then(() => Promise.all([startStack(STACK_OPTIONS), b.start()]));
    // Closed in after(), whatever happened.
    ready[e.engine] = { browser: b, stack: both.then(([s]) => s), restarted: false };
    ready[e.engine].stack.catch(() => {});
    previous = both.catch(() => {});
  }
});

/**
 * The engine's stack, once it is known to answer. A CI run once saw a second engine's `wrangler dev`, ready
 * at start, refuse every connection by the time its tests ran (cause unknown: it did not reproduce here in
 * many runs). The local dev server is not what these tests are about, so a dead one is reported with
 * wrangler's own last words and replaced once; a second death fails the tests.
 */
async function liveStack(engine) {
  const r = ready[engine];
  const s = await r.stack;
  const check = await stackAnswers(s);
  if (check.ok || r.restarted) return s;
  console.error(`⚠ ${engine}'s stack stopped answering; starting a fresh one. ${check.why}`);
  r.restarted = true;
  await s.stop();
  r.stack = startStack(STACK_OPTIONS);
  return r.stack;
}

after(async () => {
  await Promise.allSettled(Object.values(ready).flatMap((r) => [r.browser.close(), r.stack.then((s) => s.stop())]));
});

let engineNow;

async function open(path, viewport = { width: 1280, height: 900 }, scheme = "light") {
  const page = await browser.newPage({ scheme, viewport });
  page.setDefaultTimeout(WAIT);
  try {
    await page.goto(`${stack.workerUrl}${path}`, { waitUntil: "load" });
  } catch (e) {
    if (!/CONNECTION_REFUSED/.test(e.message)) throw e;
    stack = await liveStack(engineNow); // reports why, and replaces a dead stack once
    await page.goto(`${stack.workerUrl}${path}`, { waitUntil: "load" });
  }
  await page.waitForFunction(() => customElements.get("hj-search") !== undefined || !document.querySelector("hj-search"));
  return page;
}

/** What a widget shows: option titles and categories, the reader, and what has focus inside it. */
function view(page, host) {
  return page.evaluate((host) => {
    const root = document.querySelector(host)?.shadowRoot;
    if (!root) return null;
    const opts = [...root.querySelectorAll('[role="option"]')];
    const part = (el, p) => el.querySelector(`[part~="${p}"]`)?.textContent.trim() ?? null;
    const heading = root.querySelector('[part="heading"]');
    const up = root.querySelector('[part="vote-up"]');
    const down = root.querySelector('[part="vote-down"]');
    const active = root.activeElement;
    return {
      titles: opts.map((o) => part(o, "title")),
      categories: opts.map((o) => part(o, "category")),
      active: opts.findIndex((o) => o.getAttribute("aria-selected") === "true"),
      heading: heading?.textContent.trim() ?? null,
      focused: active ? (active.getAttribute("part") ?? active.id ?? active.tagName) : null,
      upPressed: up?.getAttribute("aria-pressed") ?? null,
      downPressed: down?.getAttribute("aria-pressed") ?? null,
      dialogOpen: root.querySelector("dialog")?.open ?? null,
      inputExpanded: root.querySelector('[role="combobox"]')?.getAttribute("aria-expanded") ?? null,
    };
  }, host);
}

async function until(page, host, pred, what) {
  const deadline = Date.now() + WAIT;
  let last;
  while (Date.now() < deadline) {
    last = await view(page, host);
    if (last && pred(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}; last view: ${JSON.stringify(last)}`);
}

/** The fake Helpjuice's log of article calls, once `pred` holds of it (votes reach it from the worker's outbox). */
async function upstreamLog(pred, what) {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const { log } = await (await fetch(`${stack.fakeUrl}/__fake/log?path=/api/v3/articles/`)).json();
    if (pred(log)) return log;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last calls: ${JSON.stringify(log.slice(-5))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ctrlK = async (page) => {
  await page.keyboard.down("Control");
  await page.keyboard.press("k");
  await page.keyboard.up("Control");
};

/** Ctrl+K, type, ArrowDown, Enter: returns the reader view with the article heading. */
async function readFirstByKeyboard(page, query) {
  const host = 'header hj-search[mode="modal"]';
  await ctrlK(page);
  await until(page, host, (v) => v.dialogOpen === true && v.focused === "input", "the modal open with the input focused");
  await page.keyboard.type(query);
  const list = await until(page, host, (v) => v.titles.length > 0, `results for "${query}"`);
  await page.keyboard.press("ArrowDown");
  await until(page, host, (v) => v.active === 0, "the first option active");
  await page.keyboard.press("Enter");
  const r = await until(page, host, (v) => v.heading !== null && v.focused === "heading", "the reader with its heading focused");
  assert.equal(r.heading, list.titles[0], "the reader shows the chosen article");
  return r;
}

for (const e of engines) {
  describe(e.label, () => {
    before(async () => {
      engineNow = e.engine;
      browser = ready[e.engine].browser;
      stack = await liveStack(e.engine);
    });

    after(async () => {
      // Done with this engine: its browser and stack go now, not at the end of the file.
      await Promise.allSettled([browser.close(), ready[e.engine].stack.then((s) => s.stop())]);
    });

    describe("marketing page /", () => {
      it("Ctrl+K opens the modal; type, ArrowDown + Enter reads; 👍 is sent and remembered", async () => {
        const page = await open("/");
        const host = 'header hj-search[mode="modal"]';
        try {
          const before = await view(page, host);
          assert.notEqual(before.dialogOpen, true, "the modal starts closed");
          const r = await readFirstByKeyboard(page, "password");
          assert.match(r.heading, /password/i);
          assert.equal(r.upPressed, "false");

          // Tab from the heading to the 👍 button, as a keyboard user would, and press it.
          let v;
          for (let i = 0; i < 30; i++) {
            await page.keyboard.press("Tab");
            v = await view(page, host);
            if (v.focused === "vote-up") break;
          }
          assert.equal(v.focused, "vote-up", "Tab reaches the 👍 button");
          await page.keyboard.press("Enter");
          await until(page, host, (x) => x.upPressed === "true", "the 👍 vote pressed");
          const thanks = await page.evaluate((h) => document.querySelector(h).shadowRoot.querySelector('[part="vote"] [role="status"]').textContent.trim(), host);
          assert.ok(thanks.length > 0, "a thank-you is announced");
          // The worker answers once its outbox holds the vote; it reaches Helpjuice a moment later.
          await upstreamLog((log) => log.some((e) => e.path.endsWith("/upvote")), "the upvote to reach the fake Helpjuice");

          // Remembered: after a reload the same article shows the vote already cast.
          await page.reload({ waitUntil: "load" });
          await page.waitForFunction(() => customElements.get("hj-search") !== undefined);
          const again = await readFirstByKeyboard(page, "password");
          assert.equal(again.heading, r.heading);
          assert.equal(again.upPressed, "true", "the vote is remembered after a reload");
        } finally {
          await page.close();
        }
      });

      it("the inline hero search shows results for “invoice” with their category", async () => {
        const page = await open("/");
        const host = ".hero hj-search";
        try {
          await page.focus(`${host} >>> [role="combobox"]`);
          await page.keyboard.type("invoice");
          const v = await until(page, host, (x) => x.titles.length > 0, "inline results");
          assert.ok(v.titles.some((t) => /invoice/i.test(t)), `an invoice article among ${JSON.stringify(v.titles)}`);
          assert.ok(v.categories.some((c) => c && c.length > 0), `a category shown: ${JSON.stringify(v.categories)}`);
          assert.equal(v.inputExpanded, "true");
        } finally {
          await page.close();
        }
      });
    });

    describe("in-app page /app.html", () => {
      it("staff see more for “password” than an anonymous visitor, including an internal article", async () => {
        const res = await fetch(`${stack.fakeUrl}/api/v3/search?query=password`, { headers: { Authorization: stack.apiKey } });
        assert.equal(res.status, 200);
        const body = await res.json();
        const hits = body.searches;
        const internal = hits.filter((h) => h.is_internal).map((h) => h.name);
        assert.ok(internal.length > 0, "the fake has an internal article about passwords");

        const page = await open("/app.html");
        const host = "#help";
        try {
          await page.select("#user", "staff@acme.test");
          await page.focus(`${host} >>> [role="combobox"]`);
          await page.keyboard.type("password");
          const staff = await until(page, host, (x) => x.titles.length > 0 && x.titles.some((t) => internal.includes(t)), "staff results with an internal article");

          // Signing out (the demo's user menu) makes the open widget search again by itself, as anonymous.
          await page.select("#user", "");
          const anon = await until(page, host, (x) => x.titles.length > 0 && !x.titles.some((t) => internal.includes(t)), "results as an anonymous visitor");
          // Both lists fill the page size (10) with weaker matches, so compare the articles actually about passwords.
          const about = (v) => v.titles.filter((t) => /password/i.test(t));
          assert.ok(
            about(anon).length < about(staff).length,
            `staff see more password articles (${JSON.stringify(about(staff))}) than anonymous (${JSON.stringify(about(anon))})`,
          );
          assert.ok(about(anon).every((t) => about(staff).includes(t)), "anonymous password articles are a subset of staff's");
        } finally {
          await page.close();
        }

        // A fresh anonymous visit never shows it either.
        const page2 = await open("/app.html");
        try {
          await page2.select("#user", "");
          await page2.focus(`${host} >>> [role="combobox"]`);
          await page2.keyboard.type("password");
          const v = await until(page2, host, (x) => x.titles.length > 0, "anonymous results");
          assert.ok(!v.titles.some((t) => internal.includes(t)), `no internal article anonymously: ${JSON.stringify(v.titles)}`);
        } finally {
          await page2.close();
        }
      });
    });

    // Issue 21's "done when", tried as a new user would: the app's routes, a deep link, results as links, the launcher.
    describe("in-app page /app.html: help that knows where the visitor is", () => {
      /** The titles under "Suggested for this page" in a widget. */
      const suggested = (page, host) =>
        page.evaluate((h) => [...document.querySelector(h).shadowRoot.querySelectorAll('[part~="suggested-group"] [role="option"] [part~="title"]')].map((t) => t.textContent.trim()), host);
      const invoices = (titles) => ["Download invoices and receipts", "Understanding your invoice"].every((t) => titles.includes(t));

      before(async () => {
        // Articles named by id come from the edge index only, built by the first anonymous search after start.
        await fetch(`${stack.workerUrl}/v1/search?q=invoice`);
        for (let i = 0; i < 150; i++) {
          const h = await (await fetch(`${stack.workerUrl}/v1/health`)).json();
          if (h.index?.state === "ready") break;
          await new Promise((r) => setTimeout(r, 100));
        }
      });

      it("moving to the billing page suggests the invoice articles, in the panel and in the launcher, with no reload", async () => {
        const page = await open("/app.html");
        try {
          await page.waitForFunction(() => document.getElementById("help").shadowRoot.querySelector('[part~="suggested-group"]'));
          assert.ok(!invoices(await suggested(page, "#help")), "the dashboard suggests other articles");
          await page.evaluate(() => (window.stillHere = true));
          await page.click('.tabs a[href="/app/billing"]');
          await page.waitForFunction(() => location.pathname === "/app/billing");
          const deadline = Date.now() + WAIT;
          while (!invoices(await suggested(page, "#help")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          assert.ok(invoices(await suggested(page, "#help")), `the invoice articles suggested: ${JSON.stringify(await suggested(page, "#help"))}`);
          assert.equal(await page.evaluate(() => window.stillHere), true, "the app moved without a reload");
          assert.equal(await page.$eval("h1", (h) => h.textContent), "Billing", "on the billing route");

          // The help button in the corner: the same suggestions in its panel, opened by keyboard; Escape closes it.
          await page.$eval("#launcher", (el) => el.shadowRoot.querySelector('[part~="launcher"]').focus());
          await page.keyboard.press("Enter");
          await until(page, "#launcher", (v) => v.dialogOpen === true && v.focused === "input", "the launcher's panel open, focus in its box");
          const inPanel = () => suggested(page, "#launcher");
          while (!invoices(await inPanel()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
          assert.ok(invoices(await inPanel()), `the launcher suggests them too: ${JSON.stringify(await inPanel())}`);
          await page.keyboard.press("Escape");
          await until(page, "#launcher", (v) => v.dialogOpen === false && v.focused === "launcher", "closed, focus back on the help button");
        } finally {
          await page.close();
        }
      });

      // Print is emulated over CDP only; widget/launcher.test.ts checks the print rule in every engine.
      it("the help button is not printed", { skip: e.engine !== "chromium" && "no print emulation over WebDriver BiDi" }, async () => {
        const page = await open("/app/billing");
        try {
          const shown = () => page.$eval("#launcher", (el) => el.shadowRoot.querySelector('[part~="launcher"]').checkVisibility());
          assert.equal(await shown(), true, "on screen");
          await page.emulateMediaType("print");
          assert.equal(await shown(), false, "not on paper");
        } finally {
          await page.close();
        }
      });

      it("a copied deep link opens the same article in a fresh tab", async () => {
        const page = await open("/app/billing");
        let fresh;
        try {
          const host = "#help";
          await page.waitForFunction(() => document.getElementById("help").shadowRoot.querySelector('[part~="suggested-group"] [role="option"]'));
          // A plain click on a suggestion opens the reader (the link's own page is for Ctrl-click).
          const title = await page.$eval(host, (el) => {
            const o = el.shadowRoot.querySelector('[part~="suggested-group"] [role="option"]');
            o.click();
            return o.querySelector('[part~="title"]').textContent.trim();
          });
          await until(page, host, (v) => v.heading === title, "the article in the panel's reader");
          await page.waitForFunction(() => /^#hj-article=\d+$/.test(location.hash));
          // Copy link, as a visitor presses it; the clipboard itself is the browser's, so the page's writeText is watched.
          await page.evaluate(() => (navigator.clipboard.writeText = async (text) => void (window.copied = text)));
          await page.$eval(host, (el) => el.shadowRoot.querySelector('[part~="copy"]').click());
          await page.waitForFunction(() => window.copied);
          const link = await page.evaluate(() => window.copied);
          assert.equal(link, await page.evaluate(() => location.href), "the copied link is the page's address with the article");
          assert.match(link, /\/app\/billing#hj-article=\d+$/);

          fresh = await browser.newPage({});
          fresh.setDefaultTimeout(WAIT);
          await fresh.goto(link, { waitUntil: "load" });
          await until(fresh, host, (v) => v.heading === title, "the same article in a fresh tab");
          assert.equal(await fresh.$eval("h1", (h) => h.textContent), "Billing", "on the same route");
        } finally {
          await page.close();
          await fresh?.close();
        }
      });

      it("Ctrl-click on a result opens a new tab; a plain click opens the reader", async () => {
        const page = await open("/app.html");
        const host = "#help";
        try {
          await page.focus(`${host} >>> [role="combobox"]`);
          await page.keyboard.type("invoice");
          const list = await until(page, host, (v) => v.titles.length > 1 && v.titles.some((t) => /invoice/i.test(t)), "results for invoice");
          const option = await page.$(`${host} >>> [role="option"]`);
          const href = await option.evaluate((a) => a.href);
          assert.match(href, /#hj-article=\d+$/, "a real link, to the article in this page (deep-link)");
          const opened = page.browser().waitForTarget((t) => t.url() === href, { timeout: WAIT });
          await page.keyboard.down("Control");
          await option.click();
          await page.keyboard.up("Control");
          const target = await opened;
          const tab = await target.page();
          assert.ok(tab && tab !== page, "a new tab");
          await tab?.close();
          const after = await view(page, host);
          assert.equal(after.heading, null, "this page's panel did not open the reader");

          await option.click();
          await until(page, host, (v) => v.heading === list.titles[0], "a plain click opens the reader in the panel");
        } finally {
          await page.close();
        }
      });
    });

    describe("in-app page /app.html when Helpjuice cannot answer", () => {
      it("staff get the edge index's public results and one line saying so", async () => {
        // The index is built by the first anonymous search after start; wait until health says so.
        await fetch(`${stack.workerUrl}/v1/search?q=password`);
        for (let i = 0; i < 100; i++) {
          const h = await (await fetch(`${stack.workerUrl}/v1/health`)).json();
          if (h.index?.state === "ready") break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const fault = await (
          await fetch(`${stack.fakeUrl}/__fake/faults`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ path: "^/api/v3/search$", kind: "error", status: 503 }),
          })
        ).json();
        const page = await open("/app.html");
        const host = "#help";
        try {
          await page.select("#user", "staff@acme.test");
          await page.focus(`${host} >>> [role="combobox"]`);
          await page.keyboard.type("invoices");
          await until(page, host, (x) => x.titles.length > 0, "partial results");
          const line = await page.waitForFunction(
            (host) => document.querySelector(host)?.shadowRoot?.querySelector('[part~="partial"]')?.textContent.trim(),
            {},
            host,
          );
          assert.match(await line.jsonValue(), /public articles only/i);
        } finally {
          await page.close();
          await fetch(`${stack.fakeUrl}/__fake/faults/${fault.fault.id}`, { method: "DELETE" });
        }
      });
    });

    describe("in-app page /app.html, keyboard only", () => {
      it("staff read an internal article with the arrows and Enter; their 👎 reaches Helpjuice as them", async () => {
        const page = await open("/app.html");
        const host = "#help";
        try {
          // Tab from the top of the page: the user menu, then the help panel's box.
          await page.select("#user", "staff@acme.test");
          let focus;
          for (let i = 0; i < 20; i++) {
            await page.keyboard.press("Tab");
            focus = await page.evaluate(() => {
              const a = document.activeElement;
              return a?.id === "help" ? a.shadowRoot.activeElement?.getAttribute("role") : a?.id || a?.tagName;
            });
            if (focus === "combobox") break;
          }
          assert.equal(focus, "combobox", "Tab reaches the help panel's search box");
          await page.keyboard.type("playbook");
          const list = await until(page, host, (v) => v.titles.length > 0, "staff results for playbook");
          const i = list.titles.findIndex((t) => /playbook/i.test(t));
          assert.ok(i >= 0, `a playbook among ${JSON.stringify(list.titles)}`);
          for (let k = 0; k <= i; k++) await page.keyboard.press("ArrowDown");
          await until(page, host, (v) => v.active === i, `option ${i} active`);
          await page.keyboard.press("Enter");
          const r = await until(page, host, (v) => v.heading === list.titles[i] && v.focused === "heading", "the internal article, heading focused");

          for (let k = 0; k < 30 && (await view(page, host)).focused !== "vote-down"; k++) await page.keyboard.press("Tab");
          assert.equal((await view(page, host)).focused, "vote-down", "Tab reaches 👎");
          await fetch(`${stack.fakeUrl}/__fake/log`, { method: "DELETE" });
          await page.keyboard.press(" "); // the space bar (Firefox over BiDi knows it by its key, not "Space")
          // Pressed once the worker has answered, which it does once its outbox holds the vote.
          await until(page, host, (v) => v.downPressed === "true" && v.upPressed === "false" && v.heading === r.heading, "👎 pressed, still reading");
          await upstreamLog((l) => l.some((e) => e.path.endsWith("/downvote")), "the downvote to reach the fake Helpjuice");
          await new Promise((r) => setTimeout(r, 300)); // and no second one behind it
          const votes = (await upstreamLog(() => true, "the log")).filter((e) => e.path.endsWith("/downvote"));
          assert.equal(votes.length, 1, "one downvote upstream");
          assert.equal(votes[0].user, "staff@acme.test", "sent as the signed-in user (Basic impersonation)");

          // Escape goes back to the list, on the article just read.
          await page.keyboard.press("Escape");
          await until(page, host, (v) => v.heading === null && v.active === i && v.inputExpanded === "true", "back on the list, same option");
        } finally {
          await page.close();
        }
      });
    });

    describe("API page /api.html", () => {
      it("every card shows an HTTP status line; the internal article answers 404", async () => {
        const page = await open("/api.html");
        try {
          await page.waitForFunction(() => {
            const a = [...document.querySelectorAll("#examples .answer")];
            return a.length > 0 && a.every((p) => p.textContent !== "…");
          });
          const cards = await page.$$eval("#examples .card", (cs) =>
            cs.map((c) => ({ title: c.querySelector("h2").textContent, curl: c.querySelector("pre").textContent, answer: c.querySelector(".answer").textContent })),
          );
          assert.ok(cards.length >= 5);
          for (const c of cards) {
            assert.match(c.curl, /^curl /, `${c.title}: a curl line`);
            assert.match(c.answer, /^HTTP \d{3}/, `${c.title}: ${c.answer.slice(0, 80)}`);
          }
          const internal = cards.find((c) => /internal/i.test(c.title));
          assert.ok(internal, "an internal-article card");
          assert.match(internal.answer, /^HTTP 404/);
          assert.match(cards.find((c) => c.title === "Search").answer, /^HTTP 200/);
          const card = (re) => cards.find((c) => re.test(c.title));
          const signed = card(/signed-in user/);
          assert.match(signed.curl, /Authorization: Bearer ey/, "the curl line carries the minted token");
          assert.match(signed.answer, /^HTTP 200 {2}Cache-Status: hj-kv; fwd=bypass/, "a signed user reads it, never from the cache");
          assert.match(card(/webhook/).answer, /^HTTP 401/, "a wrong webhook secret is refused");
          assert.match(card(/OpenAPI/).answer, /^HTTP 200\n\{\n {2}"openapi": "3\.1/);
          assert.match(card(/widget script/).answer, /Access-Control-Allow-Origin: \*/);
          const routes = ["/v1/search", "/v1/articles/", "/vote", "/v1/webhooks/helpjuice", "/v1/health", "/v1/openapi.json", "/hj-search.js"];
          for (const r of routes) assert.ok(cards.some((c) => c.curl.includes(r)), `a curl line for ${r}`);
        } finally {
          await page.close();
        }
      });
    });

    describe("phone-sized viewport 390×844", () => {
      for (const path of ["/", "/app.html", "/api.html"]) {
        it(`${path} has no horizontal scroll`, async () => {
          const page = await open(path, { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
          try {
            await page.evaluate(() => document.fonts?.ready);
            if (path === "/api.html") await page.waitForFunction(() => [...document.querySelectorAll("#examples .answer")].every((p) => p.textContent !== "…"));
            const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
            assert.ok(m.scroll <= m.inner, `scrollWidth ${m.scroll} > viewport ${m.inner}`);
          } finally {
            await page.close();
          }
        });
      }
    });

    describe("light and dark: axe (WCAG 2 A/AA, contrast included) with results on screen", () => {
      const cases = [
        ["/", ".hero hj-search"],
        ["/app.html", "#help"],
        ["/api.html", null],
      ];
      for (const scheme of ["light", "dark"]) {
        for (const [path, host] of cases) {
          it(`${path} in ${scheme}`, async () => {
            const page = await open(path, undefined, scheme);
            try {
              const dark = await page.evaluate(() => {
                const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
                return (r + g + b) / 3 < 128;
              });
              assert.equal(dark, scheme === "dark", `the page background follows prefers-color-scheme: ${scheme}`);
              if (host) {
                await page.focus(`${host} >>> [role="combobox"]`);
                await page.keyboard.type("password");
                await until(page, host, (v) => v.titles.length > 0, "results");
                const boxDark = await page.evaluate((h) => {
                  const input = document.querySelector(h).shadowRoot.querySelector("input");
                  const [r, g, b] = getComputedStyle(input).color.match(/\d+/g).map(Number);
                  return (r + g + b) / 3 > 128;
                }, host);
                assert.equal(boxDark, scheme === "dark", "the widget's text is light on dark in dark mode, and the reverse");
              } else {
                await page.waitForFunction(() => [...document.querySelectorAll("#examples .answer")].every((p) => p.textContent !== "…"));
              }
              const violations = await axeViolations(page);
              assert.deepEqual(violations, [], `axe violations: ${JSON.stringify(violations)}`);
            } finally {
              await page.close();
            }
          });
        }
      }
    });
  });
}
