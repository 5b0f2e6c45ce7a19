// The in-app demo: the "app server" (the worker's dev-only /demo/token) signs the user's token;
// the page hands the widget a getToken() so it always sends a fresh one.
const help = document.getElementById("help");
const select = document.getElementById("user");
const who = document.getElementById("who");
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

help.getToken = token;
select.addEventListener("change", () => {
  cached = null;
  show();
  // A new getToken tells the widget the identity changed, so it searches again as the new user.
  help.getToken = () => token();
});
show();
