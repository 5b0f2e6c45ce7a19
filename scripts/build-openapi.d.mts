/** Types for vitest.config.ts, which builds the description before the worker tests. */
export function openApiDocument(): Promise<Record<string, unknown>>;
export function buildOpenApi(outfile?: string): Promise<string>;
