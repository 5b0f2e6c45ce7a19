import { beforeEach, describe, expect, it } from "vitest";
import { sign } from "hono/jwt";
import { addFault, APP_ORIGIN, call, callSettled, json, limiter, resetAll, TEST_VARS, upstreamLog, type Overrides } from "./support";
import { DRAFT, INTERNAL, MISSING_ID, PUBLIC } from "./seed-facts";
import { drainVotes, outboxStatus, skipAhead } from "./votes-support";
import { STAFF_EMAIL } from "../fake-helpjuice/seed/users";

beforeEach(resetAll);

interface VoteInit {
  vote?: unknown;
  body?: BodyInit;
  origin?: string | null;
  visitor?: string | null;
  ip?: string | null;
  token?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
  vars?: Overrides;
}

const VISITOR = "3f2b9c1e-7a4d-4e8f-9b6a-0c1d2e3f4a5b";

function voteRequest(id: number | string, o: VoteInit = {}): RequestInit {
  const headers: Record<string, string> = { ...o.headers };
  if (o.origin !== null) headers.Origin = o.origin ?? APP_ORIGIN;
  if (o.contentType !== null) headers["Content-Type"] = o.contentType ?? "application/json";
  if (o.visitor !== null) headers["X-HJ-Visitor"] = o.visitor ?? VISITOR;
  if (o.ip !== null) headers["CF-Connecting-IP"] = o.ip ?? "203.0.113.7";
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  return { method: "POST", headers, body: o.body ?? JSON.stringify({ vote: o.vote ?? "up" }) };
}

const vote = (id: number | string, o: VoteInit = {}) => callSettled(`/v1/articles/${id}/vote`, voteRequest(id, o), o.vars);

/** The votes Helpjuice received, once the outbox has delivered what it holds (it does so in the background). */
const puts = async () => {
  expect(await drainVotes()).toBe(true);
  return (await upstreamLog()).filter((e) => e.method === "PUT");
};

const staffToken = () => {
  const now = Math.floor(Date.now() / 1000);
  return sign({ sub: STAFF_EMAIL, aud: "hj-search", exp: now + 600 }, TEST_VARS.USER_TOKEN_SECRET, "HS256");
};

const [pub, pub2] = PUBLIC;
const internal = INTERNAL;
const draft = DRAFT;

