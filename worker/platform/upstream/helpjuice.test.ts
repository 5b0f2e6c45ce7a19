/**
 * The Helpjuice client against a scripted fetch, for what the fake cannot do: bodies that trickle,
 * bodies that never end, a gate that fails or hangs, fetch errors that quote the URL.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Config } from "../../core/config";
import { UpstreamError } from "../../core/upstream/error";
import { articleUpstream, MAX_UPSTREAM_BODY_BYTES, searchUpstream, voteUpstream, type Upstream } from "./helpjuice";

const KEY = "secret-key-0123456789";

const cfg: Config = {
  baseUrl: "https://acme.helpjuice.com",
  allowedOrigins: [],
  anyOrigin: false,
  searchTtl: 300,
  articleTtl: 3600,
  notFoundTtl: 60,
  timeoutMs: 300,
  rateLimit: 100,
  searchSource: "helpjuice",
  languages: ["en_US"],
  syncReserved: 0,
};

function gate(over: Partial<{ acquire: () => Promise<unknown>; close: () => Promise<unknown> }> = {}) {
  const g = {
    acquire: vi.fn(over.acquire ?? (async () => ({ ok: true }))),
    close: vi.fn(over.close ?? (async () => {})),
  };
  return g;
}

const upstream = (g = gate(), timeoutMs = 300): Upstream =>
  ({ cfg: { ...cfg, timeoutMs }, apiKey: KEY, gate: g, client: "1.2.3.4" }) as unknown as Upstream;

const ANON = { kind: "anonymous" } as const;

afterEach(() => vi.restoreAllMocks());

function stubFetch(impl: (url: string, init: RequestInit) => Promise<Response>) {
  return vi.spyOn(globalThis, "fetch").mockImplementation(((input: RequestInfo | URL, init?: RequestInit) =>
    impl(String(input instanceof Request ? input.url : input), init ?? {})) as typeof fetch);
}

async function fault(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError);
    return e as UpstreamError;
  }
  throw new Error("expected an UpstreamError");
}

describe("requests", () => {
  it("sends the key as the Authorization header, params in the query, Accept JSON, and follows no redirect", async () => {
    const f = stubFetch(async () => Response.json({ searches: [] }));
    await searchUpstream(upstream(), "reset password", 3, ANON);
    const [url, init] = f.mock.calls[0] as [string, RequestInit];
    const u = new URL(url);
    expect(u.pathname).toBe("/api/v3/search");
    expect(Object.fromEntries(u.searchParams)).toEqual({ query: "reset password", category_id: "3" });
    const h = new Headers(init.headers);
    expect(h.get("Authorization")).toBe(KEY);
    expect(h.get("Accept")).toBe("application/json");
    expect(init.redirect).toBe("manual");
  });

  it("impersonates with Basic auth (UTF-8, blank password) and moves the key to api_key", async () => {
    const f = stubFetch(async () => Response.json({ article: {} }));
    await articleUpstream(upstream(), 12, "es_ES", { kind: "user", email: "zoë@acme.test" });
    const [url, init] = f.mock.calls[0] as [string, RequestInit];
    expect(Object.fromEntries(new URL(url).searchParams)).toEqual({ processed: "true", kb_language: "es_ES", api_key: KEY });
    const basic = new Headers(init.headers).get("Authorization")!;
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(basic.replace(/^Basic /, "")), (c) => c.charCodeAt(0)));
    expect(decoded).toBe("zoë@acme.test:");
  });
});

describe("the timeout budget", () => {
  it("covers a body that trickles: 504 at the deadline, and the body stream is cancelled", async () => {
    let cancelled = false;
    let signal: AbortSignal | undefined;
    stubFetch(async (_url, init) => {
      signal = init.signal ?? undefined;
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          await new Promise((r) => setTimeout(r, 100));
          c.enqueue(new TextEncoder().encode(n++ === 0 ? '{"searches":[' : " "));
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(body, { headers: { "Content-Type": "application/json" } });
    });
    const started = Date.now();
    const e = await fault(searchUpstream(upstream(gate(), 300), "x", undefined, ANON));
    expect(e.fault).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(signal?.aborted).toBe(true);
    expect(cancelled).toBe(true);
  });

  it("aborts a fetch that never answers, rather than leaving it running", async () => {
    let signal: AbortSignal | undefined;
    stubFetch(
      (_url, init) =>
        new Promise((_, reject) => {
          signal = init.signal ?? undefined;
          signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted", "AbortError")));
        }),
    );
    const e = await fault(searchUpstream(upstream(gate(), 200), "x", undefined, ANON));
    expect(e.fault).toBe("timeout");
    expect(signal?.aborted).toBe(true);
  });

  it("covers a gate that hangs, and a gate that fails is a brief 'busy', not a crash", async () => {
    stubFetch(async () => Response.json({ searches: [] }));
    const hung = await fault(searchUpstream(upstream(gate({ acquire: () => new Promise(() => {}) }), 200), "x", undefined, ANON));
    // Nothing was sent: the gate's trouble (503, try again shortly), not an upstream timeout.
    expect(hung.fault).toBe("gate_closed");
    expect(hung.retryAfterMs).toBeGreaterThan(0);
    const broken = await fault(searchUpstream(upstream(gate({ acquire: async () => Promise.reject(new Error("DO overloaded")) })), "x", undefined, ANON));
    expect(broken.fault).toBe("gate_closed");
    expect(broken.retryAfterMs).toBeGreaterThan(0);
  });
});

describe("answers", () => {
  it("refuses a body past the cap, by Content-Length or by counting, without reading it all", async () => {
    stubFetch(async () => new Response("{}", { headers: { "Content-Length": String(MAX_UPSTREAM_BODY_BYTES + 1) } }));
    expect((await fault(searchUpstream(upstream(), "x", undefined, ANON))).fault).toBe("bad_answer");
    let pulled = 0;
    stubFetch(async () => {
      const chunk = new Uint8Array(1024 * 1024).fill(0x20);
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            pulled++;
            c.enqueue(chunk);
          },
        }),
      );
    });
    expect((await fault(searchUpstream(upstream(gate(), 5_000), "x", undefined, ANON))).fault).toBe("bad_answer");
    expect(pulled).toBeLessThan(MAX_UPSTREAM_BODY_BYTES / (1024 * 1024) + 4);
  });

  it("retries 5xx and non-JSON once, and 4xx, 3xx never", async () => {
    for (const [status, body, calls] of [
      [500, "<html>", 2],
      [200, "<!DOCTYPE html><title>Maintenance</title>", 2],
      [422, '{"errors":[{"query":"can\'t be blank"}]}', 1],
      [400, "{}", 1],
      [301, "", 1],
    ] as const) {
      const f = stubFetch(async () => new Response(body, { status, headers: status === 301 ? { Location: "https://elsewhere.example/" } : {} }));
      const e = await fault(searchUpstream(upstream(gate(), 2_000), "x", undefined, ANON));
      expect(e.fault, String(status)).toBe("bad_answer");
      expect(f.mock.calls.length, String(status)).toBe(calls);
      f.mockRestore();
    }
  });

  it("closes the gate on a 429 for a minute (longer if asked), even when telling the gate fails", async () => {
    const g = gate({ close: async () => Promise.reject(new Error("DO gone")) });
    stubFetch(async () => Response.json({ message: "You have fired too many requests, please wait one minute." }, { status: 429 }));
    const e = await fault(searchUpstream(upstream(g), "x", undefined, ANON));
    expect(e).toMatchObject({ fault: "gate_closed", retryAfterMs: 60_000 });
    expect(g.close).toHaveBeenCalledWith(100, 60_000, 0);
    stubFetch(async () => new Response("{}", { status: 429, headers: { "Retry-After": "120" } }));
    expect(await fault(searchUpstream(upstream(), "x", undefined, ANON))).toMatchObject({ retryAfterMs: 120_000 });
  });

  it("never lets a fetch error's message (which may quote the URL and its api_key) through", async () => {
    stubFetch(async (url) => {
      throw new TypeError(`Network connection lost while fetching ${url}`);
    });
    const e = await fault(articleUpstream(upstream(), 12, undefined, { kind: "user", email: "s@acme.test" }));
    expect(e.fault).toBe("bad_answer");
    expect(`${e.message} ${e.stack}`).not.toContain(KEY);
  });

  it("takes an empty 2xx to a vote as counted, and a page in its place as garbage", async () => {
    stubFetch(async () => new Response(null, { status: 204 }));
    expect(await voteUpstream(upstream(), 12, "up", ANON)).toBeNull();
    stubFetch(async () => new Response("<html>maintenance</html>", { status: 200 }));
    expect((await fault(voteUpstream(upstream(), 12, "up", ANON))).fault).toBe("bad_answer");
  });

  it("reads JSON whatever its Content-Type says, with a BOM", async () => {
    stubFetch(async () => new Response('\uFEFF{"searches":[]}', { headers: { "Content-Type": "text/plain" } }));
    expect(await searchUpstream(upstream(), "x", undefined, ANON)).toEqual({ searches: [] });
  });
});
