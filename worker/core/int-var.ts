/** A numeric var (every var is a string): its integer, held to [min, max], or `fallback` when unreadable. */
export function intVar(raw: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number.parseInt(raw ?? "", 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