describe("POST /v1/articles/:id/vote", () => {
  it("counts a first vote upstream as an upvote or a downvote", async () => {
    const up = await vote(pub.id, { vote: "up" });
    expect(up.status).toBe(200);
    expect(await json(up)).toEqual({ vote: "up", counted: true, delivered: false });
    expect(up.headers.get("Cache-Control")).toBe("no-store");
    const down = await vote(pub2.id, { vote: "down" });
    expect(await json(down)).toEqual({ vote: "down", counted: true, delivered: false });
    // Delivered in the background, a few at a time: in either order.
    expect((await puts()).map((p) => p.path).sort()).toEqual(
      [`/api/v3/articles/${pub.id}/upvote`, `/api/v3/articles/${pub2.id}/downvote`].sort(),
    );
  });

  it("counts a repeat once: the same visitor gets counted:false and the vote first recorded, with no upstream call", async () => {
    expect(await json(await vote(pub.id, { vote: "up" }))).toEqual({ vote: "up", counted: true, delivered: false });
    expect(await json(await vote(pub.id, { vote: "up" }))).toEqual({ vote: "up", counted: false });
    expect(await json(await vote(pub.id, { vote: "down" }))).toEqual({ vote: "up", counted: false });
    expect(await puts()).toHaveLength(1);
  });

  it("makes exactly one upstream call for 10 racing identical votes", async () => {
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => call(`/v1/articles/${pub.id}/vote`, voteRequest(pub.id))),
    );
    await Promise.all(racing.map((r) => r.settled));
    const bodies = await Promise.all(racing.map((r) => json(r.res)));
    expect(racing.map((r) => r.res.status)).toEqual(Array(10).fill(200));
    expect(bodies.filter((b) => b.counted)).toHaveLength(1);
    expect(bodies.every((b) => b.vote === "up")).toBe(true);
    expect(await puts()).toHaveLength(1);
  });

  it("keeps racing up and down votes from one visitor to one counted vote", async () => {
    const racing = await Promise.all(
      ["up", "down", "up", "down", "down"].map((v) => call(`/v1/articles/${pub.id}/vote`, voteRequest(pub.id, { vote: v }))),
    );
    const bodies = await Promise.all(racing.map((r) => json(r.res)));
    const counted = bodies.filter((b) => b.counted);
    expect(counted).toHaveLength(1);
    // Every answer names the one vote that was recorded.
    expect(new Set(bodies.map((b) => b.vote))).toEqual(new Set([counted[0].vote]));
    expect(await puts()).toHaveLength(1);
  });

  it("counts different visitors, and one visitor id from different addresses, separately", async () => {
    expect((await json(await vote(pub.id, { visitor: "visitor-aaaa1111" }))).counted).toBe(true);
    expect((await json(await vote(pub.id, { visitor: "visitor-bbbb2222" }))).counted).toBe(true);
    expect((await json(await vote(pub.id, { visitor: "visitor-aaaa1111", ip: "198.51.100.20" }))).counted).toBe(true);
    // One visitor's voting on another article is a vote of its own.
    expect((await json(await vote(pub2.id, { visitor: "visitor-aaaa1111" }))).counted).toBe(true);
    expect(await puts()).toHaveLength(4);
  });

  it("counts a signed user once wherever they vote from, and votes upstream as that user", async () => {
    const token = await staffToken();
    expect(await json(await vote(pub.id, { token, visitor: "visitor-aaaa1111" }))).toEqual({ vote: "up", counted: true, delivered: false });
    expect(await json(await vote(pub.id, { token, visitor: null, ip: "198.51.100.99", vote: "down" }))).toEqual({
      vote: "up",
      counted: false,
    });
    const [put] = await puts();
    expect(put.user).toBe(STAFF_EMAIL);
    expect(await puts()).toHaveLength(1);
  });

  it("lets a signed user vote on an internal article they can read", async () => {
    const res = await vote(internal.id, { token: await staffToken() });
    expect(await json(res)).toEqual({ vote: "up", counted: true, delivered: false });
  });
});

describe("anonymous callers other than the widget", () => {
  it("without X-HJ-Visitor (curl, a server), the address alone is the voter", async () => {
    const ip = "192.0.2.77";
    expect(await json(await vote(pub.id, { visitor: null, ip }))).toEqual({ vote: "up", counted: true, delivered: false });
    expect(await json(await vote(pub.id, { visitor: null, ip, vote: "down" }))).toEqual({ vote: "up", counted: false });
    // A short id of their own is taken too, and is another voter at that address.
    expect(await json(await vote(pub.id, { visitor: "v1", ip }))).toEqual({ vote: "up", counted: true, delivered: false });
    expect(await puts()).toHaveLength(2);
  });
});

