/** Ask's settings from the worker's string vars (docs/design.md, "Ask"). Pure. */
import { intVar } from "../int-var";
import { DEFAULT_ASK_MODEL } from "./neurons";

/** Workers AI's free allocation is 10,000 neurons a day; the default leaves a margin for other uses. */
export const DEFAULT_DAILY_NEURONS = 9_000;
export const DEFAULT_ASK_TTL = 3_600;
/** How long Workers AI may take to send its first text before the extractive answerer stands in. */
export const DEFAULT_AI_TIMEOUT_MS = 8_000;

export interface AskVars {
  ASK?: string;
  ASK_MODE?: string;
  ASK_MODEL?: string;
  ASK_TTL?: string;
  ASK_DAILY_NEURONS?: string;
  ASK_AI_TIMEOUT_MS?: string;
}

export interface AskConfig {
  on: boolean;
  /** "auto": Workers AI when bound and within budget, else extractive. */
  mode: "auto" | "extractive";
  model: string;
  ttl: number;
  dailyNeurons: number;
  aiTimeoutMs: number;
}

export function askConfig(vars: AskVars): AskConfig {
  return {
    on: !/^(?:off|false|0|no|disabled)$/i.test(vars.ASK?.trim() ?? ""),
    mode: vars.ASK_MODE?.trim().toLowerCase() === "extractive" ? "extractive" : "auto",
    model: vars.ASK_MODEL?.trim() || DEFAULT_ASK_MODEL,
    ttl: intVar(vars.ASK_TTL, DEFAULT_ASK_TTL, 0, 7 * 86_400),
    dailyNeurons: intVar(vars.ASK_DAILY_NEURONS, DEFAULT_DAILY_NEURONS, 0, 100_000_000),
    aiTimeoutMs: intVar(vars.ASK_AI_TIMEOUT_MS, DEFAULT_AI_TIMEOUT_MS, 500, 60_000),
  };
}
