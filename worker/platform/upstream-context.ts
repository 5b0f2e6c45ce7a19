import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { gateStub, type Upstream } from "./helpjuice";

/** What `client` holds when the request carries no usable CF-Connecting-IP. */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The client's address, or UNKNOWN_CLIENT when there is none to tell callers apart by: no header (the
 * Workers test runtime), or a loopback address (`wrangler dev` fills the header in with the local
 * socket's). Cloudflare's edge always sends a real one.
 */
export function clientAddress(header: string | undefined): string {
  const a = header?.trim().toLowerCase();
  if (!a || /^127\./.test(a) || a === "::1" || a.startsWith("::ffff:127.")) return UNKNOWN_CLIENT;
  return a;
}

/**
 * The Helpjuice client's dependencies for one request. `background` refreshes bill no visitor; neither
 * does a request with no address (only local runs have none), for a shared "unknown" window would
 * throttle every caller together as if they were one visitor, long before the global gate (which still
 * applies) would.
 */
export function upstreamFor(c: Context<AppEnv>, background: boolean): Upstream {
  const client = c.get("client");
  return {
    cfg: c.get("cfg"),
    apiKey: c.env.HELPJUICE_API_KEY ?? "",
    gate: gateStub(c.env.UPSTREAM_GATE),
    client: background || client === UNKNOWN_CLIENT ? null : client,
  };
}
