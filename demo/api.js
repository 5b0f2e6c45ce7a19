// Fills the API page with a curl line and the live answer for each edge route.
const origin = location.origin;
const examples = [
  { title: "Search", method: "GET", path: "/v1/search?q=reset%20password&limit=3" },
  { title: "Search a category, in Spanish", method: "GET", path: "/v1/search?q=invoice&category=3&lang=es_ES&limit=2" },
  { title: "An article", method: "GET", path: "/v1/articles/12" },
  { title: "An article, translated", method: "GET", path: "/v1/articles/12?lang=es_ES" },
  { title: "An internal article, anonymously", method: "GET", path: "/v1/articles/60" },
  { title: "Bad input", method: "GET", path: "/v1/search?q=" },
  {
    title: "Was this helpful?",
    method: "POST",
    path: "/v1/articles/12/vote",
    body: '{"vote":"up"}',
    headers: { "Content-Type": "application/json", "X-HJ-Visitor": "demo-visitor-0001" },
  },
  { title: "Health", method: "GET", path: "/v1/health" },
];

function curl(e) {
  const parts = [`curl -i${e.method === "GET" ? "" : ` -X ${e.method}`} '${origin}${e.path}'`];
  if (e.method !== "GET") parts.push(`-H 'Origin: ${origin}'`);
  for (const [k, v] of Object.entries(e.headers ?? {})) parts.push(`-H '${k}: ${v}'`);
  if (e.body) parts.push(`-d '${e.body}'`);
  return parts.join(" \\\n  ");
}

const root = document.getElementById("examples");
for (const e of examples) {
  const card = document.createElement("section");
  card.className = "card";
  const h = document.createElement("h2");
  h.textContent = e.title;
  // Long lines scroll sideways, so each block is a named, focusable region a keyboard user can scroll.
  // The answers are not live regions: a dozen of them arriving at once would drown a screen reader.
  const block = (label) => {
    const pre = document.createElement("pre");
    pre.tabIndex = 0;
    pre.setAttribute("role", "region");
    pre.setAttribute("aria-label", label);
    return pre;
  };
  const cmd = block(`${e.title}: curl`);
  cmd.textContent = curl(e);
  const out = block(`${e.title}: live answer`);
  out.className = "answer";
  out.textContent = "…";
  card.append(h, cmd, out);
  root.append(card);
  fetch(e.path, { method: e.method, headers: e.headers, body: e.body })
    .then(async (res) => {
      const status = `HTTP ${res.status}${res.headers.get("Cache-Status") ? `  Cache-Status: ${res.headers.get("Cache-Status")}` : ""}`;
      const text = await res.text();
      let pretty = text;
      try {
        pretty = JSON.stringify(JSON.parse(text), null, 2);
      } catch {}
      out.textContent = `${status}\n${pretty.length > 1500 ? `${pretty.slice(0, 1500)}\n…` : pretty}`;
    })
    .catch((err) => {
      out.textContent = `failed: ${err.message}`;
    });
}
