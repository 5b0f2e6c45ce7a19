// The baseline for the bench's latency figure: a Worker that does nothing but answer a constant JSON,
// about the size of a small search answer, run by the same `wrangler dev` (so the same workerd) as hj-search.
const BODY = JSON.stringify({
  query: "password",
  results: [{ id: 12, title: "Reset your password", snippet: "If you have forgotten your password, you can reset it yourself in a minute.", url: "https://acme.helpjuice.com/en_US/12-reset-your-password", category: { id: 3, name: "Account & billing" } }],
});

export default {
  fetch() {
    return new Response(BODY, { headers: { "Content-Type": "application/json; charset=utf-8" } });
  },
};