describe("votes refused before anything is counted", () => {
  const refusals: Array<[string, () => VoteInit, number, string]> = [
    ["from a disallowed origin", () => ({ origin: "https://evil.example" }), 403, "forbidden"],
    ["without an Origin", () => ({ origin: null }), 403, "forbidden"],
    ["from an origin that only looks like an allowed one", () => ({ origin: `${APP_ORIGIN}.evil.example` }), 403, "forbidden"],
    ["without a Content-Type", () => ({ contentType: null }), 400, "bad_request"],
    ["sent as a form", () => ({ contentType: "application/x-www-form-urlencoded", body: "vote=up" }), 400, "bad_request"],
    ["sent as text/plain (a CORS-simple request)", () => ({ contentType: "text/plain" }), 400, "bad_request"],
    ["with a body over 1 kB", () => ({ body: JSON.stringify({ vote: "up", pad: "x".repeat(1100) }) }), 413, "payload_too_large"],
    ["with broken JSON", () => ({ body: '{"vote": "up"' }), 400, "bad_request"],
    ["with an empty body", () => ({ body: "" }), 400, "bad_request"],
    ["with a vote that is neither up nor down", () => ({ vote: "sideways" }), 400, "bad_request"],
    ["with a JSON array", () => ({ body: '["up"]' }), 400, "bad_request"],
    ["with invalid UTF-8", () => ({ body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 400, "bad_request"],
    ["with a visitor id of odd characters", () => ({ visitor: "visitor id with spaces" }), 400, "bad_request"],
    ["with a visitor id over 128 characters", () => ({ visitor: "v".repeat(129) }), 400, "bad_request"],
    ["with a bad token", () => ({ token: "a.b.c" }), 401, "unauthorized"],
  ];

  it.each(refusals)("a vote %s → %i, no upstream call", async (_, init, status, code) => {
    const res = await vote(pub.id, init());
    expect(res.status).toBe(status);
    expect((await json(res)).error.code).toBe(code);
    expect(await upstreamLog()).toEqual([]);
  });

  it("refuses a body over 1 kB that declares no length, counting what actually arrives", async () => {
    const big = new TextEncoder().encode(JSON.stringify({ vote: "up", pad: "x".repeat(4000) }));
    const stream = new ReadableStream<Uint8Array>({
      start(ctl) {
        for (let i = 0; i < big.length; i += 512) ctl.enqueue(big.slice(i, i + 512));
        ctl.close();
      },
    });
    const init = voteRequest(pub.id, { body: stream });
    const res = await callSettled(`/v1/articles/${pub.id}/vote`, init);
    expect(res.status).toBe(413);
    expect(await upstreamLog()).toEqual([]);
  });

  it("refuses a body larger than its Content-Length says", async () => {
    const init = voteRequest(pub.id, {
      body: JSON.stringify({ vote: "up", pad: "x".repeat(2000) }),
      headers: { "Content-Length": "20" },
    });
    expect((await callSettled(`/v1/articles/${pub.id}/vote`, init)).status).toBe(413);
  });

  it.each(["0", "abc", "-1"])("refuses article id %s with 400", async (id) => {
    const res = await vote(id);
    expect(res.status).toBe(400);
    expect(await upstreamLog()).toEqual([]);
  });

  it("answers 404 to an anonymous vote on an internal article the cache knows, with no upstream call at all", async () => {
    await callSettled(`/v1/articles/${internal.id}`); // the cache now holds its 404
    const before = (await upstreamLog()).length;
    const res = await vote(internal.id);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
    expect(await puts()).toEqual([]);
    expect((await upstreamLog()).length).toBe(before);
  });

  it("answers 404 to votes on drafts and on missing articles the cache knows, without a PUT", async () => {
    await callSettled(`/v1/articles/${draft.id}`);
    await callSettled(`/v1/articles/${MISSING_ID}`);
    expect((await vote(draft.id)).status).toBe(404);
    expect((await vote(MISSING_ID)).status).toBe(404);
    expect(await puts()).toEqual([]);
  });

  // Changed by issue #14: nothing knows these articles yet (a cold start), so the votes are accepted, and the
  // visibility check runs at delivery, which drops them unsent.
  it("on a cold start accepts votes on internal, draft and missing articles, then drops them at delivery, unsent", async () => {
    for (const id of [internal.id, draft.id, MISSING_ID]) expect((await json(await vote(id))).counted).toBe(true);
    expect(await puts()).toEqual([]);
    const status = await outboxStatus();
    expect(status).toMatchObject({ pending: 0, dropped: 3, delivered: 0 });
  });

  it("checks visibility through the article cache: a cached article costs no upstream read", async () => {
    await callSettled(`/v1/articles/${pub.id}`);
    const before = (await upstreamLog()).length;
    await vote(pub.id);
    expect(await drainVotes()).toBe(true);
    const after = await upstreamLog();
    expect(after.slice(before).map((e) => e.method)).toEqual(["PUT"]);
  });
});

// Changed by issue #14: a vote is accepted at once and delivered in the background, so Helpjuice's errors
// no longer reach the visitor (502, 504, 503 before); they are retried, or settled, in the outbox
// (more in votes-delivery.test.ts).
describe("when the upstream vote fails", () => {
  it("answers counted at once and retries the delivery after a 500, counting the vote once", async () => {
    await addFault({ path: `/api/v3/articles/${pub.id}/upvote`, kind: "error", status: 500, times: 1 });
    expect(await json(await vote(pub.id))).toEqual({ vote: "up", counted: true, delivered: false });
    expect(await json(await vote(pub.id))).toEqual({ vote: "up", counted: false });
    expect(await drainVotes({ skip: true })).toBe(true);
    const log = (await upstreamLog()).filter((e) => e.method === "PUT");
    expect(log.map((e) => e.status)).toEqual([500, 200]);
  });

  it("gives racing twins one counted vote while Helpjuice fails, and delivers it once", async () => {
    await addFault({ path: `/api/v3/articles/${pub.id}/upvote`, kind: "error", status: 500, times: 2 });
    const racing = await Promise.all(Array.from({ length: 5 }, () => call(`/v1/articles/${pub.id}/vote`, voteRequest(pub.id))));
    expect(racing.map((r) => r.res.status)).toEqual(Array(5).fill(200));
    const bodies = await Promise.all(racing.map((r) => json(r.res)));
    expect(bodies.filter((b) => b.counted)).toHaveLength(1);
    expect(await drainVotes({ skip: true })).toBe(true);
    expect((await upstreamLog()).filter((e) => e.method === "PUT" && e.status === 200)).toHaveLength(1);
  });

  it("settles a vote that timed out after sending as unconfirmed (Helpjuice may have counted it), never sending it twice", async () => {
    await addFault({ path: `/api/v3/articles/${pub.id}/upvote`, kind: "timeout", times: 1 });
    const vars = { UPSTREAM_TIMEOUT_MS: "300" };
    await callSettled(`/v1/articles/${pub.id}`, {}, vars); // warm the article, so the timeout hits the PUT
    expect(await json(await vote(pub.id, { vars }))).toEqual({ vote: "up", counted: true, delivered: false });
    expect(await drainVotes({ skip: true })).toBe(true);
    expect(await json(await vote(pub.id, { vars }))).toEqual({ vote: "up", counted: false });
    expect(await puts()).toHaveLength(1);
    expect((await outboxStatus()).unconfirmed).toBe(1);
  });

  it("answers counted at once when Helpjuice answers 429, and delivers the vote after the gate's minute", async () => {
    await callSettled(`/v1/articles/${pub.id}`);
    await addFault({ path: `/api/v3/articles/${pub.id}/upvote`, kind: "429", times: 1 });
    const res = await vote(pub.id);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ vote: "up", counted: true, delivered: false });
    // The 429 closed the gate for a minute: the vote waits.
    await expect.poll(async () => (await upstreamLog()).filter((e) => e.method === "PUT").length).toBe(1);
    expect((await outboxStatus()).pending).toBe(1);
    await skipAhead(); // the minute passes
    expect(await drainVotes()).toBe(true);
    expect((await upstreamLog()).filter((e) => e.method === "PUT").map((e) => e.status)).toEqual([429, 200]);
  });
});

