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
    const server = serve({ fetch: fake.fetch, port: opts.port ?? 8788, hostname: host }, () => {
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
