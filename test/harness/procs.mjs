// Process groups and shutdown for the scripts that start `wrangler dev` (and so workerd): the harness
// (test/harness/stack.mjs), `npm start`, `npm test`, `npm run bench`. wrangler runs in a process group of its
// own, so Ctrl-C at a terminal never reaches it and it outlives its parent; it has to be ended as a group,
// SIGTERM first and SIGKILL after a grace period (workerd may outlive wrangler). Plain ESM for Node 20.
import { execFileSync } from "node:child_process";
import { constants } from "node:os";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Every process on the machine as {pid, ppid, pgid, stat, args}, from `ps`; [] where ps is missing.
 * Zombies (stat Z) are listed: `alive()` below leaves them out.
 */
export function processTable() {
  let out;
  try {
    out = execFileSync("ps", ["-A", "-o", "pid=,ppid=,pgid=,stat=,args="], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return [];
  }
  const rows = [];
  for (const line of out.split("\n")) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s?(.*)$/.exec(line);
    if (m) rows.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), stat: m[4], args: m[5] });
  }
  return rows;
}

const alive = (p) => !p.stat.startsWith("Z");

/** The live processes in process group `pgid` (zombies, which hold nothing, left out). */
export function groupMembers(pgid, table = processTable()) {
  return table.filter((p) => p.pgid === pgid && alive(p));
}

/** Whether process group `pgid` still has a live member. */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch (e) {
    if (e.code === "ESRCH") return false;
  }
  // kill(…, 0) also succeeds for zombies, which a container without an init may never reap: ask ps.
  const table = processTable();
  return table.length === 0 ? true : groupMembers(pgid, table).length > 0;
}

/** Sends `signal` to every process of group `pgid`; false when there is none left. */
export function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends process group `pgid`: `signal` (SIGTERM), up to `graceMs` for it to go, then SIGKILL to whatever is
 * left, and up to 2 s more for that.
 */
export async function stopGroup(pgid, { signal = "SIGTERM", graceMs = 5_000 } = {}) {
  if (!pgid || !signalGroup(pgid, signal)) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pgid)) await sleep(100);
  signalGroup(pgid, "SIGKILL");
  for (let i = 0; i < 20 && groupAlive(pgid); i++) await sleep(100);
}

/**
 * The processes below `rootPid` (children, their children, …) with the process groups they are in, and the
 * other members of those groups: what has to go when `rootPid`'s run is stopped. Taken before stopping
 * anything, since a process whose parent has died is re-parented and no longer looks like a descendant.
 */
export function descendants(rootPid, table = processTable()) {
  const kids = new Map();
  for (const p of table) {
    if (!kids.has(p.ppid)) kids.set(p.ppid, []);
    kids.get(p.ppid).push(p);
  }
  const found = [];
  const queue = [rootPid];
  const seen = new Set(queue);
  while (queue.length) {
    for (const p of kids.get(queue.shift()) ?? []) {
      if (seen.has(p.pid)) continue;
      seen.add(p.pid);
      found.push(p);
      queue.push(p.pid);
    }
  }
  const own = table.find((p) => p.pid === process.pid)?.pgid ?? 0; // never this process's own group
  const pgids = new Set(found.map((p) => p.pgid).filter((g) => g !== own && g > 1));
  const pids = new Set(found.map((p) => p.pid));
  for (const p of table) if (pgids.has(p.pgid)) pids.add(p.pid);
  return { pids, pgids };
}

/**
 * SIGKILL to what is left of a `descendants()` snapshot: a live process whose pid and process group are both
 * the snapshot's (so a pid reused since by someone else's process is left alone), and its group.
 */
export function killSnapshot({ pids, pgids }) {
  for (const p of processTable()) {
    if (p.stat.startsWith("Z") || !pids.has(p.pid) || !pgids.has(p.pgid)) continue;
    signalGroup(p.pgid, "SIGKILL");
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}

// ── shutdown on a signal ─────────────────────────────────────────────────────────────────────────────────

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
const cleanups = new Set();
let installed = false;
let running = null;

/**
 * Runs `fn` (async; stops what this process started) when this process gets SIGINT, SIGTERM or SIGHUP.
 * Where nothing else in the process listens for that signal, the process then ends as the signal would have
 * ended it; where something does (e.g. `npm start`'s own handler, web-test-runner's), that is left to it,
 * with a 5 s backstop. Returns a function that unregisters `fn`.
 */
export function onShutdown(fn) {
  cleanups.add(fn);
  if (!installed) {
    installed = true;
    for (const sig of SIGNALS) process.on(sig, handle);
    endWithParent();
  }
  return () => cleanups.delete(fn);
}

let watching = false;

/**
 * SIGTERM to this process once its parent is gone. `npm run` does not pass SIGTERM on to the script: npm
 * hands it to the `sh -c` it started, which dies without passing it on either, so a script under npm learns
 * of it only as its parent going away (it is re-parented). Checked twice a second; never keeps it alive.
 */
export function endWithParent() {
  if (watching) return;
  watching = true;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM");
  }, 500);
  timer.unref();
}

function handle(sig) {
  running ??= Promise.allSettled([...cleanups].map((f) => f()));
  running.then(() => {
    if (process.listenerCount(sig) <= 1) {
      for (const s of SIGNALS) process.off(s, handle);
      process.kill(process.pid, sig); // the default action, now that nothing is left behind
      return;
    }
    setTimeout(() => process.exit(128 + (constants.signals[sig] ?? 1)), 5_000).unref();
  });
}
