// `npm run shots`: PNGs of the widget's key states, taken with the real stack (the fake Helpjuice and
// `wrangler dev`, as `npm start` runs them) in headless Chromium, into docs/shots/. The README shows three.
//
//   results-light.png  the Ctrl+K modal on the marketing page with results for "password"
//   results-dark.png   the same under prefers-color-scheme: dark
//   reader.png         an article open in the modal (a numbered list, a code block, a callout)
//   phone-sheet.png    the modal as a full-screen sheet on a 390×844 touch screen
//   rtl.png            the modal in Arabic, right to left
//   in-app-panel.png   the in-app help panel on /app.html, signed in as support staff
//   in-app-empty.png   the same panel before anyone types: the popular articles
//   app-billing.png    /app.html moved to its Billing route: the panel suggests the invoice articles
//   launcher-closed.png  the in-app page on a 390×844 touch screen, the launcher's Help button over it
//   launcher-open.png  the launcher's panel open on the Billing route, over the page
//   launcher-phone.png the launcher's panel on a 390×844 touch screen: the whole screen
//   insights-{desktop,phone}-{light,dark}.png   the /insights dashboard with the seeded traffic
//
// Deterministic: the edge index is built before the first picture, motion is reduced, the caret hidden,
// and each picture is taken once the results (or the article) are painted. Chromium-only tooling.
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import puppeteer from "puppeteer-core";
import { CHROME_FLAGS, findChrome, INSTALL_HINT } from "./find-chrome.mjs";
import { seedInsights } from "./seed-insights.mjs";
import { onShutdown } from "../test/harness/procs.mjs";
import { ROOT, startStack } from "../test/harness/stack.mjs";

