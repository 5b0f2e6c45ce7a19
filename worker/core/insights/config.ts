/** Insights settings from the worker's string vars (docs/design.md, "Config"). Pure. */
import { intVar } from "../int-var";

export const DEFAULT_RETENTION_DAYS = 90;

/**
 * How long an isolate gathers events before it sends them (INSIGHTS_FLUSH_MS). A busy isolate then sends
 * about one queue message a second, not one per request: each message is a queue write, then a consumer
 * batch of D1 upserts, which at a few hundred searches a second cost more CPU than answering them from
 * memory. An isolate evicted inside the window loses that second's events: acceptable for daily totals.
 */
export const DEFAULT_FLUSH_MS = 1_000;

export interface InsightsVars {
  INSIGHTS?: string;
  INSIGHTS_RETENTION_DAYS?: string;
  INSIGHTS_FLUSH_MS?: string;
}

/** On unless INSIGHTS says off (also "false", "0", "no", "disabled"). */
export function insightsOn(vars: InsightsVars): boolean {
  return !/^(?:off|false|0|no|disabled)$/i.test(vars.INSIGHTS?.trim() ?? "");
}

/** INSIGHTS_RETENTION_DAYS: 1–3650, default 90. */
export function retentionDays(vars: InsightsVars): number {
  return intVar(vars.INSIGHTS_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, 1, 3650);
}

/** INSIGHTS_FLUSH_MS: 0 (send after each response, as the tests do) to 10,000; default 1,000. */
export function flushMs(vars: InsightsVars): number {
  return intVar(vars.INSIGHTS_FLUSH_MS, DEFAULT_FLUSH_MS, 0, 10_000);
}


const LANG = /^[a-z]{2}_[A-Z]{2}$/;

/** The language an event counts under: the one asked for when the index mirrors it, else the default. */
export function insightLang(languages: readonly string[], asked: string | null | undefined): string {
  return asked && LANG.test(asked) && languages.includes(asked) ? asked : (languages[0] ?? "en_US");
}
