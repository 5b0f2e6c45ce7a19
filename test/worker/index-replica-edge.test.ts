/**
 * The isolate's replica of the edge index (core/index/replica.ts) answers exactly as D1 does, on crafted rows
 * the fake knowledge base lacks: characters outside the BMP around the match (SQL's instr/substr count
 * characters, JS UTF-16 units), uppercase non-ASCII letters (SQLite's lower() folds ASCII only), bodies of
 * thousands of characters, ties in score, a word spread over every column, typo corrections with candidates
 * at equal distance and document count, category filters and limits. Both the final results and each step's
 * raw rows (body windows, `mid`) and typo candidates are compared.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { IndexRow } from "../../worker/core/index/row";
import { loadReplica } from "../../worker/platform/index/replica";
import { d1Engine, replicaEngine, searchIndex, type IndexEngine, type IndexQuery } from "../../worker/platform/index/search";
import { replaceCategories, upsertRows } from "../../worker/platform/index/store";
import { resetIndex } from "./support";

const db = () => env.HJ_INDEX!;

let nextId = 9_000;
function row(lang: string, f: Partial<Pick<IndexRow, "title" | "description" | "keywords" | "body" | "categoryId">>): IndexRow {
  const id = nextId++;
  const categoryId = f.categoryId ?? 10;
  return {
    id,
    lang,
    title: f.title ?? `Article ${id}`,
    description: f.description ?? "",
    keywords: f.keywords ?? "",
    body: f.body ?? "",
    categoryId,
    categoryName: `Category ${categoryId}`,
    url: `https://help.example.com/${lang}/${id}`,
    views: id % 7,
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

/** Filler text of distinct-ish words, `n` characters long (ASCII). */
function filler(n: number, seed = 0): string {
  const words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "eiusmod", "tempor", "incididunt", "labore", "magna"];
  let out = "";
  for (let i = seed; out.length < n; i++) out += `${words[i % words.length]} `;
  return out.slice(0, n);
}

const KEY = "🔑";
const ROCKET = "🚀";

const en: IndexRow[] = [
  // Non-BMP characters right before and after the match, near the start.
  row("en_US", { title: "Reset your password", body: `${KEY}${KEY} Reset your password ${KEY} then sign in again. ${filler(400)}` }),
  row("en_US", { title: "Password keys", body: `${KEY}password${KEY} is the emoji way to say it. ${filler(300, 3)}` }),
  // More than 100 characters in, with emoji before it (so UTF-16 offsets and character offsets differ).
  row("en_US", {
    title: "Rotate the signing secret",
    body: `${KEY.repeat(80)} ${filler(120)} Rotate the signing secret ${ROCKET}${ROCKET} when a webhook leaks. ${"😀".repeat(300)} ${filler(200, 5)}`,
  }),
  row("en_US", {
    title: "Webhook delivery",
    body: `${`${ROCKET} launch `.repeat(40)}webhook delivery retries ${"🔐".repeat(700)} webhook again ${filler(100)}`,
  }),
  // Emoji only after a late match, and emoji straddling the window's end.
  row("en_US", { title: "Invoice export", body: `${filler(250, 2)} export the invoice as CSV ${"📄".repeat(650)} invoice` }),
  // Uppercase non-ASCII letters next to matches: SQLite's lower() leaves them, as does the replica.
  row("en_US", {
    title: "Café settings",
    body: `${filler(150, 1)} ÉTAPE ONE: open the CAFÉ settings. ÜBER-Account: the ACCOUNT owner. Straße STRASSE GRÖẞE Ärger ${KEY} account ${filler(200)}`,
  }),
  row("en_US", { title: "Über account owners", body: `ÜBERaccount ÉACCOUNT Éaccount ACCOUNT owner transfer ${filler(300, 4)}` }),
  row("en_US", { title: "Résumé upload", body: `${filler(130, 6)} RÉSUMÉ upload: résumé files. Resume the upload later. ${filler(300)}` }),
  // Very long bodies, match far in; several needles at different depths.
  row("en_US", { title: "Long guide", body: `${filler(4_500)} zephyrine configuration ${filler(2_000, 7)} webhook ${filler(1_000)}` }),
  row("en_US", { title: "Longer guide", body: `${filler(3_000, 3)} ${"🧭".repeat(500)} zephyrine ${filler(3_000, 9)} password ${filler(500)}` }),
  row("en_US", { title: "Longest guide", body: `${filler(7_900, 11)} ZEPHYRINE and webhook and password together ${filler(500, 2)}` }),
  // One word over every column, in different counts.
  row("en_US", { title: "Lantern", keywords: "lantern", description: "lantern", body: `lantern ${filler(200)}` }),
  row("en_US", { title: "Lantern lantern", keywords: "lantern, lantern", description: "a lantern", body: `${filler(150)} lantern` }),
  row("en_US", { title: "Light", keywords: "lantern, lantern, lantern", description: "lantern lantern lantern", body: filler(100) }),
  row("en_US", { title: "Lamp", description: "lantern", body: `lantern lantern lantern lantern lantern ${filler(300)}` }),
  row("en_US", { title: "Torch", keywords: "torch", body: `${filler(120)} lantern ${KEY} torch ${filler(100)}` }),
  // Typo candidates at equal edit distance and equal document counts.
  ...["zorbit", "zorbat", "zorbot", "zorbet"].flatMap((w, i) => [
    row("en_US", { title: `The ${w} guide`, body: `${filler(110, i)} ${w} ${KEY} details` }),
    row("en_US", { title: `More on ${w}`, body: `${w} basics ${filler(200, i)}`, categoryId: 20 }),
  ]),
  ...["quintal", "quintel", "quintil"].map((w, i) => row("en_US", { title: `${w} matters`, body: `${filler(50, i)} ${w}`, categoryId: 30 })),
  row("en_US", { title: "Marble and garble", body: "marble garble warble" }),
  row("en_US", { title: "Garble", body: "garble marble" }),
  row("en_US", { title: "Warble", body: "warble marble" }),
];

