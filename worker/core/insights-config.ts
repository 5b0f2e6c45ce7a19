/** Insights settings from the worker's string vars (DESIGN.md, "Config"). Pure. */

export const DEFAULT_RETENTION_DAYS = 90;
/** Beacons a minute one client address may send (EVENTS_RATE_LIMIT). */
export const DEFAULT_EVENTS_RATE_LIMIT = 60;

export interface InsightsVars {
  INSIGHTS?: string;
  INSIGHTS_RETENTION_DAYS?: string;
  EVENTS_RATE_LIMIT?: string;
}

/** On unless INSIGHTS says off (also "false", "0", "no", "disabled"). */
export function insightsOn(vars: InsightsVars): boolean {
  return !/^(?:off|false|0|no|disabled)$/i.test(vars.INSIGHTS?.trim() ?? "");
}

function int(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number.parseInt(raw ?? "", 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** INSIGHTS_RETENTION_DAYS: 1–3650, default 90. */
export function retentionDays(vars: InsightsVars): number {
  return int(vars.INSIGHTS_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, 1, 3650);
}

export function eventsRateLimit(vars: InsightsVars): number {
  return int(vars.EVENTS_RATE_LIMIT, DEFAULT_EVENTS_RATE_LIMIT, 1, 10_000);
}

const LANG = /^[a-z]{2}_[A-Z]{2}$/;

/** The language an event counts under: the one asked for when the index mirrors it, else the default. */
export function insightLang(languages: readonly string[], asked: string | null | undefined): string {
  return asked && LANG.test(asked) && languages.includes(asked) ? asked : (languages[0] ?? "en_US");
}
