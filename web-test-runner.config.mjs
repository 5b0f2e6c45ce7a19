// Widget tests in real browsers — Chromium, Firefox and WebKit side by side — against the real worker
// (`wrangler dev`) backed by the fake Helpjuice; the upstream is the only stand-in. Each engine gets a stack
// of its own (the fake's faults, the worker's cache and the vote counts are state one engine's tests must not
// see change under them), started once for the whole run (serverStart); a test page finds its engine's at
// /__stack.json. To reuse one already running (e.g. `npm start`), set HJ_WORKER_URL and HJ_FAKE_URL (all
// engines then share it); its ALLOWED_ORIGINS must then include this runner's origin (HJ_WTR_PORT fixes the
// port). HJ_ENGINES picks engines (e.g. "chromium,webkit"; default: every one installed here).
import { writeFileSync } from "node:fs";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { defaultReporter } from "@web/test-runner";
import { buildPublic } from "./scripts/build-widget.mjs";
import { ENGINES, findBrowsers, missingLine } from "./scripts/find-browsers.mjs";
import { engineOf, enginesCommandsPlugin, launcher } from "./test/harness/browsers.mjs";
import { freePort } from "./test/harness/ports.mjs";

const { found, missing } = findBrowsers();
const wanted = (process.env.HJ_ENGINES ?? ENGINES.join(",")).split(",").map((e) => e.trim()).filter(Boolean);
for (const e of wanted) if (!ENGINES.includes(e)) throw new Error(`HJ_ENGINES: unknown engine "${e}" (known: ${ENGINES.join(", ")})`);
const absent = missing.filter((m) => wanted.includes(m.engine));
if (absent.length) {
  // Under CI every engine asked for must be there; on a dev machine the others run.
  if (process.env.CI === "true" || !wanted.some((e) => found[e])) throw new Error(missingLine(absent));
  console.warn(missingLine(absent));
}
const engines = wanted.filter((e) => found[e]);

const port = Number(process.env.HJ_WTR_PORT) || (await freePort());
const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];

const USER_TOKEN_SECRET = "widget-tests-user-token-secret-0123456789";
/** One stack per engine, by engine name: a promise of it while it starts. */
const stacks = {};
const cspReports = [];

/** Starts the fake Helpjuice and the worker before the first test file loads, and stops them after the last. */
function stackPlugin() {
  return {
    name: "hj-stack",
    async serverStart() {
      // The worker serves dist/public as static assets, and the strict-CSP test loads the real bundle.
      // `npm test` has built it already (HJ_WIDGET_BUILT); a run of its own builds it here.
      if (!process.env.HJ_WIDGET_BUILT) await buildPublic({ quiet: true });
      if (process.env.HJ_WORKER_URL) {
        const shared = { workerUrl: process.env.HJ_WORKER_URL, fakeUrl: process.env.HJ_FAKE_URL, stop: async () => {} };
        for (const e of engines) stacks[e] = shared;
        return;
      }
      const { startStack } = await import("./test/harness/stack.mjs");
      // One after another (each bundles the fake to the same file first), while the browsers start; a test
      // file waits for its engine's stack (harnessRoutes), so an engine starts as soon as its stack is up.
      // The slowest engine (WebKit: a WebDriver round trip per key) first, the fastest last.
      const order = ["webkit", "firefox", "chromium"].filter((e) => engines.includes(e));
      let chain = Promise.resolve();
      for (const e of order) {
        chain = chain.then(() => startStack(stackOptions));
        stacks[e] = chain;
        chain = chain.catch(() => {});
      }
      await stacks[order[0]];
    },
    async serverStop() {
      await Promise.allSettled(Object.values(stacks).map(async (s) => (await s).stop()));
    },
  };
}

const stackOptions = {
  fakePort: 0,
  workerPort: 0,
  // Helpjuice's 100 requests a minute is the gate's business (its own tests); a widget run makes more.
  fakeRateLimit: 100000,
  // One browser runs every test from one address; the per-client limits are the worker's own suites'
  // business, not something the widget tests should trip over.
  clientLimit: 100000,
  vars: {
    ALLOWED_ORIGINS: origins.join(","),
    // The global limit likewise.
    UPSTREAM_RATE_LIMIT: "10000",
    // The tests sign user tokens with it, as a host app would (docs/design.md, "Identity").
    USER_TOKEN_SECRET,
    UPSTREAM_TIMEOUT_MS: "3000",
    // The widget's tests steer Helpjuice's search (faults, latency) to see how the widget reacts; the
    // edge index that answers anonymous searches by default has its own tests (test/worker/index-*).
    SEARCH_SOURCE: "helpjuice",
  },
};

