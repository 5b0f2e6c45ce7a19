// /v1/openapi.json against a maintained linter's recommended rules (Redocly's, as `redocly lint` runs them):
// no errors allowed. The linter needs Node, so this runs here, with the app bundled for Node (no workerd and
// no network: the description is made from the route schemas alone).   node --test test/e2e/openapi-lint.test.mjs
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { createConfig, lintFromString } from "@redocly/openapi-core";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Beside the project's node_modules, which the bundle's imports resolve from (dist/ is not committed).
const outfile = join(ROOT, "dist", `openapi-app-${process.pid}.mjs`);
after(() => rmSync(outfile, { force: true }));

/** The worker's app as Node can run it: its only Workers-only imports are `cloudflare:` modules' base classes. */
async function loadApp() {
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  await build({
    entryPoints: [join(ROOT, "worker", "app.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    plugins: [
      {
        name: "cloudflare-workers-stub",
        setup(b) {
          // Only their base classes are touched while the description is made: each is a plain class here.
          b.onResolve({ filter: /^cloudflare:/ }, (args) => ({ path: args.path, namespace: "stub" }));
          b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
            contents: ["DurableObject", "WorkerEntrypoint", "WorkflowEntrypoint", "RpcTarget"]
              .map((name) => `export class ${name} { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }`)
              .concat("export const env = {};")
              .join("\n"),
          }));
        },
      },
    ],
  });
  return import(pathToFileURL(outfile).href);
}

describe("GET /v1/openapi.json, linted", () => {
  it("has no errors under Redocly's recommended rules", async () => {
    const { createApp } = await loadApp();
    const res = await createApp().request("/v1/openapi.json", {}, {});
    assert.equal(res.status, 200);
    const source = await res.text();
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source, absoluteRef: "openapi.json", config });
    const show = (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? "?"}`;
    const errors = problems.filter((p) => p.severity === "error");
    for (const p of problems) if (p.severity !== "error") console.log(show(p));
    assert.deepEqual(errors.map(show), []);
  });
});
