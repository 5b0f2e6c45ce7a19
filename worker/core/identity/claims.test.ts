import { describe, expect, it } from "vitest";
import { checkClaims, checkTokenJson, decodeBase64UrlUtf8, duplicateKey, readTokenSegment } from "./claims";

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

const b64url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

describe("duplicateKey", () => {
  it.each([
    ['{"sub":"a@x","aud":"hj-search","exp":1}'],
    ["{}"],
    ['{"a":{"a":1},"b":[{"a":1},{"a":2}]}'],
    ['{"a":"\\"","b":"\\\\","c":"}{,\\"a\\":"}'],
    ['{"a":["x","y","x"],"b":"a"}'],
    ['{"a":1,"b":{"c":{}},"c":[[]],"d":null}'],
    [' { "sub" : "a" , "Sub" : "b" } '],
  ])("finds none in %s", (text) => {
    JSON.parse(text);
    expect(duplicateKey(text)).toBeNull();
  });

  it.each([
    ['{"sub":"a@x","sub":"b@x"}', "sub"],
    ['{"alg":"HS256","typ":"JWT","alg":"none"}', "alg"],
    ['{"sub":"a@x","\\u0073ub":"b@x"}', "sub"],
    ['{"a":1,"ctx":{"role":"x","role":"y"}}', "role"],
    ['{"list":[{"k":1,"k":2}]}', "k"],
    ['{"s":"\\"x\\":1,","x":1,"x":2}', "x"],
    ['{ "a" : 1 ,\n "a" : 1 }', "a"],
    ['{"":1,"":2}', ""],
  ])("finds the repeat in %s", (text, name) => {
    JSON.parse(text);
    expect(duplicateKey(text)).toBe(name);
  });
});

describe("reading a token's header and payload strictly", () => {
  it("decodes base64url to UTF-8, refusing padding, stray characters and broken UTF-8", () => {
    expect(decodeBase64UrlUtf8(b64url('{"sub":"prïya@例え.test"}'))).toBe('{"sub":"prïya@例え.test"}');
    expect(decodeBase64UrlUtf8(b64url("??>>"))).toBe("??>>");
    expect(decodeBase64UrlUtf8("e30=")).toBeNull();
    expect(decodeBase64UrlUtf8("e3+0")).toBeNull();
    expect(decodeBase64UrlUtf8("abcde")).toBeNull();
    expect(decodeBase64UrlUtf8(btoa("\xff\xfe").replace(/=+$/, ""))).toBeNull();
  });

  it("accepts an object that names each key once", () => {
    expect(readTokenSegment(b64url('{"alg":"HS256","typ":"JWT"}'))).toEqual({ ok: true, value: { alg: "HS256", typ: "JWT" } });
    const token = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify(good))}.sig`;
    expect(checkTokenJson(token)).toEqual({ ok: true });
  });

  it.each([
    ["a repeated sub in the payload", '{"alg":"HS256"}', '{"sub":"a@x.test","sub":"b@x.test","aud":"hj-search"}', /repeats a key/],
    ["alg twice in the header", '{"alg":"HS256","alg":"HS256"}', '{"sub":"a@x.test"}', /repeats a key/],
    ["a repeat spelled with an escape", '{"alg":"HS256","\\u0061lg":"none"}', '{"sub":"a@x.test"}', /repeats a key/],
    ["a payload that is an array", '{"alg":"HS256"}', "[1,2]", /objects/],
    ["a header that is a string", '"HS256"', '{"sub":"a@x.test"}', /objects/],
    ["a payload that is not JSON", '{"alg":"HS256"}', "{sub:1}", /base64url JSON/],
  ])("refuses %s", (_, header, payload, message) => {
    const res = checkTokenJson(`${b64url(header)}.${b64url(payload)}.sig`);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.message).toMatch(message);
  });

  it("refuses anything but three parts", () => {
    expect(checkTokenJson("a.b").ok).toBe(false);
    expect(checkTokenJson("a.b.c.d").ok).toBe(false);
  });
});
