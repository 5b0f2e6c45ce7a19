// The browser engines the tests run in, for web-test-runner (launchers and the commands the widget tests
// send) and for the end-to-end tests (puppeteer pages in Chromium and Firefox).
//
//   Chromium  puppeteer-core over CDP            (@web/test-runner-chrome)
//   Firefox   puppeteer-core over WebDriver BiDi (@web/test-runner-chrome with browser: "firefox")
//   WebKit    WebKitGTK's WebKitWebDriver and MiniBrowser, under Xvfb when there is no display
//             (@web/test-runner-webdriver)
import { spawn } from "node:child_process";
import puppeteer from "puppeteer-core";
import { CHROME_FLAGS, ENGINE_LABEL, FIREFOX_PREFS, findBrowsers, missingLine } from "../../scripts/find-browsers.mjs";
import { freePort } from "./ports.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Options for puppeteer-core's launch() of one engine ("chromium" or "firefox") at `executablePath`. */
export function puppeteerLaunchOptions(engine, executablePath) {
  if (engine === "firefox") return { browser: "firefox", executablePath, headless: true, extraPrefsFirefox: FIREFOX_PREFS };
  return { executablePath, args: CHROME_FLAGS };
}

/** The engine of a User-Agent string, as the dev server sees a test page's requests. */
export function engineOf(userAgent = "") {
  if (/Firefox\//.test(userAgent)) return "firefox";
  if (/Chrom(e|ium)\//.test(userAgent)) return "chromium";
  return "webkit";
}

/**
 * Starts Xvfb (when there is no display) and WebKitWebDriver on a free port; resolves to
 * {port, env, stop()} once the driver answers /status.
 */
export async function startWebKitDriver({ driver, xvfb }) {
  const procs = [];
  const env = { ...process.env };
  const stop = async () => {
    for (const p of procs.reverse()) if (p.exitCode === null && p.signalCode === null) p.kill("SIGTERM");
    await sleep(100);
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  };
  // Whatever happens to this process, its X server and driver go with it.
  process.once("exit", () => procs.forEach((p) => p.exitCode === null && p.kill("SIGKILL")));
  if (xvfb) {
    // -displayfd: Xvfb picks a free display and writes its number to fd 3.
    const x = spawn(xvfb, ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "ignore", "pipe"] });
    procs.push(x);
    const display = await new Promise((resolve, reject) => {
      let out = "";
      x.stdio[3].on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out.trim());
      });
      x.once("exit", (code) => reject(new Error(`Xvfb exited (${code}) before it had a display`)));
      setTimeout(() => reject(new Error("Xvfb did not start within 10 s")), 10_000).unref();
    });
    env.DISPLAY = `:${display}`;
  }
  const port = await freePort();
  let output = "";
  const d = spawn(driver, [`--port=${port}`], { env, stdio: ["ignore", "pipe", "pipe"] });
  procs.push(d);
  d.stdout.on("data", (b) => (output += b));
  d.stderr.on("data", (b) => (output += b));
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (d.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`WebKitWebDriver did not start on port ${port}.\n${output}`);
    }
    await sleep(100);
  }
  return { port, env, stop };
}

/** WebKitGTK's MiniBrowser through WebKitWebDriver, which this launcher starts and stops (under Xvfb if needed). */
const webKitLauncherClass = async () => {
  const { WebdriverLauncher } = await import("@web/test-runner-webdriver");
  return class WebKitLauncher extends WebdriverLauncher {
    constructor(webkit) {
      super({
        hostname: "127.0.0.1",
        port: 0, // set once the driver runs
        path: "/",
        logLevel: "error",
        connectionRetryCount: 0,
        capabilities: {
          browserName: "MiniBrowser",
          // Classic WebDriver: WebKitWebDriver's BiDi is not what webdriverio expects of it.
          "wdio:enforceWebDriverClassic": true,
          "webkitgtk:browserOptions": { binary: webkit.minibrowser, args: ["--automation"] },
        },
      });
      this.webkit = webkit;
    }
    async initialize(config, testFiles) {
      this.running = await startWebKitDriver(this.webkit);
      this.options.port = this.running.port;
      await super.initialize(config, testFiles);
      this.name = ENGINE_LABEL.webkit;
    }
    async startSession(id, url) {
      await this.ensureManagerInitialized();
      // The same 800×600 viewport the puppeteer launchers give each page.
      if (!this.sized) {
        this.sized = true;
        await setWebdriverViewport(this.driver, 800, 600);
      }
      return super.startSession(id, url);
    }
    async stop() {
      await super.stop();
      await this.running?.stop();
    }
  };
};

/** Sets the viewport (not the window) of a webdriverio session to width × height CSS pixels. */
async function setWebdriverViewport(driver, width, height) {
  await driver.setWindowSize(width, height);
  for (let i = 0; i < 3; i++) {
    const [w, h] = await driver.execute("return [window.innerWidth, window.innerHeight]");
    if (w === width && h === height) return;
    const rect = await driver.getWindowRect();
    await driver.setWindowRect(null, null, rect.width + width - w, rect.height + height - h);
  }
}

/** The web-test-runner launcher of one engine, named after it (the reporter's and /__stack.json's key). */
export async function launcher(engine, found) {
  if (engine === "webkit") return new (await webKitLauncherClass())(found);
  const { chromeLauncher } = await import("@web/test-runner-chrome");
  const l = chromeLauncher({ launchOptions: puppeteerLaunchOptions(engine, found) });
  l.name = ENGINE_LABEL[engine];
  return l;
}

