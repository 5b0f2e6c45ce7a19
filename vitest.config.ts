import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { copyFileSync, mkdirSync } from "node:fs";
import { createFakeHelpjuice, FAKE_API_KEY } from "./test/fake-helpjuice/index";
import { TEST_VARS } from "./test/worker/vars";
import { buildOpenApi } from "./scripts/build-openapi.mjs";
import { devConfig } from "./test/harness/dev-config.mjs";

// The tests run wrangler.toml as `wrangler dev` does (test/harness/dev-config.mjs: serving dist/public, the widget
// build, as static assets); they do not need the widget built…
mkdirSync("dist/public", { recursive: true });
// …but the insights dashboard, which the worker serves from them (scripts/build-widget.mjs copies it too),
for (const f of ["insights.html", "insights.js", "insights.css"]) copyFileSync(`worker/insights-page/${f}`, `dist/public/${f}`);
// …and the API description, made at build time from the route schemas (scripts/build-openapi.mjs).
await buildOpenApi();

// The one stand-in: Helpjuice itself. Every outbound fetch of the worker under test lands here, in Node;
// tests steer it through its /__fake/ control routes. Test files run one at a time, since they share it.
const fake = createFakeHelpjuice();
// The edge index's schema, applied to the local D1 before the tests (test/worker/apply-migrations.ts).
const migrations = await readD1Migrations("./migrations");

export default defineConfig({
  plugins: [
    cloudflareTest({
      main: "./worker/index.ts",
      wrangler: { configPath: devConfig() },
      miniflare: {
        bindings: { ...TEST_VARS, HELPJUICE_API_KEY: FAKE_API_KEY, TEST_MIGRATIONS: migrations },
        outboundService: (req: Request) => fake.fetch(req),
      },
    }),
  ],
  test: {
    include: ["worker/**/*.test.ts", "test/fake-helpjuice/**/*.test.ts", "test/worker/**/*.test.ts"],
    setupFiles: ["./test/worker/apply-migrations.ts"],
    fileParallelism: false,
    testTimeout: 20_000,
  },
});
