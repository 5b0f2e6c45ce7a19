// The host page the browser figures load: another loopback origin, as a customer's site would be, with
// <hj-search mode=inline> from the worker's /hj-search.js; and opening it in a browser (or an incognito
// context) ready to type into.
import http from "node:http";
import { HOST } from "./lib.mjs";
import { waitFor } from "./steps.mjs";

export /** The host page for the browser figure: another loopback origin, as a customer's site would be. */
function startPageServer() {
  let html = "";
  const server = http.createServer((req, res) => {
    if (req.url === "/" || req.url?.startsWith("/?")) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, HOST, () => {
      const { port } = server.address();
      resolve({
        origin: `http://${HOST}:${port}`,
        setHtml: (h) => (html = h),
        stop: () => new Promise((r) => (server.closeAllConnections?.(), server.close(() => r()))),
      });
    });
  });
}

/** The page's HTML for the worker at `workerUrl`. */
export const hostHtml = (workerUrl) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hj-search bench</title>
<script type="module" src="${workerUrl}/hj-search.js"></script></head>
<body><main><h1>Acme help</h1><hj-search mode="inline" endpoint="${workerUrl}"></hj-search></main></body></html>`;

/** A new page of `target` (a browser or a browser context) on the host page, its search box rendered. */
export async function openHostPage(target, origin) {
  const page = await target.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  page.setDefaultTimeout(15_000);
  await page.goto(`${origin}/`, { waitUntil: "load" });
  await waitFor(page, "the widget's search box (hj-search's shadow root input)", () => document.querySelector("hj-search")?.shadowRoot?.querySelector("input"));
  return page;
}
