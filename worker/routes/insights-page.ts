/**
 * The insights dashboard the worker serves at /insights (part of the deployment, unlike the demo pages in
 * dist/public): a form with a field labelled "Token" (kept in sessionStorage only), then the figures of
 * GET /v1/insights as plain SVG charts and tables. No inline script or style, so its CSP is strict; every
 * visitor-typed text reaches the page through textContent, never as markup.
 */

export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>Search insights · hj-search</title>
<link rel="stylesheet" href="/insights.css">
<script src="/insights.js" defer></script>
</head>
<body>
<header><h1>Search insights</h1>
<p class="lede">What visitors searched, missed, opened and found unhelpful: daily aggregates only, with no addresses, visitor ids or e-mails. A query is named only once it was searched at least twice in the period.</p></header>
<main>
<form id="auth" novalidate>
  <div class="field"><label for="token">Token</label>
    <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required aria-describedby="token-help">
    <small id="token-help">INSIGHTS_TOKEN. Kept in this tab only (sessionStorage).</small></div>
  <div class="field"><label for="from">From (UTC)</label><input id="from" name="from" type="date"></div>
  <div class="field"><label for="to">To (UTC)</label><input id="to" name="to" type="date"></div>
  <div class="actions">
    <button type="submit">Show</button>
    <button type="button" id="csv" class="secondary" disabled>Download CSV</button>
    <button type="button" id="forget" class="secondary">Forget token</button>
  </div>
</form>
<p id="status" role="status" aria-live="polite"></p>
<div id="report" hidden></div>
</main>
</body>
</html>
`;

export const DASHBOARD_CSS = String.raw`
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1b1f; --muted: #4f5560; --line: #d5d8de; --card: #f4f5f7;
  --accent: #0b57d0; --accent-fg: #ffffff; --warn: #a4262c; --bar: #0b57d0; --bar2: #a4262c; --focus: #0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #121316; --fg: #eceef2; --muted: #b4bac4; --line: #3a3f48; --card: #1d1f24;
    --accent: #8ab4f8; --accent-fg: #0b0c0e; --warn: #ff9a94; --bar: #8ab4f8; --bar2: #ff9a94; --focus: #8ab4f8; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header, main { max-width: 64rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.lede, small, .note { color: var(--muted); }
