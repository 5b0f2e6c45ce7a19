import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { INTERNAL_ARTICLE_IDS, PUBLISHED_INTERNAL } from "./seed-facts";
import { callSettled, json, resetAll } from "./support";

beforeEach(resetAll);

describe("the demo's token minting", () => {
  it("is off in the deployed configuration: wrangler.toml does not set DEV_TOKEN_MINTING", async () => {
    expect((env as unknown as Record<string, unknown>).DEV_TOKEN_MINTING).toBeUndefined();
    const res = await callSettled("http://localhost:8787/demo/token?as=staff@acme.test");
    expect(res.status).toBe(404);
  });

  it("stays off for any host but localhost even when switched on", async () => {
    const res = await callSettled("https://help.example.com/demo/token", {}, { DEV_TOKEN_MINTING: "true" });
    expect(res.status).toBe(404);
  });

  it("mints a short-lived token locally that reads what the staff user may read", async () => {
    expect(INTERNAL_ARTICLE_IDS.length).toBeGreaterThan(0);
    const vars = { DEV_TOKEN_MINTING: "true" };
    const res = await callSettled("http://localhost:8787/demo/token?as=staff@acme.test", {}, vars);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { token, expires_in } = await json(res);
    expect(expires_in).toBeLessThanOrEqual(600);
    const article = await callSettled(`/v1/articles/${PUBLISHED_INTERNAL}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(article.status).toBe(200);
    expect((await callSettled(`/v1/articles/${PUBLISHED_INTERNAL}`)).status).toBe(404);
  });

  it("refuses to mint for anyone outside the demo's users", async () => {
    const res = await callSettled("http://localhost:8787/demo/token?as=owner@acme.test", {}, { DEV_TOKEN_MINTING: "true" });
    expect(res.status).toBe(400);
  });
});
