// What the figures were measured on: the CPU, cores, memory, Node, wrangler and workerd, and the load when the
// run began (other work on the cores shows up in every figure).
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { ROOT } from "../test/harness/stack.mjs";
import { round } from "./lib.mjs";

export function machine() {
  const cpus = os.cpus();
  let workerd = null;
  let wrangler = null;
  try {
    workerd = JSON.parse(readFileSync(join(ROOT, "node_modules", "workerd", "package.json"), "utf8")).version;
    wrangler = JSON.parse(readFileSync(join(ROOT, "node_modules", "wrangler", "package.json"), "utf8")).version;
  } catch {
    /* reported as null */
  }
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    wrangler,
    workerd,
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}
