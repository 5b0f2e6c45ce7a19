import { defineConfig } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { mkdirSync } from "node:fs";

// wrangler.toml serves dist/public (the widget build) as static assets; the worker tests do not need it built.
mkdirSync("dist/public", { recursive: true });
export default defineConfig({
  plugins: [cloudflareTest({
    main: "./worker/index.ts",
    wrangler: { configPath: "./wrangler.toml" },
    miniflare: {
      bindings: { HELPJUICE_BASE_URL: "https://fake.helpjuice.test" },
      outboundService: async (req: Request) => new Response("fake saw " + req.url),
    },
  })],
  test: { include: ["worker/**/*.test.ts"] },
});
