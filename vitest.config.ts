import { defineConfig } from "vitest/config";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
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
