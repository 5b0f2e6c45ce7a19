// /v1/openapi.json against a maintained linter's recommended rules (Redocly's, as `redocly lint` runs them):
// no errors allowed. The description is made at build time from the route schemas (scripts/build-openapi.mjs);
// the linter needs Node, so this runs here, on what the build writes.   node --test test/e2e/openapi-lint.test.mjs
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { openApiDocument } from "../../scripts/build-openapi.mjs";

describe("GET /v1/openapi.json, linted", () => {
  it("has no errors under Redocly's recommended rules", async () => {
    // As the worker serves it: the built document with this worker's origin as its server.
    const source = JSON.stringify({ ...(await openApiDocument()), servers: [{ url: "https://hj-search.example.workers.dev", description: "This worker" }] });
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source, absoluteRef: "openapi.json", config });
    const show = (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? "?"}`;
    const errors = problems.filter((p) => p.severity === "error");
    for (const p of problems) if (p.severity !== "error") console.log(show(p));
    assert.deepEqual(errors.map(show), []);
  });
});
