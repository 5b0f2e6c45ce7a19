// Issue #11's "0 answers of 500" across every load run of the run (the replay, the Zipf searches, the warm
// search and article): not a phase of its own, a figure over the others' results, with its row and budget.
import { check, n } from "./format.mjs";

const BUDGETS = { loadRuns500: 0 };

/** 500s in every load run of this run: {total, parts: [[run, 500s, answers]]}, null when none ran. */
function loadRun500s(r) {
  const parts = [];
  const add = (name, st) => st && parts.push([name, st[500] ?? 0, Object.values(st).reduce((a, b) => a + b, 0)]);
  add("replay", r.typing?.hj?.status);
  add("Zipf", r.amplification?.status);
  add("warm search", r.latency?.hj?.status);
  add("warm article", r.latency?.article?.status);
  return parts.length ? { total: parts.reduce((a, p) => a + p[1], 0), parts } : null;
}

export const runs500 = {
  name: "500s",
  budgets: BUDGETS,
  rows(r) {
    const l = loadRun500s(r);
    if (!l) return [];
    return [["Answers of 500 in the load runs", `${l.total} (${l.parts.map(([k, v, of]) => `${k} ${v} of ${n(of)}`).join(", ")})`, `budget ${BUDGETS.loadRuns500}`]];
  },
  checks: (r) => [check(`#11: ${BUDGETS.loadRuns500} answers of 500 in the load runs`, loadRun500s(r)?.total ?? null, loadRun500s(r)?.total === BUDGETS.loadRuns500)],
};
