/**
 * Local development only: mints a user token for the in-app demo, so the demo page never holds the secret.
 * In production this would hand anyone a staff identity, so it answers only when DEV_TOKEN_MINTING is
 * "true" (passed by `npm start` with --var, never set in wrangler.toml) AND the request is for localhost.
 */
import { sign } from "hono/jwt";
import type { Hono } from "hono";
import { ApiError } from "../core/errors";
import type { AppEnv } from "../app-env";

/** The demo's signed-in users; anything else is refused even locally. */
export const DEMO_USERS = ["staff@acme.test", "viewer@acme.test", "partner@acme.test"];
const LIFETIME_S = 600;

export function devTokenEnabled(vars: { DEV_TOKEN_MINTING?: string }, url: string): boolean {
  const host = new URL(url).hostname;
  return vars.DEV_TOKEN_MINTING === "true" && (host === "localhost" || host === "127.0.0.1" || host === "[::1]");
}

export function devTokenRoutes(app: Hono<AppEnv>) {
  app.get("/demo/token", async (c) => {
    if (!devTokenEnabled(c.env, c.req.url) || !c.env.USER_TOKEN_SECRET) throw new ApiError("not_found", "No such route");
    const as = c.req.query("as") ?? DEMO_USERS[0];
    if (!DEMO_USERS.includes(as)) throw new ApiError("bad_request", `as must be one of ${DEMO_USERS.join(", ")}`);
    const now = Math.floor(Date.now() / 1000);
    const token = await sign({ sub: as, aud: "hj-search", iat: now, exp: now + LIFETIME_S }, c.env.USER_TOKEN_SECRET, "HS256");
    return c.json({ token, user: as, expires_in: LIFETIME_S }, 200, { "Cache-Control": "no-store" });
  });
}