// WebDriver's code points for the keys the tests press (https://w3c.github.io/webdriver/#keyboard-actions).
const WD_KEYS = {
  Backspace: "\uE003",
  Tab: "\uE004",
  Enter: "\uE007",
  Shift: "\uE008",
  Control: "\uE009",
  Alt: "\uE00A",
  Escape: "\uE00C",
  Space: " ",
  PageUp: "\uE00E",
  PageDown: "\uE00F",
  End: "\uE010",
  Home: "\uE011",
  ArrowLeft: "\uE012",
  ArrowUp: "\uE013",
  ArrowRight: "\uE014",
  ArrowDown: "\uE015",
  Delete: "\uE017",
  Meta: "\uE03D",
};
const wdKey = (k) => {
  const v = WD_KEYS[k] ?? (k.length === 1 ? k : null);
  if (!v) throw new Error(`no WebDriver key for "${k}"`);
  return v;
};

/**
 * web-test-runner commands the widget tests send through executeServerCommand(), the same in every engine:
 *   hj-type {text}          types text, one key at a time (WebKitWebDriver drops a key repeated within one
 *                           action sequence, so each key is a sequence of its own)
 *   hj-press {combo}        presses a key or a combination such as "Shift+Tab" or "Control+k"
 *   hj-viewport {width, height}
 */
export function enginesCommandsPlugin() {
  return {
    name: "hj-engine-commands",
    async executeCommand({ command, payload, session }) {
      if (!["hj-type", "hj-press", "hj-viewport"].includes(command)) return undefined;
      const b = session.browser;
      if (b.type === "puppeteer") {
        const page = b.getPage(session.id);
        if (command === "hj-type") await page.keyboard.type(payload.text);
        else if (command === "hj-viewport") await page.setViewport({ width: payload.width, height: payload.height });
        else {
          const keys = payload.combo.split("+");
          const key = keys.pop();
          for (const m of keys) await page.keyboard.down(m);
          await page.keyboard.press(key);
          for (const m of keys.reverse()) await page.keyboard.up(m);
        }
        return true;
      }
      if (b.type === "webdriver") {
        const driver = b.driver;
        if (command === "hj-viewport") {
          await setWebdriverViewport(driver, payload.width, payload.height);
          return true;
        }
        const sequences =
          command === "hj-type"
            ? [...payload.text].map((c) => [c])
            : [payload.combo.split("+")];
        for (const keys of sequences) {
          const codes = keys.map(wdKey);
          const actions = [...codes.map((value) => ({ type: "keyDown", value })), ...codes.reverse().map((value) => ({ type: "keyUp", value }))];
          await driver.performActions([{ type: "key", id: "keyboard", actions }]);
        }
        await driver.releaseActions();
        return true;
      }
      throw new Error(`${command}: no support for browser type ${b.type}`);
    },
  };
}

/**
 * The engines the end-to-end tests run in: Chromium and Firefox (HJ_ENGINES narrows them), those installed.
 * A missing one is said in one line and skipped, or, under CI, fails the run.
 */
export function e2eEngines() {
  const { found, missing } = findBrowsers();
  const wanted = (process.env.HJ_ENGINES ?? "chromium,firefox").split(",").filter((e) => e === "chromium" || e === "firefox");
  const absent = missing.filter((m) => wanted.includes(m.engine));
  if (absent.length) {
    if (process.env.CI === "true" || !wanted.some((e) => found[e])) throw new Error(missingLine(absent));
    console.warn(missingLine(absent));
  }
  return wanted.filter((e) => found[e]).map((engine) => ({ engine, label: ENGINE_LABEL[engine], executablePath: found[engine] }));
}

/**
 * Puppeteer browsers of one engine for the end-to-end tests; `newPage({scheme, viewport})` opens a page that
 * prefers that color scheme. Chromium emulates the preference per page (CDP); Firefox has no such command
 * over WebDriver BiDi, so a light and a dark Firefox are launched (a profile preference), each when first asked.
 */
export function e2eBrowser({ engine, executablePath }) {
  const launched = {};
  const get = (scheme) => {
    if (engine === "chromium") return (launched.any ??= puppeteer.launch({ ...puppeteerLaunchOptions(engine, executablePath), headless: true }));
    const options = puppeteerLaunchOptions(engine, executablePath);
    // 0 dark, 1 light: what a page sees as prefers-color-scheme.
    options.extraPrefsFirefox = { ...options.extraPrefsFirefox, "layout.css.prefers-color-scheme.content-override": scheme === "dark" ? 0 : 1 };
    return (launched[scheme] ??= puppeteer.launch(options));
  };
  return {
    engine,
    /** Launched up front (light), alongside whatever else a suite starts. */
    start: () => get("light"),
    async newPage({ scheme = "light", viewport } = {}) {
      const page = await (await get(scheme)).newPage();
      if (engine === "chromium") {
        // For axe, injected by the tests: the pages run under their own strict CSP. (Firefox does not hold
        // scripts evaluated over WebDriver BiDi to the page's CSP.)
        await page.setBypassCSP(true);
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
      }
      if (viewport) await page.setViewport(viewport);
      return page;
    },
    async close() {
      await Promise.allSettled(Object.values(launched).map(async (b) => (await b).close()));
    },
  };
}
