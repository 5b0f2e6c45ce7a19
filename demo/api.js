// Fills the API page with a curl line and the live answer for each edge route.
const origin = location.origin;
const hook = { event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: 12 } };

// The in-app example needs a user token: the worker's development-only /demo/token signs one, as your
// app's server would. It lives 10 minutes, so the curl line shown works if copied straight away.
async function userToken() {
  const res = await fetch("/demo/token?as=staff@acme.test");
  if (!res.ok) throw new Error("token minting is off (it only runs under npm start)");
  return (await res.json()).token;
}

const examples = [
  { title: "Search", method: "GET", path: "/v1/search?q=reset%20password&limit=3" },
  { title: "Search a category, in Spanish", method: "GET", path: "/v1/search?q=invoice&category=3&lang=es_ES&limit=2" },
  { title: "An article", method: "GET", path: "/v1/articles/12" },
  { title: "An article, translated", method: "GET", path: "/v1/articles/12?lang=es_ES" },
  { title: "An internal article, anonymously", method: "GET", path: "/v1/articles/60" },
  {
    title: "The same internal article, as a signed-in user",
    note: "In-app help: your server signs a short-lived HS256 token for the user and the widget sends it. Answers for a user are never stored at the edge (Cache-Status: fwd=bypass).",
    method: "GET",
    path: "/v1/articles/60",
    headers: async () => ({ Authorization: `Bearer ${await userToken()}` }),
  },
  { title: "Bad input", method: "GET", path: "/v1/search?q=" },
  {
    title: "Was this helpful?",
    method: "POST",
    path: "/v1/articles/12/vote",
    body: '{"vote":"up"}',
    headers: { "Content-Type": "application/json", "X-HJ-Visitor": "demo-visitor-0001" },
  },
  {
    title: "Helpjuice webhook, with a wrong secret",
    note: "Helpjuice calls this when an article changes. With the right secret it purges that article's cached languages and retires cached searches; with any other, nothing happens.",
    method: "POST",
    path: "/v1/webhooks/helpjuice?secret=not-the-secret",
    body: JSON.stringify(hook),
    headers: { "Content-Type": "application/json" },
  },
  { title: "Health", method: "GET", path: "/v1/health" },
  { title: "The OpenAPI 3.1 description", method: "GET", path: "/v1/openapi.json" },
  {
    title: "The widget script",
    method: "HEAD",
    path: "/hj-search.js",
    show: ["Content-Type", "Cache-Control", "Access-Control-Allow-Origin"],
  },
];

function curl(e) {
  const flag = e.method === "GET" ? "-i" : e.method === "HEAD" ? "-I" : `-i -X ${e.method}`;
  const parts = [`curl ${flag} '${origin}${e.path}'`];
  // Votes are taken only from allowed origins; a browser sends Origin by itself, curl must be told.
  if (e.path.endsWith("/vote")) parts.push(`-H 'Origin: ${origin}'`);
  for (const [k, v] of Object.entries(e.headers)) parts.push(`-H '${k}: ${v}'`);
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
  cmd.textContent = "…";
  const out = block(`${e.title}: live answer`);
  out.className = "answer";
  out.textContent = "…";
  const note = document.createElement("p");
  note.className = "muted";
  note.textContent = e.note ?? "";
  card.append(...(e.note ? [h, note] : [h]), cmd, out);
  root.append(card);
  run(e, cmd, out);
}

async function run(e, cmd, out) {
  try {
    const headers = typeof e.headers === "function" ? await e.headers() : (e.headers ?? {});
    cmd.textContent = curl({ ...e, headers });
    const res = await fetch(e.path, { method: e.method, headers, body: e.body });
    const lines = [`HTTP ${res.status}`];
    for (const name of e.show ?? ["Cache-Status"]) if (res.headers.has(name)) lines.push(`${name}: ${res.headers.get(name)}`);
    const text = await res.text();
    let pretty = text;
    try {
      pretty = JSON.stringify(JSON.parse(text), null, 2);
    } catch {}
    out.textContent = `${lines.join("  ")}\n${pretty.length > 1500 ? `${pretty.slice(0, 1500)}\n…` : pretty}`;
  } catch (err) {
    if (cmd.textContent === "…") cmd.textContent = curl({ ...e, headers: {} });
    out.textContent = `failed: ${err.message}`;
  }
}