describe("per-client vote limit", () => {
  it("allows VOTE_LIMITER's limit of votes a minute per address, then 429 with Retry-After (the period); other addresses unaffected", async () => {
    const vars = { VOTE_LIMITER: limiter(3) };
    const ip = "192.0.2.44";
    for (let i = 0; i < 3; i++) {
      const res = await vote(pub.id, { vars, ip, visitor: `visitor-rate-${i}` });
      expect(res.status).toBe(200);
    }
    const over = await vote(pub.id, { vars, ip, visitor: "visitor-rate-3" });
    expect(over.status).toBe(429);
    expect((await json(over)).error.code).toBe("rate_limited");
    expect(over.headers.get("Retry-After")).toBe("60");
    expect((await vote(pub.id, { vars, ip: "192.0.2.45" })).status).toBe(200);
    expect(await puts()).toHaveLength(4);
  });

  it("charges only votes that would reach Helpjuice: a repeat is answered, not refused", async () => {
    const vars = { VOTE_LIMITER: limiter(1) };
    const ip = "192.0.2.60";
    const first = await vote(pub.id, { vars, ip, visitor: "visitor-repeat-0" });
    expect(await json(first)).toEqual({ vote: "up", counted: true, delivered: false });
    for (let i = 0; i < 3; i++) {
      const again = await vote(pub.id, { vars, ip, visitor: "visitor-repeat-0" });
      expect(again.status).toBe(200);
      expect(await json(again)).toEqual({ vote: "up", counted: false });
    }
    expect((await vote(pub.id, { vars, ip, visitor: "visitor-repeat-1" })).status).toBe(429);
    // The refused vote went nowhere upstream.
    expect(await puts()).toHaveLength(1);
  });

  it("does not lump requests with no address (local runs only) into one shared limit", async () => {
    const vars = { VOTE_LIMITER: limiter(1) };
    for (let i = 0; i < 3; i++) {
      const res = await vote(pub.id, { vars, ip: null, visitor: `visitor-noaddr-${i}` });
      expect(res.status).toBe(200);
    }
    expect(await puts()).toHaveLength(3);
  });

  it("as wrangler.toml ships it: 20 new votes a minute from one address, then 429 with Retry-After: 60", async () => {
    for (let i = 0; i < 20; i++) expect((await vote(pub.id, { ip: "192.0.2.90", visitor: `visitor-shipped-${i}` })).status).toBe(200);
    const over = await vote(pub.id, { ip: "192.0.2.90", visitor: "visitor-shipped-20" });
    expect(over.status).toBe(429);
    expect(over.headers.get("Retry-After")).toBe("60");
  });

  it("treats one IPv6 /64 as one client", async () => {
    const vars = { VOTE_LIMITER: limiter(1) };
    expect((await vote(pub.id, { vars, ip: "2001:db8:1:2::10" })).status).toBe(200);
    expect((await vote(pub2.id, { vars, ip: "2001:db8:1:2::99" })).status).toBe(429);
  });
});

