import type { Context } from "hono";
import type { AppEnv } from "../../app-env";
import { gateStub, type Upstream } from "./helpjuice";

/** The Helpjuice client's dependencies for one request; `background` refreshes bill no visitor. */
export function upstreamFor(c: Context<AppEnv>, background: boolean): Upstream {
  return {
    cfg: c.get("cfg"),
    apiKey: c.env.HELPJUICE_API_KEY ?? "",
    gate: gateStub(c.env.UPSTREAM_GATE),
    client: background ? null : c.get("client"),
    limiter: c.env.CLIENT_LIMITER,
  };
}
