// Which of bench/queries.mjs find a public article in the fake's seed, by the same search code the fake runs
// (bundled from its TypeScript): the browser figures type only those, and the run reports how many there are.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { normaliseQuery as normalise } from "../test/harness/query-key.mjs";
import { ROOT } from "../test/harness/stack.mjs";
import { QUERIES } from "./queries.mjs";

export async function seedCoverage() {
  const dir = mkdtempSync(join(os.tmpdir(), "hj-bench-seed-"));
  try {
    const entry = join(dir, "entry.ts");
    const fake = join(ROOT, "test", "fake-helpjuice");
    writeFileSync(
      entry,
      `import { ARTICLES } from ${JSON.stringify(join(fake, "seed", "index"))};
       import { searchArticles } from ${JSON.stringify(join(fake, "search"))};
       const pub = ARTICLES.filter((a) => a.published && a.accessibility === 1);
       export const matches = (q) => searchArticles(pub, q).length;`,
    );
    const out = join(dir, "seed.mjs");
    await build({ entryPoints: [entry], outfile: out, bundle: true, platform: "node", format: "esm", logLevel: "warning" });
    const { matches } = await import(out);
    const matching = QUERIES.filter((q) => matches(q) > 0);
    return { queries: QUERIES.length, distinctKeys: new Set(QUERIES.map(normalise)).size, matching: matching.length, matches };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
