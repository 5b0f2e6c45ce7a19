// The in-memory index copy's heap and build CPU (issue #22), measured on the same pure modules the worker
// runs (core/index/replica-build.ts, bundled with esbuild for Node): SciFact's 5,183 documents as one
// language, and the same text repeated up to the bounds (20,000 rows, 20 M characters). Heap: used heap
// after a full GC with nothing loaded, then after the copy is built and its inputs dropped.
//
//   node --expose-gc bench/replica-heap.mjs      prints the result as JSON (needs BENCH_DATA's SciFact)
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { ROOT } from "../test/harness/stack.mjs";

const MAX_ROWS = 20_000;
const MAX_CHARS = 20_000_000;
const WEIGHTS = [4, 3, 2, 1];
/** Ask's passages are held beside the copy up to two fifths of the bound (platform/index/replica.ts), weighted so. */
const PASSAGES_MAX_CHARS = (MAX_CHARS * 2) / 5;
const PASSAGE_WEIGHTS = [2, 0, 0, 1];

async function modules() {
  const dir = mkdtempSync(join(tmpdir(), "replica-heap-"));
  const entry = join(dir, "entry.ts");
  const out = join(dir, "entry.mjs");
  const core = join(ROOT, "worker", "core", "index");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(
    entry,
    `export { buildReplica } from ${JSON.stringify(join(core, "replica-build.ts"))};\nexport { analyze } from ${JSON.stringify(join(core, "text", "analyze.ts"))};\n` +
      `export { passagesOf } from ${JSON.stringify(join(core, "passages.ts"))};\n`,
  );
  await build({ entryPoints: [entry], outfile: out, bundle: true, platform: "node", format: "esm", logLevel: "warning" });
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SQLite's BINARY order (code points), as docs_vocab lists terms. */
const binary = (a, b) => {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d;
  }
  return x.length - y.length;
};

let analysedCache = null;

/** A row's analysed columns counted into the vocabulary as fts5vocab's `row` table counts: rows holding each term, and its occurrences. */
function tally(vocab, columns) {
  const seen = new Set();
  for (const c of columns)
    for (const t of c.split(" ")) {
      if (!t) continue;
      let v = vocab.get(t);
      if (!v) vocab.set(t, (v = { term: t, doc: 0, cnt: 0 }));
      v.cnt++;
      if (!seen.has(t)) {
        seen.add(t);
        v.doc++;
      }
    }
}

/** What D1 would hand a load: docs rows, docs_fts rows and docs_vocab, for `count` rows cycling through `docs`. */
function source(analyze, docs, rows, chars) {
  const out = { docs: [], terms: [], vocabulary: [], chars: 0 };
  const vocab = new Map();
  // Analysed once and kept: the baseline holds them, so the copy's heap is the copy alone.
  const analysed = (analysedCache ??= docs.map((d) => [analyze(d.title, "en_US"), "", "", analyze(d.text, "en_US")]));
  for (let i = 0; i < rows; i++) {
    const d = docs[i % docs.length];
    const size = d.title.length + d.text.length;
    if (out.chars + size > chars) break;
    out.chars += size;
    const doc = i + 1;
    // A copy of a document differs in its id and url, as another article with the same text would.
    out.docs.push({ doc, id: 1_000_000 + i, lang: "en_US", title: d.title, url: `/${1_000_000 + i}-${d.id}`, cid: 1, cname: "SciFact", description: "", body: d.text });
    const columns = analysed[i % docs.length];
    out.terms.push({ doc, columns });
    tally(vocab, columns);
  }
  out.vocabulary = [...vocab.values()].sort((a, b) => binary(a.term, b.term));
  return out;
}

/** The passages of the same rows, as D1 would hand a load: each a row of its article, heading and text analysed. */
function passageSource(analyze, passagesOf, docs) {
  const out = { docs: [], terms: [], vocabulary: [] };
  const vocab = new Map();
  let pid = 0;
  for (const d of docs) {
    const html = `<p>${d.body.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`;
    for (const p of passagesOf(html, d.body, "en_US")) {
      const doc = ++pid;
      out.docs.push({ doc, id: d.id, lang: "en_US", title: d.title, url: d.url, cid: 1, cname: "", description: p.heading, body: p.text });
      const columns = [analyze(p.heading, "en_US"), "", "", analyze(p.text, "en_US")];
      out.terms.push({ doc, columns });
      tally(vocab, columns);
    }
  }
  out.vocabulary = [...vocab.values()].sort((a, b) => binary(a.term, b.term));
  return out;
}

