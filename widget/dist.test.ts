/**
 * The built bundle as a host page of another origin gets it: served by the worker (content type, caching,
 * CORS for the module and its lazy chunks), and working under a strict Content-Security-Policy.
 */
import { assert, equal, options, press, sleep, stack, type, until } from "./test/helpers.js";

document.documentElement.lang = "en";

describe("distribution", () => {
  it("the worker serves /hj-search.js and its chunks as cross-origin JavaScript with cache headers", async () => {
    const { workerUrl } = await stack();
    const entry = await fetch(`${workerUrl}/hj-search.js`);
    equal(entry.status, 200, "entry status");
    // A cross-origin fetch that resolves at all passed the CORS check (Access-Control-Allow-Origin itself
    // is not readable from script); type "cors" says it was one.
    assert(/^text\/javascript/.test(entry.headers.get("content-type") ?? ""), `entry content-type: ${entry.headers.get("content-type")}`);
    equal(entry.type, "cors", "entry fetched cross-origin with CORS");
    assert(/max-age=\d+/.test(entry.headers.get("cache-control") ?? ""), `entry cache-control: ${entry.headers.get("cache-control")}`);
    const code = await entry.text();
    const chunk = /["'](\.\/chunks\/[\w-]+\.js)["']/.exec(code)?.[1];
    assert(chunk, "the entry imports lazy chunks");
    const res = await fetch(new URL(chunk, `${workerUrl}/hj-search.js`));
    equal(res.status, 200, "chunk status");
    assert(/^text\/javascript/.test(res.headers.get("content-type") ?? ""), "chunk content-type");
    equal(res.type, "cors", "chunk fetched cross-origin with CORS");
    assert(/immutable/.test(res.headers.get("cache-control") ?? ""), `hashed chunks are immutable: ${res.headers.get("cache-control")}`);
  });

  it("imports the launcher's panel lazily only, so no page fetches it before the panel is wanted", async () => {
    const { workerUrl } = await stack();
    const code = await (await fetch(`${workerUrl}/hj-search.js`)).text();
    // The floating modes' chunk (dialogs.ts: the modal and the launcher's panel).
    const chunk = /import\(["'](\.\/chunks\/dialogs-[\w-]+\.js)["']\)/.exec(code)?.[1];
    assert(chunk, "the entry imports the dialogs chunk with import()");
    assert(!/(from|import)\s*["']\.\/chunks\/dialogs-/.test(code), "and never statically");
    const lazy = await (await fetch(new URL(chunk, `${workerUrl}/hj-search.js`))).text();
    assert(/launcher/.test(lazy) && !/(from|import)\s*["']\.\/chunk/.test(lazy), "the panel's code is in it, one file with no import of its own");
  });

  it("opens the launcher's panel beside its button on a strict-CSP page", async function () {
    this.timeout(30000);
    const frame = document.createElement("iframe");
    frame.src = "/__csp-host.html?mode=launcher";
    frame.style.cssText = "width: 800px; height: 600px";
    frame.title = "strict CSP host, launcher";
    document.body.append(frame);
    const before = (await (await fetch("/__csp-report")).json()).length;
    try {
      const button = await until(() => frame.contentDocument?.querySelector("hj-search")?.shadowRoot?.querySelector<HTMLButtonElement>("[part~=launcher]"), "the launcher rendered in the CSP page", 15000);
      const root = button.getRootNode() as ShadowRoot;
      button.click();
      const panel = root.querySelector("dialog")!;
      await until(() => panel.open && getComputedStyle(panel).boxShadow !== "none", "the panel with its chunk's styles");
      const p = panel.getBoundingClientRect();
      const b = button.getBoundingClientRect();
      assert(p.bottom <= b.top && Math.abs(p.right - b.right) < 1, `placed over the button: panel ${JSON.stringify(p)}, button ${JSON.stringify(b)}`);
      await sleep(300);
      const reports = await (await fetch("/__csp-report")).json();
      equal(JSON.stringify(reports.slice(before)), "[]", "no CSP violations");
    } finally {
      frame.remove();
    }
  });

  it("searches, reads and votes on a strict-CSP page that loads the bundle from the worker", async function () {
    this.timeout(30000);
    const frame = document.createElement("iframe");
    frame.src = "/__csp-host.html";
    frame.style.cssText = "width: 800px; height: 600px";
    frame.title = "strict CSP host";
    document.body.append(frame);
    try {
      const el = await until(() => frame.contentDocument?.querySelector("hj-search")?.shadowRoot?.querySelector("input"), "widget rendered in the CSP page", 15000);
      const root = el.getRootNode() as ShadowRoot;
      // Lit's constructed stylesheets apply even with style-src 'none'.
      equal(getComputedStyle(el).borderTopStyle, "none", "the widget's styles apply");
      el.focus();
      await type("password");
      // The first search of a fresh worker, behind a chunk loaded cross-origin: as long as the first render may take.
      await until(() => options(root.host).length, "results in the CSP page", 15000);
      await press("ArrowDown");
      await press("Enter");
      await until(() => root.querySelector("[part~=heading]"), "reader chunk loaded cross-origin and rendered");
      await sleep(300);
      const reports = await (await fetch("/__csp-report")).json();
      equal(JSON.stringify(reports), "[]", "no CSP violations");
    } finally {
      frame.remove();
    }
  });
});
