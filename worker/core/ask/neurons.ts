/**
 * What one Workers AI answer costs in neurons, from the published per-model rates (Workers AI pricing,
 * neurons per million tokens). An estimate: the rates are Cloudflare's, the token counts the model's own
 * when the stream reports them, else about four characters a token.
 */
const RATES: Record<string, { input: number; output: number }> = {
  "@cf/meta/llama-3.3-70b-instruct-fp8-fast": { input: 26_668, output: 204_805 },
  "@cf/meta/llama-3.1-8b-instruct-fp8-fast": { input: 4_119, output: 34_868 },
  "@cf/meta/llama-3.1-70b-instruct-fp8-fast": { input: 26_668, output: 204_805 },
};
/** For a model not listed: the dearest listed rate, so the daily budget is never overrun by a guess. */
const UNKNOWN = { input: 26_668, output: 204_805 };

export const DEFAULT_ASK_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

export const approxTokens = (text: string) => Math.ceil(text.length / 4);

export function neurons(model: string, inputTokens: number, outputTokens: number): number {
  const r = RATES[model] ?? UNKNOWN;
  return Math.ceil((inputTokens * r.input + outputTokens * r.output) / 1_000_000);
}
