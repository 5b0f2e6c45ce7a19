// Finds the three browser engines the tests run in: an environment variable first, then the usual install
// paths. Chromium (CHROME_PATH) and Firefox (FIREFOX_PATH) are driven by puppeteer-core (CDP and WebDriver
// BiDi); WebKit is WebKitGTK's WebKitWebDriver (WEBKIT_DRIVER_PATH) with its MiniBrowser, under Xvfb when
// there is no display. Debian/Ubuntu packages: chromium, firefox-esr, webkit2gtk-driver and xvfb.
import { existsSync } from "node:fs";
import { arch } from "node:os";

const first = (env, candidates) => {
  const fromEnv = process.env[env];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return candidates.find((p) => existsSync(p)) ?? null;
};

const CHROME_CANDIDATES = [
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

const FIREFOX_CANDIDATES = [
  "/usr/lib/firefox-esr/firefox-esr",
  "/usr/bin/firefox-esr",
  "/usr/lib/firefox/firefox",
  "/usr/bin/firefox",
  "/opt/firefox/firefox",
  "/Applications/Firefox.app/Contents/MacOS/firefox",
];

// Debian's multiarch triplet for this machine (MiniBrowser lives under /usr/lib/<triplet>/webkit2gtk-4.x/).
const TRIPLET = { x64: "x86_64-linux-gnu", arm64: "aarch64-linux-gnu" }[arch()] ?? `${arch()}-linux-gnu`;
const MINIBROWSER_CANDIDATES = ["4.1", "4.0", "6.0"].flatMap((v) => [
  `/usr/lib/${TRIPLET}/webkit2gtk-${v}/MiniBrowser`,
  `/usr/lib/${TRIPLET}/webkitgtk-${v}/MiniBrowser`,
  `/usr/libexec/webkit2gtk-${v}/MiniBrowser`,
  `/usr/libexec/webkitgtk-${v}/MiniBrowser`,
  `/usr/lib/webkitgtk-${v}/MiniBrowser`,
]);

export const INSTALL_HINT =
  "No Chrome or Chromium found: install one (Debian/Ubuntu: `apt-get install chromium`) or set CHROME_PATH.";

export function findChrome() {
  return first("CHROME_PATH", CHROME_CANDIDATES);
}

export function findFirefox() {
  return first("FIREFOX_PATH", FIREFOX_CANDIDATES);
}

/**
 * WebKitGTK: {driver, minibrowser, xvfb} (xvfb null when a display is already there), or null with
 * `findWebKit.missing` saying what is not installed.
 */
export function findWebKit() {
  const driver = first("WEBKIT_DRIVER_PATH", ["/usr/bin/WebKitWebDriver", "/usr/local/bin/WebKitWebDriver"]);
  const minibrowser = first("WEBKIT_MINIBROWSER_PATH", MINIBROWSER_CANDIDATES);
  const xvfb = process.env.DISPLAY ? null : first("XVFB_PATH", ["/usr/bin/Xvfb", "/usr/local/bin/Xvfb"]);
  const missing = [];
  if (!driver || !minibrowser) missing.push("webkit2gtk-driver");
  if (!process.env.DISPLAY && !xvfb) missing.push("xvfb");
  findWebKit.missing = missing;
  return missing.length ? null : { driver, minibrowser, xvfb };
}
findWebKit.missing = [];

/** The engines, in the order the tests report them. */
export const ENGINES = ["chromium", "firefox", "webkit"];
export const ENGINE_LABEL = { chromium: "Chromium", firefox: "Firefox", webkit: "WebKit" };

/**
 * Which engines are installed here: {found: {chromium?, firefox?, webkit?}, missing: [{engine, packages}]}.
 * `packages` are the Debian/Ubuntu packages that would provide a missing one.
 */
export function findBrowsers() {
  const found = {};
  const missing = [];
  const chrome = findChrome();
  if (chrome) found.chromium = chrome;
  else missing.push({ engine: "chromium", packages: ["chromium"], env: "CHROME_PATH" });
  const firefox = findFirefox();
  if (firefox) found.firefox = firefox;
  else missing.push({ engine: "firefox", packages: ["firefox-esr"], env: "FIREFOX_PATH" });
  const webkit = findWebKit();
  if (webkit) found.webkit = webkit;
  else missing.push({ engine: "webkit", packages: findWebKit.missing, env: "WEBKIT_DRIVER_PATH" });
  return { found, missing };
}

/** One line naming what to install for the engines that are missing. */
export function missingLine(missing) {
  const names = missing.map((m) => ENGINE_LABEL[m.engine]).join(", ");
  const packages = [...new Set(missing.flatMap((m) => m.packages))].join(" ");
  const envs = missing.map((m) => m.env).join(", ");
  return `${names} not found: install with \`apt-get install ${packages}\` (Debian/Ubuntu) or set ${envs}.`;
}

// Flags that keep headless Chromium quiet on a machine with no network but loopback.
export const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

// Preferences that keep headless Firefox off the network (no updates, telemetry, captive portal checks).
export const FIREFOX_PREFS = {
  "app.update.enabled": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "datareporting.policy.dataSubmissionEnabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "toolkit.telemetry.enabled": false,
  "extensions.update.enabled": false,
  "browser.safebrowsing.update.enabled": false,
  // Keep scrollbars out of layout measurements as headless Chromium does (overlay scrollbars).
  "widget.gtk.overlay-scrollbars.enabled": true,
};
