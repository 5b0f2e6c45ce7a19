// The import check `npm test` runs (scripts/check-imports.mjs): what it counts as a circle and as core/ impurity.
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without declarations, shared with the Node script
import { circles, purityProblem, specifiersOf } from "../../scripts/import-rules.mjs";

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe("the import check", () => {
  it("finds type-only, re-exported, multi-line and dynamic imports, and not ones in comments", () => {
    const src = [
      'import type { Kit } from "./kit.js";',
      "import {\n  a,\n  b,\n} from './multi';",
      'export { UpstreamGate } from "./platform/upstream/gate";',
      'const m = await import("./results.js");',
      '//   import { seedInsights } from "./seed-insights.mjs";',
      'import "./side-effect";',
    ].join("\n");
    expect(specifiersOf(src)).toEqual(["./kit.js", "./multi", "./platform/upstream/gate", "./results.js", "./side-effect"]);
  });

  it("names each circle once, however long, and a module that imports itself", () => {
    const found = circles(
      graph({
        "widget/reader.ts": ["widget/results.ts"],
        "widget/results.ts": ["widget/reader.ts", "widget/kit.ts"],
        "widget/kit.ts": [],
        "a.ts": ["b.ts"],
        "b.ts": ["c.ts"],
        "c.ts": ["a.ts"],
        "self.ts": ["self.ts"],
      }),
    );
    expect(found).toEqual([["a.ts", "b.ts", "c.ts"], ["self.ts"], ["widget/reader.ts", "widget/results.ts"]]);
  });

  it("passes a graph with shared dependencies but no way back", () => {
    expect(circles(graph({ "a.ts": ["b.ts", "c.ts"], "b.ts": ["c.ts"], "c.ts": [] }))).toEqual([]);
  });

  it("keeps core/ pure: no platform, routes, middleware, runtime or Node I/O; hashing is fine", () => {
    const core = "worker/core/insights/events.ts";
    expect(purityProblem(core, "../../middleware/validate", "worker/middleware/validate.ts")).toMatch(/never imports from middleware/);
    expect(purityProblem(core, "../../platform/cache/kv", "worker/platform/cache/kv.ts")).toMatch(/platform/);
    expect(purityProblem(core, "../../routes/schemas", "worker/routes/schemas.ts")).toMatch(/routes/);
    expect(purityProblem(core, "cloudflare:workers", null)).toMatch(/runtime-free/);
    expect(purityProblem(core, "node:fs", null)).toMatch(/no I\/O/);
    expect(purityProblem(core, "node:crypto", null)).toBeNull();
    expect(purityProblem(core, "valibot", null)).toBeNull();
    expect(purityProblem(core, "../object-message", "worker/core/object-message.ts")).toBeNull();
    // The floors above may import whatever they need.
    expect(purityProblem("worker/platform/index/sync.ts", "cloudflare:workers", null)).toBeNull();
  });
});
