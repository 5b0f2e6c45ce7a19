// Copies the demo pages into the worker's static assets. Only `npm start` runs this, so a deploy made
// with `npm run deploy` carries the widget but not the demo.
import { cpSync, mkdirSync } from "node:fs";

mkdirSync("dist/public", { recursive: true });
cpSync("demo", "dist/public", { recursive: true });
console.log("demo pages → dist/public");
