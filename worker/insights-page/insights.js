// The insights dashboard (served at /insights.js, with `defer`): plain ES2017, every visitor-typed text through textContent.
"use strict";
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
  /** "1 query", "2 queries": `many` defaults to one + "s". */
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many || one + "s"); }
  /** A date range kept on one line ("2026-12-01 to 2026-12-07" never breaks inside a date). */
  function range(from, to) { return [el("span", { class: "nowrap" }, [from]), " to ", el("span", { class: "nowrap" }, [to])]; }
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
    return el("section", { "aria-labelledby": id }, [el("h2", { id: id }, [].concat(title))].concat(kids));
  }

  function table(caption, cols, rows, label) {
    // One language throughout: said once in the caption, not in a column of its own (a phone has no room).
    if (cols.indexOf(LANG) >= 0 && rows.length && rows.every(function (r) { return r.lang === rows[0].lang; })) {
      cols = cols.filter(function (c) { return c !== LANG; });
      caption += " (all " + rows[0].lang + ")";
    }
    var head = el("tr", {}, cols.map(function (c) { return el("th", { scope: "col", class: c.n ? "n" : null }, [c.t]); }));
    var body = rows.map(function (r) {
      return el("tr", {}, cols.map(function (c, i) {
        var v = c.f(r);
        return el(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : null, class: c.n ? "n" : c.q ? "q" : c.w ? "nowrap" : null }, [v]);
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
  // Votes in words ("Up", "Down"), as the cards say them: no emoji in the dashboard's own text.
  var UP = { t: "Up", n: true, f: function (r) { return num(r.up); } };
  var DOWN = { t: "Down", n: true, f: function (r) { return num(r.down); } };

  /**
   * "What was missing": what visitors who voted an article down wrote, an article's comments together,
   * newest day first (the order the worker sends). No k-rule: each is one visitor's words, stored with no
   * visitor id or address. Visitors' text, so text nodes only (el), never HTML.
   */
  function missingSection(r) {
    var rows = r.missing_comments || [], total = (r.totals && r.totals.missing) || rows.length, groups = [], byId = {};
    rows.forEach(function (c) {
      if (!byId[c.id]) groups.push(byId[c.id] = { a: c, list: [] });
      byId[c.id].list.push(c);
    });
    return section("h-missing", "What was missing", rows.length ? [
      el("p", { class: "note" }, [plural(total, "comment") + " from visitors who voted an article down" +
        (total > rows.length ? ", the newest " + rows.length + " shown" : "") +
        ". Listed as written, with e-mail addresses and long numbers removed; no visitor id or address is kept with them."]),
    ].concat(groups.map(function (g) {
      return el("div", { class: "comments" }, [
        el("h3", {}, [articleCell(g.a), el("span", { class: "unit" }, [" · id " + g.a.id + ", " + plural(g.list.length, "comment")])]),
        el("ul", {}, g.list.map(function (c) {
          return el("li", {}, [el("span", { class: "when" }, [c.day + " · " + c.lang]), el("span", { class: "said", dir: "auto" }, [c.text])]);
        })),
      ]);
    })) : [empty("No visitor said what was missing in this period.")]);
  }

  function render(r) {
    var t = r.totals;
    out.textContent = "";
    var cards = [
      ["Searches", num(t.searches)], ["Zero-result rate", pct(t.zero_result_rate)], ["Open rate", pct(t.open_rate)],
      ["Contact rate", pct(t.contact_rate)], ["Articles read", num(t.reads)],
      // Words, not thumb emoji: a machine without an emoji font shows those as empty boxes.
      ["Votes", [num(t.votes.up), el("span", { class: "unit" }, [" up, "]), num(t.votes.down), el("span", { class: "unit" }, [" down"])]],
    ].map(function (c) { return el("div", {}, [el("dt", {}, [c[0]]), el("dd", {}, [].concat(c[1]))]); });
    var hidden = r.hidden_queries;
    out.appendChild(section("h-totals", ["Totals, "].concat(range(r.from, r.to)), [
      el("dl", { class: "cards" }, cards),
      el("p", { class: "note" }, [t.searches ? ("Answered by the edge index " + t.sources.index + ", Helpjuice " + t.sources.helpjuice + ", the cache " + t.sources.cache + ". ") : "",
        hidden.queries ? (plural(hidden.queries, "query", "queries") + " searched fewer than " + plural(r.k, "time") + " (" + plural(hidden.searches, "search", "searches") + ") " +
          (hidden.queries === 1 ? "is" : "are") + " counted but not named.") : ""]),
    ]));

    out.appendChild(section("h-daily", "Searches per day", [
      lineChart(r.daily, "Line chart of searches per day, " + r.from + " to " + r.to + ", at most " + Math.max.apply(null, r.daily.map(function (d) { return d.searches; }).concat([0])) + " a day"),
      el("details", {}, [el("summary", {}, ["Daily figures"]), table("Daily figures", [
        { t: "Day", w: true, f: function (d) { return d.day; } }, SEARCHES,
        { t: "No results", n: true, f: function (d) { return num(d.zero_results); } },
        { t: "Opened", n: true, f: function (d) { return num(d.opens); } },
        { t: "Contact", n: true, f: function (d) { return num(d.contacts); } },
        { t: "Reads", n: true, f: function (d) { return num(d.reads); } },
        UP, DOWN,
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
        UP, DOWN], reads),
    ] : [empty("No article was read in this period.")]));

    var down = r.articles_by_down_share;
    out.appendChild(section("h-down", "Articles by share of down votes", down.length ? [
      table("Articles by share of down votes: fix these first", [{ t: "Article", f: articleCell }, { t: "Id", n: true, f: function (a) { return a.id; } },
        { t: "Down share", n: true, f: function (a) { return pct(a.down_share); } }, UP, DOWN], down),
    ] : [empty("No down vote in this period.")]));
    // What the visitors who voted down said was missing, right after the articles they voted down.
    out.appendChild(missingSection(r));

    // Ask: how many questions were answered, and the ones the articles did not answer (content gaps).
    var a = t.ask || { asked: 0, answered: 0, declined: 0, answer_rate: null, feedback: { up: 0, down: 0 } };
    var gaps = r.declined_questions || [];
    out.appendChild(section("h-ask", "Questions (Ask)", [
      el("p", { class: "note" }, [a.asked
        ? plural(a.asked, "question") + " asked: " + a.answered + " answered (" + pct(a.answer_rate) + "), " + a.declined + " declined. " +
          "Answers rated " + a.feedback.up + " up, " + a.feedback.down + " down."
        : "No question was asked in this period."]),
      gaps.length
        ? table("Questions the articles did not answer: write these articles", [
            { t: "Question", q: true, f: function (g) { return g.question; } }, LANG,
            { t: "Asked", n: true, f: function (g) { return num(g.asks); } },
            { t: "Declined", n: true, f: function (g) { return num(g.declined); } }], gaps)
        : empty("No question asked twice was declined in this period."),
    ]));

    out.hidden = false;
  }

  function show() {
    var mine = ++seq;
    say("Loading…");
    csvButton.disabled = true;
    request("json").then(function (res) { return res.json(); }).then(function (r) {
      if (mine !== seq) return;
      render(r);
      // The boxes say the range shown (the worker's default when they were empty).
      fromField.value = r.from;
      toField.value = r.to;
      csvButton.disabled = false;
      say("Showing " + r.from + " to " + r.to + ": " + plural(r.totals.searches, "search", "searches") + ".");
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
