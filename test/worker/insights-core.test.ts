/** Insights' pure parts: scrubbing, the beacon's schema, folding events, the k≥2 rule, periods and CSV. */
import { safeParse } from "valibot";
import { describe, expect, it } from "vitest";
import { reportCsv, csvCell } from "../../worker/core/insights/csv";
import { addDays, BeaconSchema, fold, isDay, readMessage, type InsightMessage } from "../../worker/core/insights/events";
import { K, period, shapeReport, shown, type QueryTotals } from "../../worker/core/insights/report";
import { insightQuery, scrub } from "../../worker/core/insights/scrub";
import { insightsOn, retentionDays } from "../../worker/core/insights/config";

describe("scrubbing queries", () => {
  it.each([
    ["reset password for jane.doe@example.com", "reset password for [email]"],
    ["JANE+help@Mail.Example.CO.UK cannot log in", "[email] cannot log in"],
    ["mail to josé.garcía@correo.es", "mail to [email]"],
    ["a@b.co and c@d.io", "[email] and [email]"],
  ])("e-mail: %s", (q, out) => expect(insightQuery(q)).toBe(out));

  it.each([
    ["call me +1 (555) 123-4567", "call me [number]"],
    ["call 0171 1234567 please", "call [number] please"],
    ["card 4111 1111 1111 1111 declined", "card [number] declined"],
    ["order 123456", "order [number]"],
    ["order #98765432", "order #[number]"],
    ["iban de89370400440532013000", "iban de[number]"],
    ["١٢٣٤٥٦٧ رقم", "[number] رقم"],
    ["ｏｒｄｅｒ　１２３４５６７", "order [number]"],
  ])("numbers: %s", (q, out) => expect(insightQuery(q)).toBe(out));

  it.each([["error 404"], ["windows 11 setup"], ["2024 pricing"], ["v2.3.1 release notes"], ["12345 zip"]])("keeps short numbers: %s", (q) =>
    expect(insightQuery(q)).toBe(q),
  );

  it("normalises as the search key does, and never re-scrubs a placeholder", () => {
    expect(insightQuery("  Reset   PASSWORD ")).toBe("reset password");
    expect(scrub("[email] [number]")).toBe("[email] [number]");
    expect(insightQuery("x".repeat(500)).length).toBe(200);
  });
});

describe("the beacon's body", () => {
  const ok = (b: unknown) => safeParse(BeaconSchema, b).success;
  it("takes exactly the known kinds and fields", () => {
    expect(ok({ kind: "open", q: "password", position: 1, id: 12 })).toBe(true);
    expect(ok({ kind: "open", q: "password", position: 1, id: 12, lang: "es_ES" })).toBe(true);
    expect(ok({ kind: "contact", q: "refund" })).toBe(true);
    expect(ok({ kind: "abandon", q: "refund", lang: "en_US" })).toBe(true);
  });
  it.each([
    [{ kind: "search", q: "x" }],
    [{ kind: "open", q: "password", position: 1 }],
    [{ kind: "open", q: "password", position: 0, id: 1 }],
    [{ kind: "open", q: "password", position: 51, id: 1 }],
    [{ kind: "open", q: "password", position: 1.5, id: 1 }],
    [{ kind: "open", q: "password", position: 1, id: -1 }],
    [{ kind: "contact", q: "" }],
    [{ kind: "contact", q: "x".repeat(201) }],
    [{ kind: "contact", q: "x", visitor: "abc" }],
    [{ kind: "contact", q: "x", email: "a@b.co" }],
    [{ kind: "abandon", q: "x", lang: "english" }],
    [{ q: "x" }],
    [[{ kind: "contact", q: "x" }]],
    ["contact"],
  ])("refuses %j", (b) => expect(ok(b)).toBe(false));
});

const msg = (id: string, at: number, events: unknown[]): InsightMessage => readMessage({ v: 1, id, at, events })!;
const DAY = Date.parse("2026-03-10T12:00:00Z");

describe("folding events into daily aggregates", () => {
  it("counts searches, zero results, sources, opens with positions, contacts, abandons, reads and votes", () => {
    const a = fold([
      msg("m-0000001", DAY, [{ k: "search", q: "password", n: 3, src: "index", lang: "en_US" }]),
      msg("m-0000002", DAY, [{ k: "search", q: "password", n: 3, src: "cache", lang: "en_US" }]),
      msg("m-0000003", DAY, [{ k: "search", q: "xyzzy", n: 0, src: "helpjuice", lang: "en_US" }]),
      msg("m-0000004", DAY, [{ k: "open", q: "password", pos: 2, id: 7, lang: "en_US" }]),
      msg("m-0000005", DAY, [{ k: "contact", q: "xyzzy", lang: "en_US" }, { k: "abandon", q: "xyzzy", lang: "en_US" }]),
      msg("m-0000006", DAY, [{ k: "read", id: 7, lang: "en_US", title: "Reset", url: "https://kb/7" }, { k: "vote", id: 7, vote: "down" }]),
      msg("m-0000007", DAY + 86_400_000, [{ k: "vote", id: 7, vote: "up" }]),
    ]);
    const d = a.days.find((r) => r.day === "2026-03-10")!;
    expect(d).toMatchObject({ searches: 3, zero: 1, from_index: 1, from_cache: 1, from_helpjuice: 1, opens: 1, contacts: 1, abandons: 1, reads: 1, down: 1, up: 0 });
    expect(a.days.find((r) => r.day === "2026-03-11")).toMatchObject({ up: 1 });
    expect(a.queries.find((q) => q.query === "password")).toMatchObject({ searches: 2, zero: 0, opens: 1, position_sum: 2 });
    expect(a.queries.find((q) => q.query === "xyzzy")).toMatchObject({ searches: 1, zero: 1, contacts: 1, abandons: 1 });
    expect(a.titles).toEqual([{ article_id: 7, title: "Reset", url: "https://kb/7", day: "2026-03-10" }]);
  });

  it("scrubs again what comes off the queue, and drops events that do not check out", () => {
    const m = msg("m-0000008", DAY, [
      { k: "search", q: "help me@example.com", n: 1, src: "index", lang: "en_US" },
      { k: "search", q: "x", n: 1, src: "elsewhere", lang: "en_US" },
      { k: "vote", id: 1, vote: "sideways" },
      { k: "open", q: "x", pos: 1, id: 1, lang: "en_US", visitor: "v" },
    ]);
    expect(m.events).toHaveLength(2);
    expect(m.events[0]).toMatchObject({ q: "help [email]" });
    expect(readMessage({ v: 2, id: "m-0000009", at: DAY, events: [] })).toBeNull();
    expect(readMessage("garbage")).toBeNull();
  });
});