// Many documents with identical text (and so identical scores), across categories.
const ties = Array.from({ length: 24 }, (_, i) =>
  row("en_US", { title: "Quokka habitat", body: `The quokka habitat ${KEY} is on Rottnest Island.`, categoryId: [10, 20, 30][i % 3] }),
);

const de: IndexRow[] = [
  row("de_DE", { title: "Kündigung", body: `${KEY} KÜNDIGUNG: Die Kündigung ${ROCKET} des Vertrags. ${filler(200)}` }),
  row("de_DE", { title: "Straße und Größe", body: `${"🔑".repeat(120)} STRAẞE Straße GRÖẞE Größe Übersicht ${filler(300)}` }),
  row("de_DE", { title: "Passwort zurücksetzen", body: `${filler(140)} Passwort ${KEY} zurücksetzen ÜBER das Konto ${filler(200)}` }),
  row("de_DE", { title: "Rechnung", body: `Rechnung RECHNUNG Rechnungen ${"💶".repeat(200)} Rechnung ${filler(100)}`, categoryId: 20 }),
];

const ja: IndexRow[] = [
  row("ja_JP", { title: "パスワードのリセット", body: `${KEY}パスワード${KEY}をリセットしてください。${"あ".repeat(120)}パスワード` }),
  row("ja_JP", { title: "請求書", body: `${"📄".repeat(150)}請求書をダウンロードします。${ROCKET}請求書` }),
  row("ja_JP", { title: "𠮷野家の牛丼", body: `𠮷野家の牛丼は${"🍚".repeat(110)}𠮷野家で食べます。` }),
  row("ja_JP", { title: "𠮷野屋", body: `${"🍚".repeat(10)}𠮷野屋の話。` }),
];

// Letters outside the BMP (mathematical bold): words whose UTF-16 slices can split a surrogate pair.
const astral: IndexRow[] = [
  row("en_US", { title: "𝐳𝐨𝐫𝐛𝐢 fancy text", body: `𝐳𝐨𝐫𝐛𝐢 𝐳𝐨𝐫𝐛𝐚𝐭 𝐥𝐚𝐧𝐭𝐞𝐫𝐧 ${filler(120)}` }),
  row("en_US", { title: "More fancy text", body: `${filler(110)} 𝐳𝐨𝐫𝐛𝐢 and 𝐳𝐨𝐭𝐚 ${KEY}` }),
];

const ALL = [...en, ...ties, ...de, ...ja, ...astral];

