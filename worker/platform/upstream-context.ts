import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { gateStub, type Upstream } from "./helpjuice";

/** What `client` holds when the request carries no CF-Connecting-IP. */
export const UNKNOWN_CLIENT = "unknown";

/**
 * The Helpjuice client's dependencies for one request. `background` refreshes bill no visitor; neither
 * does a request with no address. Cloudflare's edge always sets CF-Connecting-IP, so only local runs lack
 * it, and there a shared "unknown" window would throttle every caller together as if they were one
 * visitor, long before the global gate (which still applies) would.
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
