// Copies the demo pages into the worker's static assets. `npm start` and the e2e tests run this;
// `wrangler deploy` runs wrangler.toml's [build], which empties dist/public before building the widget, so a
// deploy never carries the demo.
import { copyFileSync, cpSync, mkdirSync } from "node:fs";

mkdirSync("dist/public", { recursive: true });
cpSync("demo", "dist/public", { recursive: true });
// The in-app page's routes (demo/app.js moves between them with history.pushState) are real addresses too,
// so a reload or a copied link lands on the same route: each is the same page, served at /app/<route>.
mkdirSync("dist/public/app", { recursive: true });
for (const route of ["billing", "settings", "team"]) copyFileSync("demo/app.html", `dist/public/app/${route}.html`);
console.log("demo pages → dist/public");
