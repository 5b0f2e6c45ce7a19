/** Types for vitest.config.ts, which runs the worker tests from the same config as `wrangler dev`. */
export const DEV_CONFIG: string;
export function devToml(toml: string): string;
export function withClientLimit(toml: string, limit: number): string;
export function devConfig(o?: { clientLimit?: number }): string;
