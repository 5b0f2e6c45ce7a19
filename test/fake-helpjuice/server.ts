/**
 * The fake Helpjuice under Node, for `npm start` and end-to-end tests (bundled by test/harness/stack.mjs
 * into dist/fake-helpjuice.mjs). Also a CLI: node dist/fake-helpjuice.mjs [--port 8788] [--host 127.0.0.1]
 * [--rate-limit 100] [--api-key KEY]
 */
import { serve } from "@hono/node-server";
import { createFakeHelpjuice, type FakeHelpjuice } from "./index";

export { FAKE_API_KEY } from "./index";

export interface StartFakeOptions {
  /** 0 picks a free port. Default 8788. */
  port?: number;
  host?: string;
  apiKey?: string;
  rateLimit?: number;
  /**
   * Static files the knowledge base serves besides its API, by path (the seed's pictures under /images/,
   * test/harness/stack.mjs reads them from test/fake-helpjuice/images/). Answered before the fake's routes,
   * with no key, as Helpjuice serves uploads.
   */
  files?: Record<string, { type: string; body: Uint8Array | string }>;
}

export interface RunningFake {
  url: string;
  port: number;
  fake: FakeHelpjuice;
  close(): Promise<void>;
}

interface NodeServer {
  address(): { port: number } | string | null;
  once(event: "error", cb: (err: Error) => void): void;
  close(cb?: (err?: Error) => void): void;
  closeAllConnections?(): void;
}

export function startFakeHelpjuice(opts: StartFakeOptions = {}): Promise<RunningFake> {
  const host = opts.host ?? "127.0.0.1";
  const fake = createFakeHelpjuice({ apiKey: opts.apiKey, rateLimit: opts.rateLimit });
  return new Promise((resolve, reject) => {
    const files = opts.files ?? {};
    const fetch = async (req: Request) => {
      const url = new URL(req.url);
      const file = req.method === "GET" || req.method === "HEAD" ? files[url.pathname] : undefined;
      if (!file) {
        const res = await fake.fetch(req);
        if (!Object.keys(files).length || !res.headers.get("Content-Type")?.includes("json")) return res;
        // The seed's picture paths made absolute URLs on this server, as Helpjuice's uploads are absolute URLs
        // on its own host (the worker would resolve a relative one against the article's, the account's, origin).
        const text = (await res.text()).replace(/src=\\"(\/images\/)/g, `src=\\"${url.origin}$1`);
        const headers = new Headers(res.headers);
        headers.delete("Content-Length");
        return new Response(text, { status: res.status, statusText: res.statusText, headers });
      }
      const headers = { "Content-Type": file.type, "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff" };
      return Promise.resolve(new Response(req.method === "HEAD" ? null : file.body, { headers }));
    };
    const server = serve({ fetch, port: opts.port ?? 8788, hostname: host }, () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : (opts.port ?? 8788);
      let closed: Promise<void> | null = null;
      resolve({
        url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
        port,
        fake,
        close: () =>
          (closed ??= new Promise<void>((done) => {
            fake.reset(); // lets held (timeout/latency) requests go
            server.close(() => done());
            server.closeAllConnections?.();
          })),
      });
    }) as unknown as NodeServer;
    server.once("error", reject);
  });
}

// CLI, when this bundle is the program node runs.
const proc = (globalThis as { process?: { argv: string[]; on(sig: string, cb: () => void): void; exit(code: number): never } }).process;
const entry = proc?.argv[1];
if (proc && entry && decodeURI(import.meta.url).endsWith(entry.replace(/\\/g, "/")) && /fake-helpjuice|server/.test(entry)) {
  const arg = (name: string) => {
    const i = proc.argv.indexOf(`--${name}`);
    return i > 0 ? proc.argv[i + 1] : undefined;
  };
  const running = await startFakeHelpjuice({
    port: Number(arg("port") ?? 8788),
    host: arg("host"),
    apiKey: arg("api-key"),
    rateLimit: arg("rate-limit") ? Number(arg("rate-limit")) : undefined,
  });
  console.log(`fake Helpjuice on ${running.url} (control routes under ${running.url}/__fake/)`);
  for (const sig of ["SIGINT", "SIGTERM"]) proc.on(sig, () => void running.close().then(() => proc.exit(0)));
}
