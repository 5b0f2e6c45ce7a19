// Copies the demo pages into the worker's static assets. `npm start` and the e2e tests run this;
// `wrangler deploy` runs wrangler.toml's [build], which empties dist/public before building the widget, so a
// deploy never carries the demo.
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("dist/public", { recursive: true });
cpSync("demo", "dist/public", { recursive: true });
console.log("demo pages → dist/public");
