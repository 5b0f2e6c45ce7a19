// Waiting for a `wrangler dev` to answer, one way for every starter (stack.mjs, wrangler.mjs) and for anyone
// who needs the worker again later: wrangler may rebuild and restart workerd while it runs (a config or asset
// change), and for that moment its port refuses connections. A refused connection is a reason to wait, not a
// verdict; only wrangler's exit or the deadline is. Plain ESM for Node 20.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls GET `url` every `pollMs` until it answers (200 unless `anyStatus`), wrangler exits, or `timeoutMs` passes.
 * @param {{url: string, timeoutMs?: number, pollMs?: number, anyStatus?: boolean, hasExited?: () => boolean}} o
 * @returns {Promise<{ok: boolean, exited: boolean, last: string, ms: number}>} `last`: the last answer or error seen
 */
export async function untilAnswers({ url, timeoutMs = 60_000, pollMs = 250, anyStatus = false, hasExited = () => false }) {
  const t0 = performance.now();
  let last = "no answer yet";
  for (;;) {
    if (hasExited()) return { ok: false, exited: true, last, ms: performance.now() - t0 };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const text = await res.text();
      if (res.ok || anyStatus) return { ok: true, exited: false, last: `HTTP ${res.status}`, ms: performance.now() - t0 };
      last = `HTTP ${res.status}${problemsOf(text)}`;
    } catch (e) {
      last = e.cause?.code ?? e.name ?? String(e);
    }
    if (performance.now() - t0 > timeoutMs) return { ok: false, exited: false, last, ms: performance.now() - t0 };
    await sleep(pollMs);
  }
}

/** What /v1/health's 503 says is misconfigured, as ": a; b" (empty for any other body). */
function problemsOf(text) {
  try {
    const problems = JSON.parse(text).problems;
    return Array.isArray(problems) && problems.length ? `: ${problems.join("; ")}` : "";
  } catch {
    return "";
  }
}
