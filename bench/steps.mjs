// A phase that fails says where: which phase, which step, and what it was waiting for, so a run that ends
// in "Waiting failed: 15000ms exceeded" instead reads "browser phase, step 'open the host page': waiting for
// the search box (15000 ms)".

/** Runs `fn` as step `name` of `phase`; an error from it comes out prefixed with both (once). */
export async function step(phase, name, fn) {
  try {
    return await fn();
  } catch (e) {
    if (e?.located) throw e;
    const err = new Error(`${phase} phase, step '${name}': ${e?.message ?? e}`, { cause: e });
    err.located = true;
    throw err;
  }
}

/** page.waitForFunction whose timeout says what it waited for and how long. */
export async function waitFor(page, what, fn, { timeout = 15_000, arg } = {}) {
  try {
    return await page.waitForFunction(fn, { timeout }, arg);
  } catch (e) {
    if (e?.name === "TimeoutError" || /Waiting failed|exceeded/.test(e?.message ?? "")) throw new Error(`waiting for ${what} (${timeout} ms)`);
    throw e;
  }
}

/** A phase that could not be measured here (its data is missing): shown as "not measured", fatal with BENCH_STRICT=1. */
export const notMeasured = (reason) => ({ notMeasured: reason });
