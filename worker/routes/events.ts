/**
 * POST /v1/events — the widget's beacon (`navigator.sendBeacon`): a result opened (query, position,
 * article), "contact support" followed after a search, a search abandoned with nothing opened.
 *
 * Checked like votes: the Origin first, then the size, then the body (exactly the known kinds and fields),
 * then a per-address rate. Answers 204, never cached, and costs no upstream call: the event goes to the
 * insights queue after the response. sendBeacon sends a string as text/plain (a CORS-safelisted type, so
 * no preflight), and fetch fallbacks send application/json; both are taken, nothing else.
 */
import type { Context, Hono } from "hono";
import { check } from "../middleware/validate";
import { originAllowed } from "../core/config";
import { ApiError } from "../core/errors";
import { eventsRateLimit, insightLang, insightsOn } from "../core/insights/config";
import { beaconEvent, BeaconSchema } from "../core/insights/events";
import { SlidingWindow } from "../core/upstream/sliding-window";
import { addressKey } from "../core/votes/voter";
import { parseJson, readBoundedText } from "../platform/bounded-body";
import { record } from "../platform/insights/queue";
import { MAX_EVENT_BODY } from "../core/body-limits";
import type { AppEnv } from "../app-env";
const WINDOW_MS = 60_000;
/** Addresses tracked per isolate; the oldest is forgotten past this. */
const MAX_CLIENTS = 10_000;

/**
 * Per-address windows, per isolate. Beacons cost no upstream call, so this only keeps one client from
 * flooding the aggregates from one place; a Durable Object round trip per beacon would cost more than
 * what it protects. (Votes, which do reach Helpjuice, are limited globally.)
 */
const windows = new Map<string, SlidingWindow>();

function allow(client: string, limit: number): { ok: true } | { ok: false; retryAfterMs: number } {
  const key = addressKey(client);
  let w = windows.get(key);
  if (!w || w.limit !== limit) {
    if (!w && windows.size >= MAX_CLIENTS) windows.delete(windows.keys().next().value!);
    windows.set(key, (w = new SlidingWindow(limit, WINDOW_MS)));
  }
  const d = w.take(Date.now());
  return d.ok ? { ok: true } : { ok: false, retryAfterMs: d.retryAfterMs };
}

/** For tests: forget every window. */
export function forgetEventWindows(): void {
  windows.clear();
}

const TYPES = /^(?:text\/plain|application\/json)\s*(;|$)/i;

async function take(c: Context<AppEnv>): Promise<Response> {
  const cfg = c.get("cfg");
  if (!originAllowed(cfg, c.req.header("Origin"))) throw new ApiError("forbidden", "Events are accepted only from the sites this worker serves");
  if (!TYPES.test(c.req.header("Content-Type") ?? "")) throw new ApiError("bad_request", "Send the event as text/plain or application/json");
  const b = check(BeaconSchema, parseJson(await readBoundedText(c.req.raw, MAX_EVENT_BODY)), "Unknown event");
  const client = c.get("client");
  if (client) {
    const a = allow(client, eventsRateLimit(c.env));
    if (!a.ok) throw new ApiError("rate_limited", "Too many events; try again shortly", Math.max(1, Math.ceil(a.retryAfterMs / 1000)));
  }
  if (insightsOn(c.env)) {
    record(c, () => beaconEvent(b, insightLang(cfg.languages, b.lang)));
  }
  return c.body(null, 204, { "Cache-Control": "no-store" });
}

export function eventRoutes(app: Hono<AppEnv>) {
  // Validated by hand (as votes are), so the body is never read unbounded and the order leaks least.
  app.post("/v1/events", take);
}
