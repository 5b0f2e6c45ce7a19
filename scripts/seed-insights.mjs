// Some visitor traffic for the insights dashboard (/insights), so it is not empty under `npm start` and the
// e2e test has something to render: searches (one with no results, one with an e-mail address in it, one
// seen only once), an opened result, a contact, an abandon, reads, votes and a "what was missing" comment
// (with an e-mail address, which the worker removes). Every query is sent twice
// except one, so the k≥2 rule shows them and hides that one. Events reach D1 through the local queue
// within a few seconds (wrangler.toml: max_batch_timeout).
//
//   import { seedInsights } from "./seed-insights.mjs";  await seedInsights("http://127.0.0.1:8787");

const TWICE = ["password", "reset password", "invoice", "zzxqv frobnicate", "contact jane.doe@example.com", "refund order 12345678"];
const ONCE = ["seen only once"];

/** @param {string} workerUrl @returns {Promise<{searches: number, opened: number | null}>} */
export async function seedInsights(workerUrl) {
  const origin = new URL(workerUrl).origin;
  const get = (path) => fetch(`${workerUrl}${path}`, { headers: { "Cache-Control": "no-cache" } });
  const post = (path, body, headers = {}) =>
    fetch(`${workerUrl}${path}`, { method: "POST", headers: { Origin: origin, ...headers }, body: JSON.stringify(body) });
  let searches = 0;
  let first = null;
  for (const q of [...TWICE, ...TWICE, ...ONCE]) {
    const res = await get(`/v1/search?q=${encodeURIComponent(q)}`);
    searches++;
    const body = await res.json().catch(() => null);
    if (q === "password" && body?.results?.[0]) first ??= body.results[0];
  }
  const beacon = (e) => post("/v1/events", e, { "Content-Type": "text/plain;charset=UTF-8" });
  if (first) {
    await beacon({ kind: "open", q: "password", position: 1, id: first.id });
    await beacon({ kind: "open", q: "reset password", position: 2, id: first.id });
    await get(`/v1/articles/${first.id}`);
    await get(`/v1/articles/${first.id}`);
    await post(`/v1/articles/${first.id}/vote`, { vote: "down" }, { "Content-Type": "application/json", "X-HJ-Visitor": "seed-visitor-1" });
    await post(`/v1/articles/${first.id}/vote`, { vote: "up" }, { "Content-Type": "application/json", "X-HJ-Visitor": "seed-visitor-2" });
    await beacon({ kind: "missing", id: first.id, text: "Nothing on resetting it from the mobile app. Write to jane.doe@example.com" });
  }
  await beacon({ kind: "contact", q: "zzxqv frobnicate" });
  await beacon({ kind: "abandon", q: "invoice" });
  return { searches, opened: first?.id ?? null };
}
