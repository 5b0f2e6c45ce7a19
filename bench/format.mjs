// How the table writes numbers and tallies: one way for every phase's rows.

export const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
export const n = (x) => x.toLocaleString("en-US");

/** {"200": 5, "503": 1} as "5 × 200, 1 × 503" ("none" when empty). */
export const statusText = (st) =>
  Object.entries(st ?? {})
    .map(([k, v]) => `${n(v)} × ${k}`)
    .join(", ") || "none";

/** One budget's line in latest.json: held is null when the figure was not measured. */
export const check = (budget, measured, held) => ({ budget, measured, held: measured === null || measured === undefined ? null : held });

/** The rows as a Markdown table. */
export function table(rows) {
  const head = ["figure", "measured", "baseline"];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((x) => x[i].length), head[i].length));
  const line = (x) => `| ${x.map((c, i) => c.padEnd(w[i])).join(" | ")} |`;
  return [line(head), `| ${w.map((k) => "-".repeat(k)).join(" | ")} |`, ...rows.map(line)].join("\n");
}