/**
 * CPU of this thread alone (Node ≥ 23.9), as a Worker's CPU limit counts its isolate's thread: V8's
 * background compiler and collector threads, which the process's figure adds, vary run to run.
 */
const cpu = (since) => (process.threadCpuUsage ? process.threadCpuUsage(since) : process.cpuUsage(since));

const used = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

export async function measureReplicaHeap(data) {
  const path = join(data, "scifact", "scifact.json");
  if (!existsSync(path)) return { measured: false, path };
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  const { buildReplica, analyze, passagesOf } = await modules();
  const docs = JSON.parse(readFileSync(path, "utf8")).docs;
  const one = (rows, chars) => {
    let s = source(analyze, docs, rows, chars);
    const shape = { rows: s.docs.length, chars: s.chars, terms: s.vocabulary.length };
    const input = { lang: "en_US", docs: s.docs, terms: s.terms, vocabulary: s.vocabulary, rows: s.docs.length, memberships: [], weights: WEIGHTS };
    // Build CPU (this thread's user + system time, so other processes and V8's helper threads do not count):
    // the least of 3 builds from the same rows, after a full GC each (the first also warms the JIT).
    const times = [];
    let copy = null;
    for (let k = 0; k < 3; k++) {
      copy = null;
      used();
      const t0 = cpu();
      copy = buildReplica(input);
      const t = cpu(t0);
      times.push((t.user + t.system) / 1000);
    }
    copy = null;
    s = null;
    input.docs = input.terms = input.vocabulary = null;
    const before = used();
    // Rebuilt from fresh inputs, so that nothing but the copy outlives this line.
    copy = buildReplica((() => {
      const f = source(analyze, docs, rows, chars);
      return { lang: "en_US", docs: f.docs, terms: f.terms, vocabulary: f.vocabulary, rows: f.docs.length, memberships: [], weights: WEIGHTS };
    })());
    const after = used();
    const bytes = after - before;
    const held = copy.docs.count;
    copy = null;
    return { ...shape, heldRows: held, heapBytes: bytes, bytesPerChar: +(bytes / shape.chars).toFixed(2), buildMs: +Math.min(...times).toFixed(1) };
  };
  // Up to two fifths of the bound, Ask's passages are held too: both copies, built and measured together.
  const both = (rows, chars) => {
    const inputs = () => {
      const f = source(analyze, docs, rows, chars);
      const p = passageSource(analyze, passagesOf, f.docs);
      return [
        { lang: "en_US", docs: f.docs, terms: f.terms, vocabulary: f.vocabulary, rows: f.docs.length, memberships: [], weights: WEIGHTS },
        { lang: "en_US", docs: p.docs, terms: p.terms, vocabulary: p.vocabulary, rows: p.docs.length, memberships: [], weights: PASSAGE_WEIGHTS },
        f.chars,
        f.docs.length,
      ];
    };
    let [a, b, total, held] = inputs();
    const times = [];
    let copies = null;
    for (let k = 0; k < 3; k++) {
      copies = null;
      used();
      const t0 = cpu();
      copies = [buildReplica(a), buildReplica(b)];
      const t = cpu(t0);
      times.push((t.user + t.system) / 1000);
    }
    const passages = b.docs.length;
    copies = a = b = null;
    const before = used();
    copies = (() => {
      const [x, y] = inputs();
      return [buildReplica(x), buildReplica(y)];
    })();
    const after = used();
    copies = null;
    return { rows: held, chars: total, passages, heapBytes: after - before, bytesPerChar: +((after - before) / total).toFixed(2), buildMs: +Math.min(...times).toFixed(1) };
  };
  return { measured: true, scifact: one(docs.length, Infinity), bounds: one(MAX_ROWS, MAX_CHARS), withPassages: both(MAX_ROWS, PASSAGES_MAX_CHARS) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { options } = await import("./options.mjs");
  console.log(JSON.stringify(await measureReplicaHeap(options.data), null, 2));
}