const qt = (query: string, searches: number, more: Partial<QueryTotals> = {}): QueryTotals => ({
  lang: "en_US",
  query,
  searches,
  zero: 0,
  opens: 0,
  position_sum: 0,
  contacts: 0,
  abandons: 0,
  ...more,
});

describe("the k≥2 rule and the report", () => {
  it("names a query only once it was searched at least twice", () => {
    expect(K).toBe(2);
    expect(shown({ searches: 1 })).toBe(false);
    expect(shown({ searches: 2 })).toBe(true);
    const r = shapeReport({
      from: "2026-03-09",
      to: "2026-03-10",
      days: [{ day: "2026-03-10", searches: 5, zero: 2, from_index: 5, from_helpjuice: 0, from_cache: 0, opens: 1, contacts: 1, abandons: 0, reads: 1, up: 0, down: 1, asks: 0, answered: 0, declined: 0, ask_up: 0, ask_down: 0 }],
      // Even if the store handed over a rare one, no list names it.
      top: [qt("password", 3, { opens: 1, position_sum: 3 }), qt("secret thing", 1)],
      zero: [qt("xyzzy", 2, { zero: 2 }), qt("once", 1, { zero: 1 })],
      rarely: [qt("password", 3, { opens: 0 })],
      hidden: { queries: 1, searches: 1 },
      byReads: [{ id: 7, title: "Reset", url: "https://kb/7", reads: 1, opens: 1, up: 0, down: 1 }],
      byDown: [{ id: 7, title: "Reset", url: "https://kb/7", reads: 1, opens: 1, up: 0, down: 1 }],
    });
    expect(r.top_queries.map((q) => q.query)).toEqual(["password"]);
    expect(r.top_queries[0]).toMatchObject({ open_rate: 0.3333, mean_position: 3 });
    expect(r.zero_result_queries.map((q) => q.query)).toEqual(["xyzzy"]);
    expect(r.daily.map((d) => d.day)).toEqual(["2026-03-09", "2026-03-10"]);
    expect(r.totals).toMatchObject({ searches: 5, zero_result_rate: 0.4, open_rate: 0.2, contact_rate: 0.2, votes: { up: 0, down: 1 } });
    expect(r.articles_by_down_share[0]).toMatchObject({ id: 7, title: "Reset", down_share: 1 });
    expect(JSON.stringify(r)).not.toContain("secret thing");
    expect(JSON.stringify(r)).not.toContain("once");
  });

  it("periods: UTC days, both inclusive, default the last 7", () => {
    expect(period("2026-03-10", undefined, undefined)).toEqual({ ok: true, from: "2026-03-04", to: "2026-03-10" });
    expect(period("2026-03-10", "2026-03-01", undefined)).toEqual({ ok: true, from: "2026-03-01", to: "2026-03-10" });
    expect(period("2026-03-10", undefined, "2026-02-02")).toEqual({ ok: true, from: "2026-01-27", to: "2026-02-02" });
    expect(period("2026-03-10", "2026-03-05", "2026-03-01").ok).toBe(false);
    expect(period("2026-03-10", "2020-01-01", "2026-03-01").ok).toBe(false);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-3-1")).toBe(false);
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

describe("CSV", () => {
  it("quotes, and disarms cells a spreadsheet would run as formulas", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(null)).toBe("");
  });
  it("writes each table under its name, or one table alone", () => {
    const r = shapeReport({ from: "2026-03-10", to: "2026-03-10", days: [], top: [qt("a,b", 2)], zero: [], rarely: [], hidden: { queries: 0, searches: 0 }, byReads: [], byDown: [] });
    const all = reportCsv(r);
    for (const t of ["totals", "daily", "top_queries", "zero_result_queries", "rarely_opened_queries", "articles_by_reads", "articles_by_down_share"])
      expect(all).toContain(`${t}\r\n`);
    expect(reportCsv(r, "top_queries").split("\r\n")[1]).toMatch(/^"a,b",en_US,2,/);
  });
});

describe("settings", () => {
  it("INSIGHTS is on unless off; retention defaults to 90 days", () => {
    expect(insightsOn({})).toBe(true);
    expect(insightsOn({ INSIGHTS: "on" })).toBe(true);
    expect(insightsOn({ INSIGHTS: "off" })).toBe(false);
    expect(insightsOn({ INSIGHTS: " OFF " })).toBe(false);
    expect(retentionDays({})).toBe(90);
    expect(retentionDays({ INSIGHTS_RETENTION_DAYS: "30" })).toBe(30);
    expect(retentionDays({ INSIGHTS_RETENTION_DAYS: "x" })).toBe(90);
  });
});