const OUT = join(ROOT, "docs", "shots");
const WAIT = 15_000;
const DESKTOP = { width: 1200, height: 760, deviceScaleFactor: 1 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const INSIGHTS_TOKEN = "dev-only-insights-token";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();

const chrome = findChrome();
if (!chrome) {
  console.error(`✖ ${INSTALL_HINT}`);
  process.exit(1);
}

let stack = null;
let starting = null;
let browser = null;
let launching = null;
// Ctrl-C (or SIGTERM, SIGHUP) at any point: the harness stops wrangler, workerd and the fake on its own
// (procs.mjs); this closes Chromium too. Also on a normal or failed end (finish() below).
const closeBrowser = async () => {
  const b = browser ?? (await launching?.catch(() => null));
  await b?.close().catch(() => {});
};
onShutdown(closeBrowser);
process.on("exit", () => browser?.process()?.kill("SIGKILL"));

async function finish(code) {
  await closeBrowser();
  const s = stack ?? (await starting?.catch(() => null));
  await s?.stop();
  process.exit(code);
}

try {
  await main();
  await finish(0);
} catch (e) {
  console.error(`✖ ${e.stack ?? e.message ?? e}`);
  await finish(1);
}

async function main() {
  // The demo pages and the widget are served from dist/public, as under `npm start`.
  for (const s of ["build-widget.mjs", "build-demo.mjs"]) execFileSync(process.execPath, [join(ROOT, "scripts", s)], { cwd: ROOT, stdio: "inherit" });

  starting = startStack({
    workerPort: 0,
    fakePort: 0,
    // As `npm start`: the in-app page's tokens, and the demo knowledge base's four languages in the index.
    vars: {
      USER_TOKEN_SECRET: "dev-only-user-token-secret-not-for-production",
      WEBHOOK_SECRET: "dev-only-webhook-secret",
      DEV_TOKEN_MINTING: "true",
      KB_LANGUAGES: "en_US,es_ES,de_DE,ja_JP",
      INSIGHTS_TOKEN,
    },
  });
  launching = puppeteer.launch({ executablePath: chrome, args: [...CHROME_FLAGS, "--hide-scrollbars", "--font-render-hinting=none"], headless: true });
  [stack, browser] = await Promise.all([starting, launching]);
  const base = stack.workerUrl;

  // The first anonymous search builds the edge index; every picture is taken once it is ready, so all of
  // them show what the index answers.
  await fetch(`${base}/v1/search?q=password`);
  for (let i = 0; i < 200; i++) {
    const h = await (await fetch(`${base}/v1/health`)).json().catch(() => ({}));
    if (h.index?.state === "ready") break;
    await sleep(100);
  }

  // The dashboard's figures: the seeded traffic, through the local queue into D1.
  const seeded = await seedInsights(base);
  for (let i = 0; i < 120; i++) {
    const r = await (await fetch(`${base}/v1/insights`, { headers: { Authorization: `Bearer ${INSIGHTS_TOKEN}` } })).json().catch(() => ({}));
    if (r.totals?.searches >= seeded.searches) break;
    await sleep(250);
  }

  mkdirSync(OUT, { recursive: true });
  const written = [];
  const shot = async (name, fn) => {
    const t = Date.now();
    const png = await fn();
    const file = join(OUT, `${name}.png`);
    writeFileSync(file, png);
    written.push(file);
    console.log(`  ${relative(ROOT, file)}  ${(statSync(file).size / 1024).toFixed(0)} kB  ${Date.now() - t} ms`);
  };

  console.log("writing:");
  const MODAL = 'header hj-search[mode="modal"]';

  await shot("results-light", async () => {
    const page = await open(`${base}/`, DESKTOP, "light");
    await openModal(page, MODAL);
    await search(page, MODAL, "password");
    return snap(page);
  });

  await shot("results-dark", async () => {
    const page = await open(`${base}/`, DESKTOP, "dark");
    await openModal(page, MODAL);
    await search(page, MODAL, "password");
    return snap(page);
  });

  await shot("reader", async () => {
    const page = await open(`${base}/`, DESKTOP, "light");
    await openModal(page, MODAL);
    await search(page, MODAL, "api key");
    await read(page, MODAL, /^create an api key$/i);
    // The article's end, where the vote buttons are (the alt text in the README promises them).
    await page.evaluate((host) => document.querySelector(host).shadowRoot.querySelector('[part~="vote-up"]').scrollIntoView({ block: "end" }), MODAL);
    return snap(page);
  });

  await shot("ask", async () => {
    // Ask in the modal: a question, Enter, the streamed answer with its citation pills and sources.
    const page = await open(`${base}/`, DESKTOP, "light");
    await openModal(page, MODAL);
    await page.keyboard.type("How do I reset my password?");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (host) => document.querySelector(host).shadowRoot.querySelector('[part~="answer"][aria-busy="false"] [part~="sources"]'),
      { timeout: WAIT },
      MODAL,
    );
    return snap(page);
  });

  await shot("phone-sheet", async () => {
    const page = await open(`${base}/`, PHONE, "light");
    await page.tap(`${MODAL} >>> [part="trigger"]`);
    await until(page, MODAL, (v) => v.dialogOpen && v.focused === "input", "the sheet open, input focused");
    await search(page, MODAL, "password");
    return snap(page);
  });

  await shot("rtl", async () => {
    // The marketing page served with <html lang="ar">: the widget takes its language from it, and with it its
    // text and its direction (right to left), while the English page around it stays as it is. The demo
    // knowledge base has no Arabic, so the results are the default language's (each title and snippet keeps
    // its own direction, dir="auto").
    const page = await open(`${base}/`, DESKTOP, "light", (html) => html.replace('<html lang="en">', '<html lang="ar">'));
    await openModal(page, MODAL);
    await search(page, MODAL, "password");
    return snap(page);
  });

  await shot("in-app-panel", async () => {
    const page = await open(`${base}/app.html`, DESKTOP, "light");
    await page.select("#user", "staff@acme.test");
    await page.focus(`#help >>> [role="combobox"]`);
    await page.keyboard.type("password");
    await until(page, "#help", (v) => v.titles.length > 0 && v.status === "done", "staff results in the panel");
    return snap(page);
  });

  await shot("in-app-empty", async () => {
    const page = await open(`${base}/app.html`, DESKTOP, "light");
    await until(page, "#help", (v) => v.titles.length > 0 && v.status === "done", "the popular articles in the panel");
    return snap(page);
  });

  // The in-app page's own routes: a plain click on a tab is the app's (history.pushState, no reload).
  const toBilling = async (page) => {
    await page.click('.tabs a[href="/app/billing"]');
    await page.waitForFunction(() => location.pathname === "/app/billing");
  };
  const suggested = (v) => v.groups.includes("suggested") && v.titles.some((t) => /invoice/i.test(t));

  await shot("app-billing", async () => {
    const page = await open(`${base}/app.html`, DESKTOP, "light");
    await until(page, "#help", (v) => v.titles.length > 0, "the panel's lists");
    await toBilling(page);
    await until(page, "#help", suggested, "the billing route's suggestions in the panel");
    return snap(page);
  });

  await shot("launcher-closed", async () => {
    // On a phone, where a floating button matters most: over the page, in the bottom-end corner.
    const page = await open(`${base}/app.html`, PHONE, "light");
    await until(page, "#help", (v) => v.titles.length > 0, "the panel's lists");
    return snap(page);
  });

  await shot("launcher-open", async () => {
    const page = await open(`${base}/app.html`, DESKTOP, "light");
    await toBilling(page);
    await page.click('#launcher >>> [part~="launcher"]');
    await until(page, "#launcher", (v) => v.dialogOpen && v.focused === "input" && suggested(v), "the launcher's panel with the billing suggestions");
    // Its look comes with its chunk, a moment after the click on a cold page.
    await page.waitForFunction(() => getComputedStyle(document.getElementById("launcher").shadowRoot.querySelector("dialog")).boxShadow !== "none");
    return snap(page);
  });

  await shot("launcher-phone", async () => {
    const page = await open(`${base}/app.html`, PHONE, "light");
    await page.tap('#launcher >>> [part~="launcher"]');
    await until(page, "#launcher", (v) => v.dialogOpen && v.titles.length > 0 && v.status === "done", "the launcher's panel on a phone");
    await page.waitForFunction(() => document.getElementById("launcher").shadowRoot.querySelector("dialog").matches(":modal"));
    return snap(page);
  });

  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    for (const scheme of ["light", "dark"]) {
      await shot(`insights-${size}-${scheme}`, async () => {
        const page = await browser.newPage();
        page.setDefaultTimeout(WAIT);
        await page.setViewport(viewport);
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }, { name: "prefers-reduced-motion", value: "reduce" }]);
        await page.goto(`${base}/insights`, { waitUntil: "load" });
        await page.type("#token", INSIGHTS_TOKEN);
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => !document.getElementById("report").hidden && document.querySelectorAll("#report table").length > 0);
        // The phone's picture: the totals and the first chart under the form.
        if (size === "phone") await page.evaluate(() => document.getElementById("h-totals").scrollIntoView());
        return snap(page);
      });
    }
  }

  console.log(`\n${written.length} pictures in ${relative(ROOT, OUT)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A page at `url` with the widget defined; `rewrite` (optional) edits the document's HTML on the way in. */
async function open(url, viewport, scheme, rewrite) {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT);
  await page.setViewport(viewport);
  await page.emulateMediaFeatures([
    { name: "prefers-color-scheme", value: scheme },
    { name: "prefers-reduced-motion", value: "reduce" },
  ]);
  if (rewrite) {
    await page.setRequestInterception(true);
    page.on("request", async (req) => {
      if (req.isInterceptResolutionHandled()) return;
      if (req.resourceType() !== "document") return req.continue();
      const res = await fetch(req.url());
      const headers = Object.fromEntries([...res.headers].filter(([k]) => !["content-encoding", "content-length"].includes(k)));
      await req.respond({ status: res.status, headers, body: rewrite(await res.text()) });
    });
  }
  await page.goto(url, { waitUntil: "load" });
  // Rendered: a widget renders nothing (and so has no dialog to open) until its language's text is in.
  await page
    .waitForFunction(() => customElements.get("hj-search") !== undefined && [...document.querySelectorAll("hj-search")].every((el) => el.shadowRoot?.querySelector('[part="base"]')))
    .catch((e) => {
      throw new Error(`the widget did not render on ${url} (was dist/public rebuilt meanwhile?): ${e.message}`);
    });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** What a widget shows, read from its shadow root. */
function view(page, host) {
  return page.evaluate((host) => {
    const root = document.querySelector(host)?.shadowRoot;
    if (!root) return null;
    const opts = [...root.querySelectorAll('[role="option"]')];
    const loading = root.querySelector('[part~="loading"]');
    return {
      titles: opts.map((o) => o.querySelector('[part~="title"]')?.textContent.trim() ?? ""),
      groups: [...root.querySelectorAll('[role="group"]')].map((g) => (g.getAttribute("part") ?? "").replace(/-group$/, "").replace(/^group /, "")),
      heading: root.querySelector('[part="heading"]')?.textContent.trim() ?? null,
      body: root.querySelector('[part="body"]')?.textContent.trim().length ?? 0,
      focused: root.activeElement?.getAttribute("part") ?? null,
      dialogOpen: root.querySelector("dialog")?.open ?? null,
      busy: root.querySelector('[role="combobox"]')?.getAttribute("aria-busy") === "true",
      status: loading ? "loading" : "done",
    };
  }, host);
}

async function until(page, host, pred, what) {
  const deadline = Date.now() + WAIT;
  let last;
  while (Date.now() < deadline) {
    last = await view(page, host);
    if (last && pred(last)) return last;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}; last view: ${JSON.stringify(last)}`);
}

