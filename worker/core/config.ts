import { intVar } from "./int-var";
import type { Env } from "../env";

/**
 * The worker's settings, parsed from string vars with the defaults docs/design.md gives: once per isolate and
 * environment (configOf), not per request.
 */
export interface Config {
  baseUrl: string | null;
  allowedOrigins: string[];
  anyOrigin: boolean;
  searchTtl: number;
  articleTtl: number;
  notFoundTtl: number;
  timeoutMs: number;
  rateLimit: number;
  /** Who answers anonymous searches: the edge index (default) or Helpjuice. */
  searchSource: "index" | "helpjuice";
  /** Languages the index mirrors, Helpjuice codes; the first is the default. */
  languages: string[];
  /** Slots of each minute kept for the index sync (0 when there is no index to sync). */
  syncReserved: number;
}

const LANGUAGE = /^[a-z]{2}_[A-Z]{2}$/;

/** KB_LANGUAGES: "en_US, es_ES" → ["en_US", "es_ES"]; anything unreadable is dropped, and none means en_US. */
export function parseLanguages(raw: string | undefined): string[] {
  const langs = [...new Set((raw ?? "").split(",").map((l) => l.trim()).filter((l) => LANGUAGE.test(l)))];
  return langs.length ? langs.slice(0, 20) : ["en_US"];
}

/**
 * The sync's share of the minute: a tenth, at least one slot. A full build of 5,000 articles in one language
 * is six calls, so at 100 a minute it finishes within the minute while visitors keep 90.
 */
export function syncShare(rateLimit: number): number {
  return rateLimit >= 3 ? Math.max(1, Math.round(rateLimit / 10)) : 0;
}

export function baseUrlOf(env: Pick<Env, "HELPJUICE_BASE_URL" | "HELPJUICE_ACCOUNT">): string | null {
  const explicit = env.HELPJUICE_BASE_URL?.trim();
  if (explicit) return cleanBaseUrl(explicit);
  const account = env.HELPJUICE_ACCOUNT?.trim();
  // An account name is a subdomain label; anything else would let config point the key at another host.
  if (account && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(account)) return `https://${account}.helpjuice.com`;
  return null;
}

/**
 * An explicit base URL, as origin plus path without a trailing slash; null unless it is http(s) with no
 * user info, query or fragment (each would garble the paths appended to it, or put secrets in the URL).
 */
function cleanBaseUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if ((u.protocol !== "https:" && u.protocol !== "http:") || u.username || u.password || u.search || u.hash) return null;
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

export function parseConfig(env: Env): Config {
  const searchSource = env.SEARCH_SOURCE?.trim().toLowerCase() === "helpjuice" ? "helpjuice" : "index";
  const rateLimit = intVar(env.UPSTREAM_RATE_LIMIT, 100, 1, 10_000);
  const indexOn = Boolean(env.HJ_INDEX && env.INDEX_SYNC);
  const origins = (env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  return {
    baseUrl: baseUrlOf(env),
    allowedOrigins: origins.filter((o) => o !== "*"),
    anyOrigin: origins.includes("*"),
    searchTtl: intVar(env.SEARCH_TTL, 300, 1, 86_400),
    articleTtl: intVar(env.ARTICLE_TTL, 3_600, 1, 7 * 86_400),
    notFoundTtl: 60,
    timeoutMs: intVar(env.UPSTREAM_TIMEOUT_MS, 5_000, 100, 60_000),
    rateLimit,
    searchSource,
    languages: parseLanguages(env.KB_LANGUAGES),
    // Reserved whenever there is an index to keep, even with SEARCH_SOURCE=helpjuice (the index still
    // answers when Helpjuice cannot).
    syncReserved: indexOn ? syncShare(rateLimit) : 0,
  };
}

/** Configs by environment object: workerd hands every request of an isolate the same `env`. */
const byEnv = new WeakMap<object, Config>();
/** …and by what the config is made of, for callers that build a fresh env object per call (tests, --var). */
const byVars = new Map<string, Config>();
const MAX_VAR_SETS = 32;

/** What parseConfig reads: every string var, and whether the index's bindings are there. */
function varsKey(env: Env): string {
  const vars: string[] = [];
  for (const [k, v] of Object.entries(env)) if (typeof v === "string") vars.push(`${k}=${v}`);
  vars.sort();
  return `${Boolean(env.HJ_INDEX && env.INDEX_SYNC)}\n${vars.join("\n")}`;
}

/**
 * parseConfig, once per isolate and environment: remembered by the env object, and by its vars for an env
 * object not seen before. The Config is shared, so it is frozen.
 */
export function configOf(env: Env): Config {
  const known = byEnv.get(env);
  if (known) return known;
  const key = varsKey(env);
  let cfg = byVars.get(key);
  if (!cfg) {
    cfg = Object.freeze(parseConfig(env));
    if (byVars.size >= MAX_VAR_SETS) byVars.clear();
    byVars.set(key, cfg);
  }
  byEnv.set(env, cfg);
  return cfg;
}

export function originAllowed(cfg: Config, origin: string | undefined | null): boolean {
  if (!origin) return false;
  return cfg.anyOrigin || cfg.allowedOrigins.includes(origin);
}
