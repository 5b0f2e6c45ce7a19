// The widget's size budget: at most 12 kB (12,000 bytes) gzipped of JavaScript fetched by a host page before
// anyone types, Lit included. That is the entry plus every chunk it imports statically, plus the UI text of
// the page's language when it is not English (fetched on load too, so the largest one is counted). The search
// chunk (first keystroke), the modal's (about to open it), the reader (after results) and their shared chunks
// are printed but not budgeted.
// Reads dist/public-meta.json, which `node scripts/build-widget.mjs` writes. Exits 1 past the budget.
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 12_000;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = "dist/public/hj-search.js";

let meta;
try {
  meta = JSON.parse(await readFile(join(root, "dist/public-meta.json"), "utf8"));
} catch {
  console.error("check-size: dist/public-meta.json missing; run `node scripts/build-widget.mjs` first");
  process.exit(2);
}
if (!meta.outputs[ENTRY]) {
  console.error(`check-size: ${ENTRY} is not in the build`);
  process.exit(2);
}

const gz = async (file) => gzipSync(await readFile(join(root, file)), { level: 9 }).length;

/** The file and everything it imports statically, transitively. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const i of meta.outputs[file].imports) if (i.kind === "import-statement") closure(i.path, seen);
  return seen;
}

async function total(files) {
  let sum = 0;
  for (const f of files) sum += await gz(f);
  return sum;
}

const dynamic = (file) => meta.outputs[file].imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path);
const from = (file) => meta.outputs[file]?.entryPoint ?? "";

const first = closure(ENTRY);
const firstBytes = await total(first);
let worstLang = { name: "en (built in)", bytes: 0 };
const lazy = {};
// The entry's lazy chunks, then theirs (the reader is the search chunk's), each once.
const queue = dynamic(ENTRY);
for (let k = 0; k < queue.length; k++)
  for (const d of [...closure(queue[k])].flatMap(dynamic)) if (!queue.includes(d)) queue.push(d);
for (const d of queue) {
  const extra = [...closure(d)].filter((f) => !first.has(f));
  const bytes = await total(extra);
  const src = from(d);
  const lang = /widget\/strings\/(\w+)\.ts$/.exec(src)?.[1];
  if (lang) {
    if (bytes > worstLang.bytes) worstLang = { name: lang, bytes };
  } else lazy[src.replace(/^widget\//, "")] = { files: extra, bytes };
}

const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
const before = firstBytes + worstLang.bytes;
console.log(`widget size (gzip -9):`);
// The first load also in bytes: two decimals of kB hide whether it is just under or just over a round figure.
console.log(`  first load, English page     ${kb(firstBytes)}  ${firstBytes} B (${[...first].map((f) => f.replace("dist/public/", "")).join(" + ")})`);
console.log(`  first load, worst language   ${kb(before)}  ${before} B (+ ${worstLang.name})`);
// Everything after the first keystroke is fetched once, in the order found (the modal's chunk only in modal
// mode, when someone is about to open it): each line is the running total.
let running = before;
const seenLazy = new Set(first);
for (const [name, { files }] of Object.entries(lazy)) {
  const fresh = files.filter((f) => !seenLazy.has(f));
  fresh.forEach((f) => seenLazy.add(f));
  running += await total(fresh);
  console.log(`  + ${name.padEnd(26)} ${kb(running)}`);
}
console.log(`  budget before typing         ${kb(BUDGET)}`);
if (before > BUDGET) {
  console.error(`check-size: FAIL — ${kb(before)} loads before anyone types, over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
console.log("check-size: ok");