small { display: block; font-size: .85rem; }
form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end; padding: 1rem; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
.field { display: flex; flex-direction: column; gap: .25rem; flex: 1 1 12rem; min-width: 0; }
label { font-weight: 600; }
input { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: .375rem; padding: .45rem .6rem; width: 100%; min-width: 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; flex: 1 1 100%; }
button { font: inherit; font-weight: 600; cursor: pointer; border-radius: .375rem; padding: .5rem 1rem; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-fg); }
button.secondary { background: transparent; color: var(--accent); }
button:disabled { cursor: not-allowed; opacity: .6; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
#status { min-height: 1.5em; margin: .75rem 0; }
#status.error { color: var(--warn); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .75rem; margin: 0; }
.cards div { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem; }
.cards dt { color: var(--muted); font-size: .9rem; }
.cards dd { margin: 0; font-size: 1.5rem; font-weight: 700; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
svg.chart text { fill: var(--fg); font-size: 13px; }
svg.chart .muted { fill: var(--muted); }
svg.chart .axis { stroke: var(--line); stroke-width: 1; }
svg.chart .line { fill: none; stroke: var(--bar); stroke-width: 2.5; }
svg.chart .dot { fill: var(--bar); }
svg.chart .bar { fill: var(--bar); }
svg.chart .bar.zero { fill: var(--bar2); }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.q { overflow-wrap: anywhere; }
a { color: var(--accent); }
details { margin: .5rem 0; }
summary { cursor: pointer; color: var(--accent); font-weight: 600; }
@media (max-width: 30rem) { h1 { font-size: 1.35rem; } .cards dd { font-size: 1.25rem; } th, td { padding: .35rem .3rem; }
  /* The charts scale down with the screen; their text should not shrink with them. */
  svg.chart text { font-size: 20px; } }
`;

// Plain ES2017 with no template literals (this file is itself one), run with `defer`.
export const DASHBOARD_JS = String.raw`"use strict";
(function () {
  var KEY = "hj-insights-token";
  var $ = function (id) { return document.getElementById(id); };
  var form = $("auth"), tokenField = $("token"), fromField = $("from"), toField = $("to");
  var statusLine = $("status"), out = $("report"), csvButton = $("csv"), forgetButton = $("forget");
  var SVG = "http://www.w3.org/2000/svg";
  var seq = 0;

  function stored() { try { return sessionStorage.getItem(KEY) || ""; } catch (e) { return ""; } }
  function keep(t) { try { if (t) sessionStorage.setItem(KEY, t); else sessionStorage.removeItem(KEY); } catch (e) { /* this tab only */ } }

  function el(tag, attrs, kids) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== undefined && attrs[k] !== null) n.setAttribute(k, attrs[k]);
    (kids || []).forEach(function (c) { if (c !== null && c !== undefined) n.appendChild(typeof c === "object" ? c : document.createTextNode(String(c))); });
    return n;
  }
  function sv(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = String(text);
    return n;
  }
  function pct(r) { return r === null || r === undefined ? "–" : (Math.round(r * 1000) / 10) + "%"; }
  function num(n) { return n === null || n === undefined ? "–" : String(n); }
  function say(text, error) { statusLine.textContent = text; statusLine.className = error ? "error" : ""; }
  function cut(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  function params(format) {
    var p = new URLSearchParams();
    if (fromField.value) p.set("from", fromField.value);
    if (toField.value) p.set("to", toField.value);
    if (format) p.set("format", format);
    return p.toString();
  }

  function request(format) {
    return fetch("/v1/insights?" + params(format), { headers: { Authorization: "Bearer " + stored() }, cache: "no-store" }).then(function (res) {
      if (res.ok) return res;
      return res.json().catch(function () { return null; }).then(function (b) {
        var msg = res.status === 401 ? "That token was not accepted." : res.status === 404 ? "Insights are off on this worker (INSIGHTS=off)."
          : (b && b.error && b.error.message) || ("The worker answered HTTP " + res.status + ".");
        throw new Error(msg);
      });
    }, function () { throw new Error("The worker could not be reached."); });
  }

  function section(id, title, kids) {
    return el("section", { "aria-labelledby": id }, [el("h2", { id: id }, [title])].concat(kids));
  }

  function table(caption, cols, rows, label) {
    var head = el("tr", {}, cols.map(function (c) { return el("th", { scope: "col", class: c.n ? "n" : null }, [c.t]); }));
    var body = rows.map(function (r) {
      return el("tr", {}, cols.map(function (c, i) {
        var v = c.f(r);
        return el(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : null, class: c.n ? "n" : c.q ? "q" : null }, [v]);
      }));
    });
    var t = el("table", {}, [el("caption", {}, [caption]), el("thead", {}, [head]), el("tbody", {}, body)]);
    return el("div", { class: "scroll", role: "region", "aria-label": label || caption, tabindex: "0" }, [t]);
  }

  function empty(text) { return el("p", { class: "note" }, [text]); }

  function lineChart(daily, label) {
    var W = 640, H = 220, L = 44, R = 12, T = 16, B = 34;
    var max = Math.max(1, Math.max.apply(null, daily.map(function (d) { return d.searches; })));
    var x = function (i) { return daily.length < 2 ? L + (W - L - R) / 2 : L + (i * (W - L - R)) / (daily.length - 1); };
    var y = function (v) { return T + (H - T - B) * (1 - v / max); };
    var s = sv("svg", { class: "chart", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label });
    s.appendChild(sv("line", { class: "axis", x1: L, y1: y(0), x2: W - R, y2: y(0) }));
    s.appendChild(sv("line", { class: "axis", x1: L, y1: T, x2: W - R, y2: T }));
    s.appendChild(sv("text", { x: L - 6, y: y(max) + 4, "text-anchor": "end" }, max));
    s.appendChild(sv("text", { x: L - 6, y: y(0) + 4, "text-anchor": "end" }, 0));
    s.appendChild(sv("polyline", { class: "line", points: daily.map(function (d, i) { return x(i) + "," + y(d.searches); }).join(" ") }));
    daily.forEach(function (d, i) {
      var dot = sv("circle", { class: "dot", cx: x(i), cy: y(d.searches), r: 3.5 });
      dot.appendChild(sv("title", {}, d.day + ": " + d.searches));
      s.appendChild(dot);
    });
    if (daily.length) {
      s.appendChild(sv("text", { class: "muted", x: x(0), y: H - 10, "text-anchor": daily.length < 2 ? "middle" : "start" }, daily[0].day));
      if (daily.length > 1) s.appendChild(sv("text", { class: "muted", x: x(daily.length - 1), y: H - 10, "text-anchor": "end" }, daily[daily.length - 1].day));
    }
    return s;
  }

  function barChart(rows, value, label, zero) {
    rows = rows.slice(0, 10);
    var W = 640, row = 40, H = Math.max(row, rows.length * row) + 4;
    var max = Math.max(1, Math.max.apply(null, rows.map(value)));
    var s = sv("svg", { class: "chart", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": label });
    rows.forEach(function (r, i) {
      var top = i * row, v = value(r), w = Math.max(2, ((W - 60) * v) / max);
      s.appendChild(sv("text", { x: 0, y: top + 14 }, cut(r.query, 70)));
      s.appendChild(sv("rect", { class: zero ? "bar zero" : "bar", x: 0, y: top + 20, width: w, height: 12, rx: 2 }));
      s.appendChild(sv("text", { x: w + 6, y: top + 31 }, v));
    });
    return s;
  }

  function articleCell(a) {
    var name = a.title || ("Article " + a.id);
    return a.url && /^https?:\/\//i.test(a.url) ? el("a", { href: a.url, rel: "noopener noreferrer", target: "_blank" }, [name]) : name;
  }

  var QUERY = { t: "Query", q: true, f: function (r) { return r.query; } };
  var LANG = { t: "Language", f: function (r) { return r.lang; } };
  var SEARCHES = { t: "Searches", n: true, f: function (r) { return num(r.searches); } };

  function render(r) {
    var t = r.totals;
    out.textContent = "";
    var cards = [
      ["Searches", num(t.searches)], ["Zero-result rate", pct(t.zero_result_rate)], ["Open rate", pct(t.open_rate)],
      ["Contact rate", pct(t.contact_rate)], ["Articles read", num(t.reads)], ["Votes 👍", num(t.votes.up)], ["Votes 👎", num(t.votes.down)],
    ].map(function (c) { return el("div", {}, [el("dt", {}, [c[0]]), el("dd", {}, [c[1]])]); });
    out.appendChild(section("h-totals", "Totals, " + r.from + " to " + r.to, [
      el("dl", { class: "cards" }, cards),
      el("p", { class: "note" }, [t.searches ? ("Answered by the edge index " + t.sources.index + ", Helpjuice " + t.sources.helpjuice + ", the cache " + t.sources.cache + ". ") : "",
        r.hidden_queries.queries ? (r.hidden_queries.queries + " queries searched fewer than " + r.k + " times (" + r.hidden_queries.searches + " searches) are counted but not named.") : ""]),
    ]));

    out.appendChild(section("h-daily", "Searches per day", [
      lineChart(r.daily, "Line chart of searches per day, " + r.from + " to " + r.to + ", at most " + Math.max.apply(null, r.daily.map(function (d) { return d.searches; }).concat([0])) + " a day"),
      el("details", {}, [el("summary", {}, ["Daily figures"]), table("Daily figures", [
        { t: "Day", f: function (d) { return d.day; } }, SEARCHES,
        { t: "No results", n: true, f: function (d) { return num(d.zero_results); } },
        { t: "Opened", n: true, f: function (d) { return num(d.opens); } },
        { t: "Contact", n: true, f: function (d) { return num(d.contacts); } },
        { t: "Reads", n: true, f: function (d) { return num(d.reads); } },
        { t: "👍", n: true, f: function (d) { return num(d.up); } },
        { t: "👎", n: true, f: function (d) { return num(d.down); } },
      ], r.daily)]),
    ]));

    var top = r.top_queries;
    out.appendChild(section("h-top", "Top queries", top.length ? [
      barChart(top, function (q) { return q.searches; }, "Bar chart of the top " + Math.min(10, top.length) + " queries by searches"),
      table("Top queries: open rate and mean position opened", [QUERY, LANG, SEARCHES,
        { t: "Open rate", n: true, f: function (q) { return pct(q.open_rate); } },
        { t: "Mean position", n: true, f: function (q) { return num(q.mean_position); } }], top),
    ] : [empty("No query was searched twice in this period yet.")]));

    var zero = r.zero_result_queries;
    out.appendChild(section("h-zero", "Queries with no results", zero.length ? [
      barChart(zero, function (q) { return q.zero_results; }, "Bar chart of the queries that most often found nothing", true),
      table("Queries with no results: write these articles", [QUERY, LANG, SEARCHES,
        { t: "No results", n: true, f: function (q) { return num(q.zero_results); } },
        { t: "Contact", n: true, f: function (q) { return num(q.contacts); } }], zero),
    ] : [empty("None in this period.")]));

    var rare = r.rarely_opened_queries;
    out.appendChild(section("h-rare", "Searched but rarely opened", rare.length ? [
      table("Queries with results that visitors rarely opened: fix these titles or snippets", [QUERY, LANG, SEARCHES,
        { t: "Opened", n: true, f: function (q) { return num(q.opens); } },
        { t: "Open rate", n: true, f: function (q) { return pct(q.open_rate); } }], rare),
    ] : [empty("None in this period.")]));

    var reads = r.articles_by_reads;
    out.appendChild(section("h-reads", "Articles by reads", reads.length ? [
      table("Articles by reads", [{ t: "Article", f: articleCell }, { t: "Id", n: true, f: function (a) { return a.id; } },
        { t: "Reads", n: true, f: function (a) { return num(a.reads); } },
        { t: "👍", n: true, f: function (a) { return num(a.up); } }, { t: "👎", n: true, f: function (a) { return num(a.down); } }], reads),
    ] : [empty("No article was read in this period.")]));

    var down = r.articles_by_down_share;
    out.appendChild(section("h-down", "Articles by share of 👎", down.length ? [
      table("Articles by share of 👎: fix these first", [{ t: "Article", f: articleCell }, { t: "Id", n: true, f: function (a) { return a.id; } },
        { t: "👎 share", n: true, f: function (a) { return pct(a.down_share); } },
        { t: "👍", n: true, f: function (a) { return num(a.up); } }, { t: "👎", n: true, f: function (a) { return num(a.down); } }], down),
    ] : [empty("No 👎 in this period.")]));
    out.hidden = false;
  }

  function show() {
    var mine = ++seq;
    say("Loading…");
    csvButton.disabled = true;
    request("json").then(function (res) { return res.json(); }).then(function (r) {
      if (mine !== seq) return;
      render(r);
      csvButton.disabled = false;
      say("Showing " + r.from + " to " + r.to + ": " + r.totals.searches + " searches.");
    }, function (e) {
      if (mine !== seq) return;
      out.hidden = true;
      out.textContent = "";
      say(e.message, true);
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var t = tokenField.value.trim();
    if (!t) { say("Enter the token first.", true); tokenField.focus(); return; }
    keep(t);
    show();
  });
  csvButton.addEventListener("click", function () {
    request("csv").then(function (res) { return res.blob(); }).then(function (blob) {
      var a = el("a", { href: URL.createObjectURL(blob), download: "insights.csv" });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, function (e) { say(e.message, true); });
  });
  forgetButton.addEventListener("click", function () {
    keep("");
    tokenField.value = "";
    out.hidden = true;
    out.textContent = "";
    csvButton.disabled = true;
    say("The token is forgotten.");
    tokenField.focus();
  });
  var t0 = stored();
  if (t0) { tokenField.value = t0; show(); }
})();
`;
