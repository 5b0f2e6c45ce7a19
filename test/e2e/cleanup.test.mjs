// Ctrl-C or SIGTERM leaves no wrangler or workerd behind (issue #11, part 4): a child that starts the stack
// (test/harness/stack-child.mjs, the harness `npm start`, `npm test`'s suites and the bench use) and
// `npm start` itself are signalled, and no process of their run may be left: none of the processes
// below the child, nor any member of the process groups they were in (wrangler and workerd run in a group of
// their own). Other runs on the machine are not looked at.   node --test test/e2e/cleanup.test.mjs
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { descendants, killSnapshot, processTable } from "../harness/procs.mjs";
import { ROOT } from "../harness/stack.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isRuntime = (p) => /wrangler|workerd/.test(p.args);

/**
 * Starts `args` under node in a process group of its own (so the test can clean up after a failure), and keeps
 * a running record of every process below it and of their process groups.
 */
function launch(args, cmd = process.execPath) {
  const child = spawn(cmd, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const seen = { pids: new Set([child.pid]), pgids: new Set([child.pid]), runtime: new Set(), phases: new Set() };
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  const look = () => {
    const table = processTable();
    const d = descendants(child.pid, table);
    for (const p of d.pids) seen.pids.add(p);
    for (const g of d.pgids) seen.pgids.add(g);
    for (const p of table) if (d.pids.has(p.pid) && isRuntime(p)) {
      seen.runtime.add(p.pid);
      seen.phases.add(p.args);
    }
  };
  const watch = setInterval(look, 200);
  exited.then(() => clearInterval(watch));
  return {
    child,
    exited,
    seen,
    look,
    output: () => output,
    /** Resolves once `test(output, runtimeCount)` holds; fails after `ms`. */
    async until(test, ms, what) {
      const deadline = Date.now() + ms;
      while (!test(output, seen.runtime.size)) {
        assert.ok(Date.now() < deadline, `${what} did not happen within ${ms / 1000} s.\n--- output ---\n${output}`);
        assert.equal(child.exitCode, null, `the child exited early.\n--- output ---\n${output}`);
        await sleep(100);
      }
    },
    /** Whatever is left of the run, after it has been given `ms` to go. */
    async leftovers(ms) {
      const deadline = Date.now() + ms;
      for (;;) {
        const left = processTable().filter(
          (p) => !p.stat.startsWith("Z") && p.pid !== process.pid && (seen.pids.has(p.pid) || seen.pgids.has(p.pgid)),
        );
        if (!left.length || Date.now() > deadline) return left;
        await sleep(200);
      }
    },
    /** After the assertions: whatever a failing run left is not left for the next test. */
    reap() {
      killSnapshot(seen);
    },
  };
}

async function signalAndCheck(run, signal) {
  run.look();
  assert.ok(run.seen.runtime.size > 0, `no wrangler/workerd process was found below the child:\n${run.output()}`);
  assert.ok(run.seen.pgids.size > 1, "wrangler runs in a process group of its own");
  run.child.kill(signal); // the child only, as `kill <pid>` would: wrangler's own group never sees it
  const how = await Promise.race([run.exited, sleep(20_000).then(() => "still running")]);
  assert.notEqual(how, "still running", `the child did not exit within 20 s of ${signal}.\n--- output ---\n${run.output()}`);
  const left = await run.leftovers(3_000);
  assert.deepEqual(
    left.map((p) => `${p.pid} (group ${p.pgid}) ${p.args.slice(0, 120)}`),
    [],
    `processes of the run were left after ${signal}`,
  );
}

const portFree = (port) =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });

describe("process cleanup", { concurrency: false, timeout: 240_000 }, () => {
  for (const signal of ["SIGTERM", "SIGINT"]) {
    it(`${signal} to a process running the stack leaves no wrangler or workerd`, async () => {
      const run = launch([join("test", "harness", "stack-child.mjs")]);
      try {
        await run.until((out) => out.includes("ready "), 90_000, "the stack becoming ready");
        await signalAndCheck(run, signal);
      } finally {
        run.reap();
      }
    });
  }

  for (const [phase, running] of [
    ["applying the D1 migrations", /\bd1 migrations apply\b/],
    ["waiting for `wrangler dev` to answer", /\bwrangler\S* dev\b/],
  ]) {
    it(`SIGTERM while the stack is starting (${phase}) leaves no wrangler or workerd`, async () => {
      const run = launch([join("test", "harness", "stack-child.mjs")]);
      try {
        await run.until(() => [...run.seen.phases].some((args) => running.test(args)), 90_000, phase);
        if (run.output().includes("ready ")) return; // too late to catch that phase on this machine: nothing to test
        await signalAndCheck(run, "SIGTERM");
      } finally {
        run.reap();
      }
    });
  }

  it("SIGTERM to `npm start` leaves no wrangler or workerd", async (t) => {
    // `npm start` listens on the fixed ports 8787 and 8788; someone else's `npm start` may hold them.
    if (!(await portFree(8787)) || !(await portFree(8788))) return t.skip("ports 8787/8788 are in use on this machine");
    // npm itself, as someone would stop it: npm passes SIGTERM to its `sh -c` only, which does not pass it on,
    // so scripts/start.mjs has to notice its parent going.
    const run = launch(["start"], process.platform === "win32" ? "npm.cmd" : "npm");
    try {
      await run.until((out) => out.includes("✔ ready"), 150_000, "npm start becoming ready");
      await signalAndCheck(run, "SIGTERM");
    } finally {
      run.reap();
    }
  });
});
