import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { sign } from "hono/jwt";
import { callSettled, json, resetAll, TEST_VARS, upstreamLog } from "./support";
import { INTERNAL, PARTNERS_ONLY, PUBLIC } from "./seed-facts";
import { DEACTIVATED_EMAIL, PARTNER_EMAIL, STAFF_EMAIL, VIEWER_EMAIL } from "../fake-helpjuice/seed/users";

beforeEach(resetAll);

const SECRET = TEST_VARS.USER_TOKEN_SECRET;
const now = () => Math.floor(Date.now() / 1000);
const good = (sub = STAFF_EMAIL) => ({ sub, aud: "hj-search", exp: now() + 600 });
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

const b64url = (s: string | Uint8Array) =>
  btoa(typeof s === "string" ? String.fromCharCode(...new TextEncoder().encode(s)) : String.fromCharCode(...s))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** A token with any header, HMAC-SHA256-signed with the real secret: the classic algorithm-confusion probe. */
function handMade(header: object, payload: object, secret = SECRET): Promise<string> {
  return rawSigned(JSON.stringify(header), JSON.stringify(payload), secret);
}

/** The same from raw JSON texts, which JSON.stringify could not produce (a repeated key). */
async function rawSigned(headerJson: string, payloadJson: string, secret = SECRET): Promise<string> {
  const body = `${b64url(headerJson)}.${b64url(payloadJson)}`;
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return `${body}.${b64url(sig)}`;
}
const HS256 = '{"alg":"HS256","typ":"JWT"}';
const goodJson = (sub = STAFF_EMAIL) => JSON.stringify(good(sub)).slice(1, -1);

const pub = PUBLIC[0];
const internal = INTERNAL;
const partnerOnly = PARTNERS_ONLY;

const kvKeys = async () => (await env.HJ_CACHE.list()).keys.map((k) => k.name);

