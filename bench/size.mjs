// Phase "size": the widget's JavaScript as a visitor downloads it, gzipped (gzip -9 per file, summed): the
// first load, then + the search chunk (first keystroke), then + the reader, beside DocSearch's own budget.
import { join } from "node:path";
import { fileSize } from "../test/harness/gzip.mjs";
import { ROOT } from "../test/harness/stack.mjs";
import { buildPublic } from "../scripts/build-widget.mjs";
import { kB } from "./format.mjs";

/** DocSearch's own size budgets, quoted (not measured): bundlesize.config.json of algolia/docsearch (v4),
 * which checks gzipped sizes (bundlesize's default compression). */
const DOCSEARCH = {
  source: "algolia/docsearch bundlesize.config.json (v4, commit 69acbc7): maxSize, gzip (bundlesize default)",
  scriptTagUmdKb: { "@docsearch/js": 128, "@docsearch/react": 115, "@docsearch/modal": 113 },
  css: 6,
  note: "v3's config (commit 006d849) had @docsearch/js UMD at 30.33 kB",
};
const ENTRY = "dist/public/hj-search.js";

export async function measureSize() {
  const meta = await buildPublic({ quiet: true });
  const gz = (f) => fileSize(join(ROOT, f)).gzipBytes;
  const raw = (f) => fileSize(join(ROOT, f)).rawBytes;
  const closure = (f, seen = new Set()) => {
    if (seen.has(f)) return seen;
    seen.add(f);
    for (const i of meta.outputs[f].imports) if (i.kind === "import-statement") closure(i.path, seen);
    return seen;
  };
  // Any output built from `src`: the reader is imported lazily by the search chunk, not by the entry.
  const chunkOf = (src) => Object.keys(meta.outputs).find((d) => meta.outputs[d].entryPoint === src);
  const sum = (files, fn) => [...files].reduce((k, f) => k + fn(f), 0);
  const plus = (src, before) => {
    const d = chunkOf(src);
    if (!d) throw new Error(`the build has no lazy chunk for ${src}`);
    return new Set([...before, ...closure(d)]);
  };
  const first = closure(ENTRY);
  const withSearch = plus("widget/results.ts", first);
  const withReader = plus("widget/reader.ts", withSearch);
  const figure = (s) => ({ gzipBytes: sum(s, gz), rawBytes: sum(s, raw), files: [...s].map((f) => f.replace("dist/public/", "")) });
  return {
    firstLoad: figure(first),
    withSearch: figure(withSearch),
    withReader: figure(withReader),
    compression: "gzip -9 per file, summed",
    docsearchReference: DOCSEARCH,
  };
}

export const phase = {
  name: "size",
  budgets: {},
  async run({ result, log }) {
    log("1/9 building the widget and measuring its gzipped size …");
    result.size = await measureSize();
    const s = result.size;
    log(`  first load ${s.firstLoad.gzipBytes} B gz, + search ${s.withSearch.gzipBytes} B, + reader ${s.withReader.gzipBytes} B`);
  },
  rows(r) {
    if (!r.size) return [];
    const ds = Object.values(r.size.docsearchReference.scriptTagUmdKb);
    const ref = `DocSearch's own budget ${Math.min(...ds)}–${Math.max(...ds)} kB (quoted, not measured)`;
    return [
      ["Widget JS gz, first load", kB(r.size.firstLoad.gzipBytes), ref],
      ["Widget JS gz, + search (1st keystroke)", kB(r.size.withSearch.gzipBytes), ref],
      ["Widget JS gz, + reader", kB(r.size.withReader.gzipBytes), ref],
    ];
  },
  checks: () => [],
};
