/**
 * POST /v1/events — the widget's beacon (`navigator.sendBeacon`): a result opened (query, position,
 * article), "contact support" followed after a search, a search abandoned with nothing opened.
 *
 * Checked like votes: the Origin first, then the size, then the body (exactly the known kinds and fields),
 * then a per-address rate (EVENTS_LIMITER, the Rate Limiting binding: beacons cost no upstream call, so it only
 * keeps one client from flooding the aggregates). Answers 204, never cached, and costs no upstream call: the event goes to the
 * insights queue after the response. sendBeacon sends a string as text/plain (a CORS-safelisted type, so
 * no preflight), and fetch fallbacks send application/json; both are taken, nothing else.
 */
import type { Context, Hono } from "hono";
import { check } from "../middleware/validate";
import { originAllowed } from "../core/config";
import { ApiError } from "../core/errors";
import { insightLang, insightsOn } from "../core/insights/config";
import { beaconEvent, BeaconSchema } from "../core/insights/events";
import { parseJson, readBoundedText } from "../platform/bounded-body";
import { CLIENT_LIMIT_PERIOD_S, withinClientLimit } from "../platform/client-limit";
import { record } from "../platform/insights/queue";
import { MAX_EVENT_BODY } from "../core/body-limits";
import type { AppEnv } from "../app-env";
const TYPES = /^(?:text\/plain|application\/json)\s*(;|$)/i;

async function take(c: Context<AppEnv>): Promise<Response> {
  const cfg = c.get("cfg");
  if (!originAllowed(cfg, c.req.header("Origin"))) throw new ApiError("forbidden", "Events are accepted only from the sites this worker serves");
  if (!TYPES.test(c.req.header("Content-Type") ?? "")) throw new ApiError("bad_request", "Send the event as text/plain or application/json");
  const b = check(BeaconSchema, parseJson(await readBoundedText(c.req.raw, MAX_EVENT_BODY)), "Unknown event");
  if (!(await withinClientLimit(c.env.EVENTS_LIMITER, c.get("client"))))
    throw new ApiError("rate_limited", "Too many events; try again shortly", CLIENT_LIMIT_PERIOD_S);
  if (insightsOn(c.env)) {
    record(c, () => beaconEvent(b, insightLang(cfg.languages, b.lang)));
  }
  return c.body(null, 204, { "Cache-Control": "no-store" });
}

export function eventRoutes(app: Hono<AppEnv>) {
  // Validated by hand (as votes are), so the body is never read unbounded and the order leaks least.
  app.post("/v1/events", take);
}