describe("a good token", () => {
  it("reads an internal article as that user, never cached where others could read it", async () => {
    const res = await callSettled(`/v1/articles/${internal.id}`, bearer(await sign(good(), SECRET, "HS256")));
    expect(res.status).toBe(200);
    expect((await json(res)).article.id).toBe(internal.id);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("Cache-Status")).toBe("hj-kv; fwd=bypass");
    expect(res.headers.get("Vary")).toContain("Authorization");
    const [entry] = await upstreamLog();
    expect(entry).toMatchObject({ user: STAFF_EMAIL, keyVia: "query" });
    expect(await kvKeys()).toEqual([]);
  });

  it("is accepted with a lowercase scheme, an audience array and iat/nbf in the past", async () => {
    const t = now();
    const token = await sign({ sub: STAFF_EMAIL, aud: ["other", "hj-search"], iat: t - 5, nbf: t - 5, exp: t + 600 }, SECRET, "HS256");
    const res = await callSettled(`/v1/articles/${internal.id}`, { headers: { Authorization: `bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it("is never answered from KV, even with the same key warm for anonymous visitors", async () => {
    await callSettled("/v1/search?q=password");
    const keysBefore = await kvKeys();
    const res = await callSettled("/v1/search?q=password", bearer(await sign(good(), SECRET, "HS256")));
    expect(res.headers.get("Cache-Status")).toBe("hj-kv; fwd=bypass");
    expect(await kvKeys()).toEqual(keysBefore);
    expect((await upstreamLog()).filter((e) => e.path === "/api/v3/search")).toHaveLength(2);
  });
});

describe("a bad token is a 401 JSON with no upstream call", () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ['alg "none" with no signature', async () => `${b64url('{"alg":"none","typ":"JWT"}')}.${b64url(JSON.stringify(good()))}.`],
    ['alg "none" with a signature', async () => handMade({ alg: "none", typ: "JWT" }, good())],
    ["HS512, signed with the right secret", () => sign(good(), SECRET, "HS512")],
    ["HS384, signed with the right secret", () => sign(good(), SECRET, "HS384")],
    ["an RS256 header over an HMAC signature", () => handMade({ alg: "RS256", typ: "JWT" }, good())],
    ["an ES256 header over an HMAC signature", () => handMade({ alg: "ES256", typ: "JWT" }, good())],
    ["a header without alg", () => handMade({ typ: "JWT" }, good())],
    ["a crit header", () => handMade({ alg: "HS256", typ: "JWT", crit: ["exp"] }, good())],
    ["expired", () => sign({ ...good(), exp: now() - 1 }, SECRET, "HS256")],
    ["no exp", () => sign({ sub: STAFF_EMAIL, aud: "hj-search" }, SECRET, "HS256")],
    ["exp as a string", () => handMade({ alg: "HS256", typ: "JWT" }, { ...good(), exp: String(now() + 600) })],
    ["a lifetime over 24 h", () => sign({ ...good(), exp: now() + 2 * 86_400 }, SECRET, "HS256")],
    ["nbf in the future", () => sign({ ...good(), nbf: now() + 300 }, SECRET, "HS256")],
    ["iat in the future", () => sign({ ...good(), iat: now() + 300 }, SECRET, "HS256")],
    ["the wrong audience", () => sign({ ...good(), aud: "another-app" }, SECRET, "HS256")],
    ["no audience", () => sign({ sub: STAFF_EMAIL, exp: now() + 600 }, SECRET, "HS256")],
    ["another secret's signature", () => sign(good(), "not-the-secret", "HS256")],
    [
      "a payload swapped under a valid signature",
      async () => {
        const [h, , s] = (await sign(good(VIEWER_EMAIL), SECRET, "HS256")).split(".");
        return `${h}.${b64url(JSON.stringify(good(STAFF_EMAIL)))}.${s}`;
      },
    ],
    ["a truncated signature", async () => (await sign(good(), SECRET, "HS256")).slice(0, -4)],
    ["no sub", () => sign({ aud: "hj-search", exp: now() + 600 }, SECRET, "HS256")],
    ["a sub that is not an email", () => sign(good("staff"), SECRET, "HS256")],
    ["a sub with a colon", () => sign(good("a:b@acme.test"), SECRET, "HS256")],
    ["a sub outside ASCII (would break Basic auth)", () => sign(good("prïya@例え.test"), SECRET, "HS256")],
    ["a payload that is not an object", () => handMade({ alg: "HS256", typ: "JWT" }, [1, 2] as unknown as object)],
    // RFC 7515 §5.2: a repeated member name is refused, not resolved last-one-wins (signature valid in each).
    ["a repeated sub, the last one staff", () => rawSigned(HS256, `{"sub":"${VIEWER_EMAIL}",${goodJson(STAFF_EMAIL)}}`)],
    ["a repeated sub with the same value", () => rawSigned(HS256, `{${goodJson()},"sub":"${STAFF_EMAIL}"}`)],
    ["a repeated sub spelled with an escape", () => rawSigned(HS256, `{${goodJson(VIEWER_EMAIL)},"\\u0073ub":"${STAFF_EMAIL}"}`)],
    ["a repeated exp", () => rawSigned(HS256, `{${goodJson()},"exp":${now() + 300}}`)],
    ["a repeated aud", () => rawSigned(HS256, `{"aud":"another-app",${goodJson()}}`)],
    ["a repeated key in a nested claim", () => rawSigned(HS256, `{${goodJson()},"ctx":{"role":"a","role":"b"}}`)],
    ["alg twice in the header", () => rawSigned('{"alg":"HS256","typ":"JWT","alg":"HS256"}', JSON.stringify(good()))],
    ["alg twice in the header, none first", () => rawSigned('{"alg":"none","alg":"HS256","typ":"JWT"}', JSON.stringify(good()))],
    ["typ twice in the header", () => rawSigned('{"alg":"HS256","typ":"JWT","typ":"JWT"}', JSON.stringify(good()))],
    ["garbage", async () => "garbage"],
    ["two parts", async () => "abc.def"],
    ["base64 that is not JSON", async () => `${b64url("not json")}.${b64url("nor this")}.abc`],
    ["an oversized token", async () => `${"a".repeat(5000)}.${"b".repeat(10)}.c`],
  ];

  it.each(cases)("%s", async (_, make) => {
    const res = await callSettled(`/v1/articles/${internal.id}`, bearer(await make()));
    expect(res.status).toBe(401);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await json(res);
    expect(body.error.code).toBe("unauthorized");
    expect(JSON.stringify(body)).not.toContain(internal.name);
    expect(await upstreamLog()).toEqual([]);
  });

  it.each([
    ["Basic credentials", "Basic c3RhZmZAYWNtZS50ZXN0Og=="],
    ["a bare token without a scheme", "eyJhbGciOiJIUzI1NiJ9.e30.abc"],
    ["Bearer with nothing after it", "Bearer "],
    ["an email pretending to be a token", `Bearer ${STAFF_EMAIL}`],
  ])("refuses %s in Authorization", async (_, value) => {
    const res = await callSettled(`/v1/search?q=password`, { headers: { Authorization: value } });
    expect(res.status).toBe(401);
    expect(await upstreamLog()).toEqual([]);
  });

  it("says why a token with a repeated key is refused, and accepts the same claims written once", async () => {
    const dup = await callSettled(`/v1/articles/${internal.id}`, bearer(await rawSigned(HS256, `{"sub":"${VIEWER_EMAIL}",${goodJson(STAFF_EMAIL)}}`)));
    expect(dup.status).toBe(401);
    expect((await json(dup)).error.message).toMatch(/repeats a key/);
    const once = await callSettled(`/v1/articles/${internal.id}`, bearer(await rawSigned(HS256, `{${goodJson(STAFF_EMAIL)}}`)));
    expect(once.status).toBe(200);
  });

  it("refuses any token when the worker has no USER_TOKEN_SECRET", async () => {
    const token = await sign(good(), SECRET, "HS256");
    const res = await callSettled(`/v1/articles/${internal.id}`, bearer(token), { USER_TOKEN_SECRET: "" });
    expect(res.status).toBe(401);
    expect((await json(res)).error.message).toMatch(/not enabled/);
    expect(await upstreamLog()).toEqual([]);
  });

  it("refuses a token for a user Helpjuice has deactivated", async () => {
    const res = await callSettled(`/v1/articles/${pub.id}`, bearer(await sign(good(DEACTIVATED_EMAIL), SECRET, "HS256")));
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("unauthorized");
  });

  it("ignores an email the browser sends unsigned", async () => {
    const attempts: Array<Record<string, string>> = [{ "X-HJ-User": STAFF_EMAIL }, { "X-Forwarded-User": STAFF_EMAIL }, { From: STAFF_EMAIL }];
    for (const headers of attempts) {
      expect((await callSettled(`/v1/articles/${internal.id}`, { headers })).status).toBe(404);
    }
    expect((await upstreamLog()).every((e) => e.user === null)).toBe(true);
  });
});

describe("no cross-user cache leak", () => {
  const staff = async () => bearer(await sign(good(STAFF_EMAIL), SECRET, "HS256"));

  it("staff reads an internal article, then an anonymous request right after gets 404", async () => {
    expect((await callSettled(`/v1/articles/${internal.id}`, await staff())).status).toBe(200);
    const anon = await callSettled(`/v1/articles/${internal.id}`);
    expect(anon.status).toBe(404);
    expect(await anon.text()).not.toContain(internal.name);
  });

  it("an anonymous 404 cached first does not hide the article from staff", async () => {
    expect((await callSettled(`/v1/articles/${internal.id}`)).status).toBe(404);
    const cached = await callSettled(`/v1/articles/${internal.id}`);
    expect(cached.headers.get("Cache-Status")).toMatch(/^hj-kv; hit/);
    const res = await callSettled(`/v1/articles/${internal.id}`, await staff());
    expect(res.status).toBe(200);
    expect((await json(res)).article.title).toBe(internal.name);
  });

  it("staff search results with internal articles never reach an anonymous search, in either order", async () => {
    const q = `/v1/search?q=${encodeURIComponent(internal.name)}&limit=50`;
    const staffFirst = await json(await callSettled(q, await staff()));
    expect(staffFirst.results.map((r: any) => r.id)).toContain(internal.id);
    const anon = await json(await callSettled(q));
    expect(anon.results.map((r: any) => r.id)).not.toContain(internal.id);
    const staffAgain = await json(await callSettled(q, await staff()));
    expect(staffAgain.results.map((r: any) => r.id)).toContain(internal.id);
  });

  it("one user's answer is not another's: a private article for the partner stays hidden from a viewer", async () => {
    const as = async (email: string) => bearer(await sign(good(email), SECRET, "HS256"));
    expect((await callSettled(`/v1/articles/${partnerOnly.id}`, await as(PARTNER_EMAIL))).status).toBe(200);
    expect((await callSettled(`/v1/articles/${partnerOnly.id}`, await as(VIEWER_EMAIL))).status).toBe(404);
    expect((await callSettled(`/v1/articles/${partnerOnly.id}`)).status).toBe(404);
  });

  it("writes nothing to KV for signed users, while anonymous answers are cached", async () => {
    await callSettled(`/v1/articles/${internal.id}`, await staff());
    await callSettled(`/v1/articles/${pub.id}`, await staff());
    await callSettled("/v1/search?q=password", await staff());
    expect(await kvKeys()).toEqual([]);
    await callSettled(`/v1/articles/${pub.id}`);
    expect((await kvKeys()).filter((k) => k.startsWith("a:"))).toHaveLength(1);
  });
});