beforeAll(async () => {
  await resetIndex();
  await upsertRows(db(), ALL);
  const inCat = (c: number) => ALL.filter((r) => r.categoryId === c).map((r) => r.id);
  await replaceCategories(db(), [
    { id: 10, name: "Category 10", accessibility: 1, articleIds: inCat(10) },
    // Some articles in a second category too: the filter goes by membership, not the primary category.
    { id: 20, name: "Category 20", accessibility: 1, articleIds: [...inCat(20), ...ties.slice(0, 6).map((r) => r.id), en[0].id, en[12].id] },
    { id: 30, name: "Category 30", accessibility: 1, articleIds: [...inCat(30), ...ties.slice(10, 14).map((r) => r.id), de[0].id, ja[0].id] },
  ]);
});

/** The copy as an isolate would load it; these rows always fit. */
async function replicaOf(lang = "en_US") {
  const got = await loadReplica(db(), lang);
  if (!("replica" in got)) throw new Error(`no copy: ${JSON.stringify(got)}`);
  return got;
}

/** Wraps an engine to keep what each step returned, so windows and candidates are compared too. */
function recording(e: IndexEngine): { engine: IndexEngine; log: unknown[] } {
  const log: unknown[] = [];
  return {
    log,
    engine: {
      kind: e.kind,
      async run(o, matches, checks) {
        const r = await e.run(o, matches, checks);
        log.push({ run: r });
        return r;
      },
      async candidates(words) {
        const r = await e.candidates(words);
        log.push({ candidates: r });
        return r;
      },
    },
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

async function compare(cases: [string, IndexQuery][]): Promise<{ nonEmpty: number; corrected: number }> {
  const copies = new Map<string, Awaited<ReturnType<typeof replicaOf>>>();
  for (const lang of new Set(cases.map(([, o]) => o.lang))) copies.set(lang, await replicaOf(lang));
  for (const c of copies.values()) expect(c.replica.rows).toBe(ALL.length);
  let nonEmpty = 0;
  let corrected = 0;
  for (const [q, o] of cases) {
    const d1 = recording(d1Engine(db()));
    const mem = recording(replicaEngine(copies.get(o.lang)!.replica, d1Engine(db())));
    const want = await searchIndex(d1.engine, q, o);
    const got = await searchIndex(mem.engine, q, o);
    const label = `${q} ${JSON.stringify(o)}`;
    expect(mem.log, `steps: ${label}`).toEqual(d1.log);
    expect(got, label).toEqual(want);
    // A snippet is cut between characters, never inside one (no half of a surrogate pair).
    for (const r of want) expect(LONE_SURROGATE.test(r.snippet), `${label}: ${JSON.stringify(r.snippet)}`).toBe(false);
    if (want.length) nonEmpty++;
    if (d1.log.some((s) => "candidates" in (s as object))) corrected++;
  }
  return { nonEmpty, corrected };
}

const en10 = (qs: string[], limit = 10): [string, IndexQuery][] => qs.map((q) => [q, { lang: "en_US", limit }]);

describe("replica answers as D1 on crafted rows", () => {
  it("with characters outside the BMP around the match, near the start and far in", async () => {
    const cases = en10([
      "password", "reset password", "reset pass", "pass", "rotate signing secret", "signing", "secret", "webhook", "webhook delivery",
      "webh", "invoice", "export invoice", "invoice csv", "launch", "emoji", "emoji way",
    ]);
    for (const limit of [1, 3]) cases.push(...en10(["password", "webhook", "invoice"], limit));
    const { nonEmpty } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.8);
  });

  it("with uppercase non-ASCII letters next to matches", async () => {
    const cases = en10(["cafe", "café", "CAFÉ settings", "account", "account owner", "uber", "über account", "etape", "étape one", "strasse", "straße", "resume", "résumé upload", "arger"]);
    const { nonEmpty } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.7);
  });

  it("with bodies of thousands of characters matched far in", async () => {
    const cases = en10(["zephyrine", "zephyr", "zephyrine configuration", "zephyrine webhook", "webhook zephyrine", "password zephyrine", "together", "zephyrine password webhook"]);
    for (const limit of [1, 3]) cases.push(...en10(["zephyrine", "webhook password"], limit));
    const { nonEmpty } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.8);
  });

  it("with many documents of identical score, under limits and categories", async () => {
    const cases: [string, IndexQuery][] = [];
    for (const q of ["quokka", "quokka habitat", "rottnest island", "habitat", "quok", "island quokka"])
      for (const limit of [1, 3, 10]) {
        cases.push([q, { lang: "en_US", limit }]);
        for (const category of [10, 20, 30, 99]) cases.push([q, { lang: "en_US", limit, category }]);
      }
    const { nonEmpty } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.7);
  });

  it("with a word in several columns in different counts", async () => {
    const cases: [string, IndexQuery][] = [...en10(["lantern", "lant", "lantern torch", "torch", "torch lantern", "lamp lantern", "light"])];
    for (const limit of [1, 3]) cases.push(...en10(["lantern", "lantern torch"], limit));
    for (const category of [10, 20, 30]) cases.push(["lantern", { lang: "en_US", limit: 10, category }]);
    const { nonEmpty } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.7);
  });

  it("with typo corrections among candidates at equal distance and document count", async () => {
    const cases = en10([
      "zorbut", "zorbut details", "details zorbut", "zorbyt basics", "zorb", "zorbi", "zorbxt", "quintul", "quintol matters", "quintxl",
      "marbel", "garbel", "warbel", "marbel garbel", "xarble", "zorbut quintul",
    ]);
    for (const limit of [1, 3]) cases.push(...en10(["zorbut", "quintul", "zorbut details"], limit));
    for (const category of [10, 20, 30]) for (const q of ["zorbut", "quintul", "zorbyt basics"]) cases.push([q, { lang: "en_US", limit: 10, category }]);
    const { nonEmpty, corrected } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.6);
    expect(corrected).toBeGreaterThan(cases.length / 2);
  });

  it("with letters outside the BMP in words", async () => {
    // Prefixes are cut in characters, never in the middle of one (a lone surrogate matches nothing in D1).
    const cases = en10(["𝐳𝐨𝐫𝐛𝐢", "𝐳𝐨𝐫𝐛", "𝐳𝐨", "𝐳𝐨𝐫", "fancy 𝐳𝐨𝐫𝐛𝐞", "𝐥𝐚𝐧𝐭𝐞𝐫𝐧", "𝐥𝐚𝐧𝐭𝐞𝐫𝐱 text", "𝐥𝐚𝐧𝐭𝐞𝐫𝐧 text"]);
    const { nonEmpty } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.6);
    const loaded = await replicaOf();
    const o = { lang: "en_US", limit: 10 };
    const want = await searchIndex(d1Engine(db()), "𝐳𝐨𝐫", o);
    expect(want.length).toBeGreaterThan(0);
    expect(await searchIndex(replicaEngine(loaded.replica, d1Engine(db())), "𝐳𝐨𝐫", o)).toEqual(want);
  });

  // A typo in a word whose first letter is outside the BMP is corrected like any other: candidates share
  // its first character (once its first UTF-16 unit, half a character, which found none in D1).
  it("with a typo in a word whose first letter is outside the BMP", async () => {
    const loaded = await replicaOf();
    const o = { lang: "en_US", limit: 10 };
    for (const q of ["𝐳𝐨𝐫𝐛𝐚 text", "𝐳𝐨𝐫𝐛𝐞 fancy"]) {
      const want = await searchIndex(d1Engine(db()), q, o);
      expect(want.map((r) => r.id), q).toEqual([astral[0].id, astral[1].id]); // corrected: "𝐳𝐨𝐫𝐛𝐢" matches first
      expect(await searchIndex(replicaEngine(loaded.replica, d1Engine(db())), q, o), q).toEqual(want);
    }
  });

  it("in German and Japanese rows", async () => {
    const cases: [string, IndexQuery][] = [];
    for (const q of ["kündigung", "KÜNDIGUNG", "kundigung", "straße", "strasse", "größe", "grosse", "übersicht", "passwort", "passwort zurücksetzen", "konto", "rechnung", "rechnungen", "kundigunk", "rechnunk"])
      for (const limit of [1, 10]) cases.push([q, { lang: "de_DE", limit }]);
    for (const q of ["パスワード", "パスワードをリセット", "請求書", "ダウンロード", "牛丼", "𠮷野家", "𠮷野家の牛丼", "𠮷野宿", "𠮷野家屋", "𠮷田野家"]) for (const limit of [1, 10]) cases.push([q, { lang: "ja_JP", limit }]);
    cases.push(["kündigung", { lang: "de_DE", limit: 3, category: 30 }], ["パスワード", { lang: "ja_JP", limit: 3, category: 30 }]);
    const { nonEmpty } = await compare(cases);
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.7);
  });
});
