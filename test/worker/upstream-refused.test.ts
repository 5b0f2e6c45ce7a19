import { describe, expect, it } from "vitest";
import { callSettled, json, resetAll } from "./support";

describe("Helpjuice refuses the worker's key (403)", () => {
  it("is a 502 whose message names HELPJUICE_API_KEY and \"Require token for API?\", never the key", async () => {
    await resetAll();
    const key = "wrong-key-5c1b7e9d";
    for (const path of ["/v1/articles/12", "/v1/search?q=password"]) {
      const res = await callSettled(path, {}, { HELPJUICE_API_KEY: key });
      expect(res.status, path).toBe(502);
      const text = await res.text();
      const { error } = JSON.parse(text);
      expect(error.code).toBe("upstream_error");
      expect(error.message).toMatch(/HELPJUICE_API_KEY/);
      expect(error.message).toContain('"Require token for API?"');
      expect(text).not.toContain(key);
    }
  });
});
