import { describe, expect, it } from "vitest";
import { checkClaims } from "./claims";

const now = 1_800_000_000;
const good = { sub: "staff@acme.test", aud: "hj-search", exp: now + 600 };

describe("checkClaims", () => {
  it("accepts a short-lived token for hj-search naming an email", () => {
    expect(checkClaims(good, now)).toEqual({ ok: true, email: "staff@acme.test" });
    expect(checkClaims({ ...good, aud: ["other", "hj-search"] }, now).ok).toBe(true);
  });
  it.each([
    ["no exp", { ...good, exp: undefined }],
    ["expired", { ...good, exp: now }],
    ["lives longer than a day", { ...good, exp: now + 2 * 86_400 }],
    ["another audience", { ...good, aud: "other-app" }],
    ["no audience", { ...good, aud: undefined }],
    ["no sub", { ...good, sub: undefined }],
    ["sub not an email", { ...good, sub: "staff" }],
    ["sub with a colon, which would split Basic credentials", { ...good, sub: "a:b@acme.test" }],
  ])("refuses a token with %s", (_, claims) => {
    expect(checkClaims(claims as Record<string, unknown>, now).ok).toBe(false);
  });
});
