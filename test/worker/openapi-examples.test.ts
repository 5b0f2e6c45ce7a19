/**
 * /v1/openapi.json against the real worker: every documented example is called, and every answer is checked
 * against what the description promises for its status (body schema, media type, required headers). Then each
 * documented parameter constraint is broken once, and the worker must refuse it with the documented 400.
 * (The spec's lint, which needs Node, is test/e2e/openapi-lint.test.mjs.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Validator, type Schema } from "@cfworker/json-schema";
import { sign } from "hono/jwt";
import { STAFF_EMAIL } from "../fake-helpjuice/seed/users";
import { MISSING_ID } from "./seed-facts";
import { addFault, APP_ORIGIN, call, clearFaults, json, resetAll, resetIndex, TEST_VARS } from "./support";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

interface Param {
  name: string;
  in: "query" | "path" | "header";
  required?: boolean;
  example?: unknown;
  schema: Json;
}

interface Operation {
  operationId: string;
  parameters?: Param[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: Json; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: Json }>; headers?: Record<string, { required?: boolean; schema: Json }> }>;
}

interface Case {
  label: string;
  method: string;
  url: string;
  init: RequestInit;
  op: Operation;
}

let doc: Json;

/** A schema with the document's `#/components/...` references inlined, so it stands alone for the validator. */
function deref(node: Json, depth = 0): Json {
  if (depth > 32) throw new Error("reference cycle in the description");
  if (Array.isArray(node)) return node.map((n) => deref(n, depth));
  if (node && typeof node === "object") {
    if (typeof node.$ref === "string") {
      const target = node.$ref
        .replace(/^#\//, "")
        .split("/")
        .reduce((o: Json, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
      if (!target) throw new Error(`unresolved ${node.$ref}`);
      return deref(target, depth + 1);
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(v, depth)]));
  }
  return node;
}

const exampleOf = (p: Param) => p.example ?? p.schema?.example;

/** Credentials for every security scheme the description declares (the test fails on one it does not know). */
async function credential(scheme: string): Promise<(url: URL, headers: Headers) => void> {
  const now = Math.floor(Date.now() / 1000);
  switch (scheme) {
    case "userToken": {
      const token = await sign({ sub: STAFF_EMAIL, aud: "hj-search", iat: now, exp: now + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256");
      return (_, h) => h.set("Authorization", `Bearer ${token}`);
    }
    case "webhookSecret":
      return (url) => url.searchParams.set(doc.components.securitySchemes.webhookSecret.name, TEST_VARS.WEBHOOK_SECRET);
    case "insightsToken":
      return (_, h) => h.set("Authorization", `Bearer ${TEST_VARS.INSIGHTS_TOKEN}`);
    default:
      throw new Error(`no test credential for the security scheme ${scheme}`);
  }
}

/** The requests the description's examples make: one per body media type, and per way in (anonymous, or each scheme). */
async function examples(): Promise<Case[]> {
  const out: Case[] = [];
  for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const params = op.parameters ?? [];
      const ways: (string | null)[] = [];
      for (const req of op.security ?? [{}]) {
        const names = Object.keys(req);
        expect(names.length, `${op.operationId}: one scheme per requirement`).toBeLessThanOrEqual(1);
        ways.push(names[0] ?? null);
      }
      const bodies = Object.entries(op.requestBody?.content ?? {}).map(([type, m]) => ({ type, example: m.example ?? m.schema?.example }));
      for (const way of ways) {
        for (const body of bodies.length ? bodies : [null]) {
          const url = new URL(
            `https://hj.example.com${path.replace(/\{(\w+)\}/g, (_, name) => {
              const p = params.find((q) => q.in === "path" && q.name === name);
              expect(p && exampleOf(p), `${op.operationId}: an example for {${name}}`).toBeDefined();
              return encodeURIComponent(String(exampleOf(p!)));
            })}`,
          );
          const headers = new Headers();
          for (const p of params) {
            const ex = exampleOf(p);
            if (p.required) expect(ex, `${op.operationId}: an example for the required ${p.name}`).toBeDefined();
            // A conditional request is made from a real ETag below, not from the example's.
            if (ex === undefined || p.name.toLowerCase() === "if-none-match") continue;
            if (p.in === "query") url.searchParams.set(p.name, String(ex));
            if (p.in === "header") headers.set(p.name, String(ex));
          }
          if (way) (await credential(way))(url, headers);
          const init: RequestInit = { method: method.toUpperCase(), headers };
          if (body) {
            expect(body.example, `${op.operationId}: an example ${body.type} body`).toBeDefined();
            headers.set("Content-Type", body.type);
            init.body = JSON.stringify(body.example);
          }
          out.push({ label: `${op.operationId}${body ? ` (${body.type})` : ""} as ${way ?? "anonymous"}`, method, url: url.toString(), init, op });
        }
      }
    }
  }
  return out;
}

/** The answer is one the description documents for its status: media type, body schema, required headers. */
async function conforms(c: Case, res: Response): Promise<void> {
  const what = `${c.label} → ${res.status}`;
  const documented = c.op.responses[String(res.status)];
  expect(documented, `${what}: status documented`).toBeDefined();
  for (const [name, h] of Object.entries(documented.headers ?? {})) {
    const value = res.headers.get(name);
    if (h.required) expect(value, `${what}: header ${name}`).not.toBeNull();
    if (value !== null && h.schema?.type === "integer") expect(value, `${what}: header ${name} is an integer`).toMatch(/^[0-9]+$/);
  }
  const text = await res.text();
  if (!documented.content) {
    expect(text, `${what}: no body`).toBe("");
    return;
  }
  const type = (res.headers.get("Content-Type") ?? "").split(";")[0]!.trim();
  const media = documented.content[type];
  expect(media, `${what}: ${type} documented`).toBeDefined();
  const body = type === "application/json" ? JSON.parse(text) : text;
  const result = new Validator(deref(media!.schema) as Schema, "2020-12", false).validate(body);
  expect(result.errors.map((e) => `${e.instanceLocation} ${e.error}`), `${what}: body matches its schema`).toEqual([]);
}

beforeAll(async () => {
  await resetAll();
  const { res, settled } = await call("/v1/openapi.json");
  await settled;
  expect(res.status).toBe(200);
  doc = await json(res);
});

describe("GET /v1/openapi.json, called", () => {
  it("documents every route of the edge API, each with an operationId and its security", () => {
    const ops = Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(ops.map((o) => o.at).sort()).toEqual(
      [
        "GET /v1/search",
        "GET /v1/popular",
        "GET /v1/articles/{id}",
        "GET /v1/articles/{id}/related",
        "POST /v1/articles/{id}/vote",
        "POST /v1/ask",
        "POST /v1/webhooks/helpjuice",
        "GET /v1/health",
        "GET /v1/openapi.json",
        "POST /v1/events",
        "GET /v1/insights",
      ].sort(),
    );
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { at, op } of ops) expect(op.security, at).toBeDefined();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["insightsToken", "userToken", "webhookSecret"]);
    expect(doc.servers[0].url).toBe("https://hj.example.com");
    // The checks below are only as good as the validator: it must refuse what a schema does not allow.
    const error = new Validator(deref({ $ref: "#/components/schemas/Error" }) as Schema, "2020-12", false);
    expect(error.validate({ error: { code: "bad_request", message: "m" } }).valid).toBe(true);
    expect(error.validate({ error: { code: "no_such_code", message: "m" } }).valid).toBe(false);
    expect(error.validate({ error: { message: "m" } }).valid).toBe(false);
  });

  it("answers every documented example as documented, and a conditional GET with 304", async () => {
    const cases = await examples();
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const c of cases) {
      const { res, settled } = await call(c.url, c.init);
      await settled;
      expect(res.status, `${c.label}: a documented example succeeds`).toBeLessThan(300);
      const etag = res.headers.get("ETag");
      await conforms(c, res);
      if (c.op.responses["304"] && c.method === "get") {
        expect(etag, `${c.label}: an ETag`).toBeTruthy();
        const headers = new Headers(c.init.headers);
        headers.set("If-None-Match", etag!);
        const again = await call(c.url, { ...c.init, headers });
        await again.settled;
        expect(again.res.status, `${c.label}: If-None-Match`).toBe(304);
        await conforms(c, again.res);
      }
    }
  });

  it("refuses each documented parameter constraint when broken, with the documented 400", async () => {
    const cases = (await examples()).filter((c) => !c.label.endsWith("as userToken"));
    let broken = 0;
    for (const c of cases) {
      for (const p of c.op.parameters ?? []) {
        if (p.in === "header") continue;
        const s = p.schema;
        const bad: string[] = [];
        if (s.type === "integer") bad.push(String((s.minimum ?? 1) - 1), String((s.maximum ?? 1e12) + 1), "1.5", "x");
        if (s.pattern) bad.push("x");
        if (s.maxLength) bad.push("a".repeat(s.maxLength + 1));
        if (s.minLength) bad.push(p.in === "path" ? "%20" : "");
        if (s.enum) bad.push("not-one-of-them");
        if (s.format === "date") bad.push("2026-02-30");
        for (const value of bad) {
          const url = new URL(c.url);
          if (p.in === "query") url.searchParams.set(p.name, value);
          else url.pathname = url.pathname.split("/").map((seg) => (seg === String(exampleOf(p)) ? value : seg)).join("/");
          const { res, settled } = await call(url.toString(), { ...c.init, body: c.init.body });
          await settled;
          expect(res.status, `${c.label} with ${p.name}=${JSON.stringify(value)}`).toBe(400);
          await conforms({ ...c, label: `${c.label} with ${p.name}=${JSON.stringify(value)}` }, res);
          broken++;
        }
      }
    }
    expect(broken).toBeGreaterThanOrEqual(20);
  });

  it("answers the errors a caller can cause or meet with the documented shape and headers", async () => {
    const at = async (
      path: string,
      method: "get" | "post",
      url: string,
      init: RequestInit,
      status: number,
      vars: Record<string, string> = {},
    ) => {
      const { res, settled } = await call(url, { method: method.toUpperCase(), ...init }, vars);
      await settled;
      const label = `${method.toUpperCase()} ${url}`;
      expect(res.status, label).toBe(status);
      await conforms({ label, method, url, init, op: doc.paths[path][method] }, res);
    };
    const vote = `/v1/articles/12/vote`;
    const jsonBody = (body: string, origin?: string) => ({
      headers: { "Content-Type": "application/json", ...(origin ? { Origin: origin } : {}) },
      body,
    });
    await at("/v1/search", "get", "/v1/search?q=password", { headers: { Authorization: "Bearer not-a-token" } }, 401);
    await at("/v1/articles/{id}", "get", `/v1/articles/${MISSING_ID}`, {}, 404);
    await at("/v1/articles/{id}/related", "get", "/v1/articles/16/related", { headers: { Authorization: "Bearer not-a-token" } }, 401);
    await at("/v1/articles/{id}/vote", "post", vote, jsonBody('{"vote":"up"}'), 403);
    await at("/v1/articles/{id}/vote", "post", vote, jsonBody(`{"vote":"up","pad":"${"x".repeat(2048)}"}`, APP_ORIGIN), 413);
    await at("/v1/events", "post", "/v1/events", { headers: { "Content-Type": "text/plain" }, body: "{}" }, 403);
    await at("/v1/webhooks/helpjuice", "post", "/v1/webhooks/helpjuice?secret=wrong", jsonBody("{}"), 401);
    await at("/v1/insights", "get", "/v1/insights", {}, 401);
    await at("/v1/insights", "get", "/v1/insights", { headers: { Authorization: `Bearer ${TEST_VARS.INSIGHTS_TOKEN}` } }, 404, { INSIGHTS: "off" });
    await at("/v1/health", "get", "/v1/health", {}, 503, { HELPJUICE_API_KEY: "" });
    // With no edge index, so that no partial answer from it stands in for Helpjuice's failures.
    await resetIndex();
    try {
      await addFault({ path: "/api/v3/search", kind: "error", status: 500 });
      await at("/v1/search", "get", "/v1/search?q=upstream+garbage", {}, 502);
      await clearFaults();
      await addFault({ path: "/api/v3/articles/13", kind: "timeout" });
      await at("/v1/articles/{id}", "get", "/v1/articles/13", {}, 504, { UPSTREAM_TIMEOUT_MS: "300" });
      await clearFaults();
      // Last: an upstream 429 closes the gate for a minute (resetAll opens it for the next file).
      await addFault({ path: "/api/v3/search", kind: "429", times: 1 });
      await at("/v1/search", "get", "/v1/search?q=gate+closed", {}, 503);
    } finally {
      await clearFaults();
    }
  });
});
