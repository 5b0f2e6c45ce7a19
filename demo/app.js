// The in-app demo: a small single-page app (its routes are history.pushState, each also a real address),
// and help as an app embeds it. The "app server" (the worker's dev-only /demo/token) signs the user's
// token; the page hands both widgets a getToken() so they always send a fresh one.
const help = [document.getElementById("help"), document.getElementById("launcher")];
const select = document.getElementById("user");
const who = document.getElementById("who");
const view = document.getElementById("view");
let cached = null;

async function token() {
  const as = select.value;
  if (!as) return null;
  if (cached && cached.as === as && cached.until > Date.now()) return cached.token;
  const res = await fetch(`/demo/token?as=${encodeURIComponent(as)}`);
  if (!res.ok) throw new Error("token minting is off (it only runs under npm start)");
  const body = await res.json();
  cached = { as, token: body.token, until: Date.now() + (body.expires_in - 30) * 1000 };
  return body.token;
}

function show() {
  who.textContent = select.value ? `Help answers as ${select.value}.` : "Help answers as an anonymous visitor.";
}

for (const el of help) el.getToken = token;
select.addEventListener("change", () => {
  cached = null;
  show();
  // A new getToken tells each widget the identity changed, so it searches again as the new user.
  for (const el of help) el.getToken = () => token();
});
show();

// The app's routes. The widgets follow them by themselves (suggestions for the new route, no reload).
// The dashboard is /app (the server answers /app.html there too).
const ROUTES = { "/app": "dashboard", "/app/billing": "billing", "/app/settings": "settings", "/app/team": "team" };
const path = (p) => p.replace(/(\.html|\/+)$/, "");

/** Shows the route at the current address; `moved`: the visitor went there, so focus goes to its heading. */
function route(moved) {
  const name = ROUTES[path(location.pathname)] ?? "dashboard";
  const t = document.getElementById(`route-${name}`);
  view.replaceChildren(t.content.cloneNode(true));
  document.title = `${t.dataset.title} — Acme app (hj-search demo)`;
  for (const a of document.querySelectorAll(".tabs a")) {
    if (path(a.pathname) === path(location.pathname)) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (moved) document.getElementById("route-title").focus();
}

// A plain click on an app link is the app's; Ctrl/⌘, Shift or a middle click open it as any link would.
document.addEventListener("click", (e) => {
  const a = e.target.closest?.("a[data-route]");
  if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  if (path(a.pathname) !== path(location.pathname)) history.pushState(null, "", a.pathname);
  route(true);
});
addEventListener("popstate", () => route(false));
route(false);