async function openModal(page, host) {
  await page.keyboard.down("Control");
  await page.keyboard.press("k");
  await page.keyboard.up("Control");
  await until(page, host, (v) => v.dialogOpen && v.focused === "input", "the modal open, input focused");
}

/** Types `q` into the focused box and waits until the list has settled on its results. */
async function search(page, host, q) {
  await page.keyboard.type(q);
  let prev = "";
  let same = 0;
  // Results for every prefix arrive as one types; wait until the list has stayed the same a few polls.
  await until(
    page,
    host,
    (v) => {
      const key = JSON.stringify(v.titles);
      same = key === prev ? same + 1 : 0;
      prev = key;
      return v.titles.length > 0 && v.status === "done" && !v.busy && same >= 4;
    },
    `results for "${q}"`,
  );
}

/** Opens the option whose title matches `re` (ArrowDown to it, Enter) and waits for the article. */
async function read(page, host, re) {
  const v = await view(page, host);
  const i = v.titles.findIndex((t) => re.test(t));
  if (i < 0) throw new Error(`no option matching ${re} among ${JSON.stringify(v.titles)}`);
  for (let k = 0; k <= i; k++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await until(page, host, (x) => x.heading !== null && re.test(x.heading) && x.body > 0, "the article in the reader");
}

/**
 * A PNG of the viewport (device scale 1, so each stays near 100 kB) once the current frame is painted; the
 * caret is hidden in every widget's shadow root so a blink never shows. Closes the page.
 */
async function snap(page) {
  await page.evaluate(async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("* { caret-color: transparent !important; }");
    for (const el of document.querySelectorAll("hj-search")) {
      if (el.shadowRoot) el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, sheet];
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  const png = await page.screenshot({ type: "png", optimizeForSpeed: false });
  await page.close();
  return png;
}
