// `npm test`'s import check: no import circles anywhere in the project's code (type-only imports count), and
// worker/core/ free of platform/, routes/, middleware/ and the runtime. Exits 1 naming each problem.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import { circles, purityProblem, specifiersOf } from "./import-rules.mjs";

const ROOTS = ["worker", "widget", "test", "scripts", "bench", "demo"];
const SOURCE = /\.(?:ts|mts|mjs|js)$/;
const skip = (p) => p.includes("node_modules") || p.startsWith("bench/results") || p.startsWith("bench/bare-worker/.wrangler");

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = posix.join(dir, name);
    if (skip(p)) continue;
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (SOURCE.test(name)) yield p;
  }
}

// The widget imports its TypeScript as .js (what the build emits); the worker names no extension.
function resolve(from, spec) {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const stem = base.replace(/\.js$/, "");
  for (const p of [base, `${base}.ts`, `${stem}.ts`, `${base}.mjs`, `${base}.d.ts`, `${base}/index.ts`]) {
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

// The configs at the top (vitest.config.ts, web-test-runner.config.mjs) import the harness too.
const top = readdirSync(".").filter((f) => SOURCE.test(f) && statSync(f).isFile());
const files = [...top, ...ROOTS.filter((r) => existsSync(r)).flatMap((r) => [...walk(r)])];
const graph = new Map();
const problems = [];
for (const file of files) {
  const edges = [];
  for (const spec of specifiersOf(readFileSync(file, "utf8"))) {
    const resolved = spec.startsWith(".") ? resolve(file, spec) : null;
    if (resolved) edges.push(resolved);
    const bad = purityProblem(file, spec, resolved);
    if (bad) problems.push(bad);
  }
  graph.set(file, edges);
}
for (const c of circles(graph)) problems.push(`import circle: ${c.join(" ↔ ")}`);

if (problems.length) {
  for (const p of problems) console.error(`✖ ${p}`);
  process.exit(1);
}
console.log(`imports: ${files.length} files, no circles, core/ pure`);