/**
 * Routes for the tests, as Koa middleware so they run before the dev server's own plugins (which would
 * inject its reload script into an HTML page — an inline-ish script the strict-CSP page must not have).
 */
async function harnessRoutes(ctx, next) {
  const harness = ["/__stack.json", "/__csp-host.html", "/__csp-report"].includes(ctx.path);
  // A test file (which the page imports once it has loaded) and the harness's routes wait for the engine's
  // stack; the page itself and the runner's scripts do not, so a browser's page loads while its stack starts.
  if (!harness && !ctx.path.endsWith(".test.ts")) return next();
  const stack = await (stacks[engineOf(ctx.get("user-agent"))] ?? Object.values(stacks)[0]);
  if (!harness) return next();
  if (ctx.path === "/__stack.json") {
    ctx.type = "json";
    ctx.body = JSON.stringify({ workerUrl: stack.workerUrl, fakeUrl: stack.fakeUrl, userTokenSecret: USER_TOKEN_SECRET });
    return;
  }
  // A host page under a strict Content-Security-Policy (no inline script, no eval, no inline style) that
  // loads the built widget from the worker, as a page of another origin would. Violations are reported
  // to /__csp-report, which the test reads back.
  if (ctx.path === "/__csp-host.html") {
    const w = stack.workerUrl;
    ctx.set(
      "Content-Security-Policy",
      [
        "default-src 'none'",
        `script-src ${w}`,
        `connect-src ${w}`,
        "style-src 'none'",
        // Article bodies carry images from the help center; the host's image policy is its own business.
        "img-src https: data:",
        "base-uri 'none'",
        "form-action 'none'",
        "report-uri /__csp-report",
      ].join("; "),
    );
    ctx.type = "html";
    // ?mode=launcher: the launcher, whose panel is placed through CSSOM (which style-src does not govern).
    const mode = ctx.query.mode === "launcher" ? ' mode="launcher"' : "";
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP host</title>
<script type="module" src="${w}/hj-search.js"></script></head>
<body><main><h1>Host</h1><hj-search endpoint="${w}"${mode}></hj-search></main></body></html>`;
    return;
  }
  if (ctx.path === "/__csp-report") {
    if (ctx.method === "POST") {
      let body = "";
      for await (const chunk of ctx.req) body += chunk;
      try {
        cspReports.push(JSON.parse(body));
      } catch {
        cspReports.push({ unparsed: body });
      }
      ctx.status = 204;
    } else {
      ctx.type = "json";
      ctx.body = JSON.stringify(cspReports);
    }
    return;
  }
  return next();
}

/** Writes {passed, failed} to HJ_WTR_COUNTS when set, for scripts/test.mjs's closing line. */
function countsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const file = process.env.HJ_WTR_COUNTS;
      if (!file) return;
      let passed = 0;
      let failed = 0;
      const byEngine = {};
      const walk = (suite, e) => {
        for (const t of suite?.tests ?? [])
          if (!t.skipped) {
            if (t.passed) passed++, e.passed++;
            else failed++, e.failed++;
          }
        for (const s of suite?.suites ?? []) walk(s, e);
      };
      for (const session of sessions) {
        const e = (byEngine[session.browser.name] ??= { passed: 0, failed: 0 });
        walk(session.testResults, e);
        // A file that failed to load has no test results: count it as a failure, never as nothing.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) failed++, e.failed++;
      }
      writeFileSync(file, JSON.stringify({ passed, failed, engines: byEngine }));
    },
  };
}

export default {
  files: ["widget/**/*.test.ts"],
  nodeResolve: true,
  port,
  hostname: "localhost",
  // One page at a time in each engine (the engines run side by side, each on its own stack): a stack's faults
  // are shared state, and keyboard input needs the focused page.
  concurrency: 1,
  // All engines at once (web-test-runner's default is two browsers at a time).
  concurrentBrowsers: 3,
  browsers: await Promise.all(engines.map((e) => launcher(e, found[e]))),
  middleware: [harnessRoutes],
  plugins: [esbuildPlugin({ ts: true, tsconfig: "widget/tsconfig.json", target: "auto" }), stackPlugin(), enginesCommandsPlugin()],
  testFramework: { config: { timeout: 15000 } },
  reporters: [defaultReporter(), countsReporter()],
  testsStartTimeout: 120000,
  testsFinishTimeout: 170000,
};
