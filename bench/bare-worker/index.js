// The baseline for the bench's latency figure: a Worker that does nothing but answer a constant JSON,
// about the size of a small search answer, run by the same `wrangler dev` (so the same workerd) as hj-search.
const BODY = JSON.stringify({
  query: "password",
  results: [{ id: 12, title: "Reset your password", snippet: "If you have forgotten your password, you can reset it yourself in a minute.", url: "https://acme.helpjuice.com/en_US/12-reset-your-password", category: { id: 3, name: "Account & billing" } }],
});

/**
 * `?bytes=N`: the same answer padded to N bytes, so a replay can compare hj-search with a worker that answers
 * as many bytes as it did (what the proxy in front of both and the load client pay per byte is then the same
 * on both sides); without it, the constant body.
 */
function padded(n) {
  const pad = n - BODY.length - ',"pad":""'.length;
  // Smaller than the constant answer (an empty result list): a JSON string of exactly n bytes.
  return pad > 0 ? `${BODY.slice(0, -1)},"pad":"${"x".repeat(pad)}"}` : `"${"x".repeat(Math.max(0, n - 2))}"`;
}

export default {
  fetch(req) {
    const bytes = Number(new URL(req.url).searchParams.get("bytes"));
    return new Response(bytes > 0 ? padded(bytes) : BODY, { headers: { "Content-Type": "application/json; charset=utf-8" } });
  },
};