describe("CORS and methods on the vote route", () => {
  it("answers the preflight from an allowed origin for the widget's headers", async () => {
    const pre = await callSettled(`/v1/articles/${pub.id}/vote`, {
      method: "OPTIONS",
      headers: {
        Origin: APP_ORIGIN,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-hj-visitor, authorization",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe(APP_ORIGIN);
    expect(pre.headers.get("Access-Control-Allow-Methods")).toContain("POST");
    const allowed = pre.headers.get("Access-Control-Allow-Headers")!.toLowerCase();
    for (const h of ["content-type", "x-hj-visitor", "authorization"]) expect(allowed).toContain(h);
    expect(Number(pre.headers.get("Access-Control-Max-Age"))).toBeGreaterThan(0);
  });

  it("grants no CORS to another origin's preflight", async () => {
    const pre = await callSettled(`/v1/articles/${pub.id}/vote`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("carries the CORS grant on the vote answer itself", async () => {
    const res = await vote(pub.id);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(APP_ORIGIN);
  });

  it("carries the CORS grant on refusals too, so the widget can read the error and Retry-After", async () => {
    const bad = await vote(pub.id, { vote: "sideways" });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("Access-Control-Allow-Origin")).toBe(APP_ORIGIN);
    expect(bad.headers.get("Access-Control-Expose-Headers")).toContain("Retry-After");
  });

  it("answers GET with 405 and Allow: POST", async () => {
    const res = await callSettled(`/v1/articles/${pub.id}/vote`);
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toContain("POST");
  });

  it("is described in /v1/openapi.json", async () => {
    const doc = await json(await callSettled("/v1/openapi.json"));
    const op = doc.paths["/v1/articles/{id}/vote"]?.post;
    expect(op).toBeTruthy();
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "403", "404", "413", "429"]));
    expect(op.requestBody.content["application/json"]).toBeTruthy();
  });
});
