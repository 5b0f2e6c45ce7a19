import { Hono } from "hono";
const app = new Hono<{ Bindings: { HELPJUICE_BASE_URL: string } }>();
app.get("/x", async (c) => {
  const r = await fetch(c.env.HELPJUICE_BASE_URL + "/api/v3/search?query=a");
  const rw = new HTMLRewriter().on("script", { element(e) { e.remove(); } }).transform(new Response("<p>hi<script>x</script></p>"));
  return c.json({ status: r.status, body: await r.text(), html: await rw.text() });
});
export default app;
