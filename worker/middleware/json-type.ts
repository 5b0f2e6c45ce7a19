import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";

/**
 * docs/design.md's media type for every JSON body, whichever part of the app made it: Hono's c.json says
 * "application/json" with no charset, so it is completed here once rather than at each c.json.
 */
export const jsonType: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.res.headers.get("Content-Type") === "application/json") c.res.headers.set("Content-Type", "application/json; charset=utf-8");
};
