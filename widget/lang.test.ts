import { html, render } from "lit";
import { highlight } from "./highlight.js";
import { bcp47, fmt, helpjuiceLang, isRtl, loadStrings } from "./lang.js";
import { LATER, later } from "./strings/later.js";
import { INAPP } from "./strings/inapp.js";
import { equal, deepEqual } from "./test/helpers.js";

describe("lang", () => {
  it("maps <html lang> tags to Helpjuice's xx_XX", () => {
    const cases: Array<[string | null, string | undefined]> = [
      ["es", "es_ES"],
      ["pt-BR", "pt_BR"],
      ["pt", "pt_BR"],
      ["en", "en_US"],
      ["en-GB", "en_GB"],
      ["de-DE", "de_DE"],
      ["fr", "fr_FR"],
      ["ja", "ja_JP"],
      ["ar", "ar_SA"],
      ["es_ES", "es_ES"],
      ["EN-us", "en_US"],
      ["zh-Hant-TW", "zh_TW"],
      ["es-419", "es_ES"],
      ["", undefined],
      [null, undefined],
      ["english", undefined],
      ["x-klingon", undefined],
    ];
    for (const [tag, want] of cases) equal(helpjuiceLang(tag), want, `helpjuiceLang(${JSON.stringify(tag)})`);
  });

  it("knows right-to-left languages and the BCP 47 form", () => {
    equal(isRtl("ar_SA"), true, "ar");
    equal(isRtl("en_US"), false, "en");
    equal(bcp47("pt_BR"), "pt-BR", "bcp47");
  });

  it("has every UI string in every language", async () => {
    const en = await loadStrings("en_US");
    for (const code of ["es_ES", "de_DE", "fr_FR", "pt_BR", "ja_JP", "ar_SA"]) {
      const t = await loadStrings(code);
      deepEqual(Object.keys(t), Object.keys(en), `keys of ${code}`);
      const same = Object.keys(en).filter((k) => t[k as keyof typeof en] === en[k as keyof typeof en] && k !== "down");
      deepEqual(same, [], `${code} strings still in English`);
      // The lazy chunks' text (strings/later.ts): every key, translated, placeholders kept.
      const l = LATER[code.slice(0, 2)];
      deepEqual(Object.keys(l), Object.keys(LATER.en), `chunk keys of ${code}`);
      const sameLater = Object.keys(LATER.en).filter((k) => l[k as keyof typeof l] === LATER.en[k as keyof typeof l] && k !== "down");
      deepEqual(sameLater, [], `${code} chunk strings still in English`);
      equal(/\{n\}/.test(l.results), true, `${code} results keeps {n}`);
      equal(/\{q\}/.test(l.none), true, `${code} none keeps {q}`);
      // The in-app help's text (strings/inapp.ts): the same.
      const a = INAPP[code.slice(0, 2)];
      deepEqual(Object.keys(a), Object.keys(INAPP.en), `in-app keys of ${code}`);
      const sameInApp = Object.keys(INAPP.en).filter((k) => a[k as keyof typeof a] === INAPP.en[k as keyof typeof a]);
      deepEqual(sameInApp, [], `${code} in-app strings still in English`);
      equal(/\{title\}/.test(a.remove), true, `${code} remove keeps {title}`);
    }
    equal(later({ popular: "Top reads", up: undefined }, "es_ES").popular, "Top reads", "a host override wins");
    equal(later({ up: undefined }, "es_ES").up, "Sí", "an unset override does not hide the language's text");
    equal((await loadStrings("it_IT")).placeholder, en.placeholder, "unknown language falls back to English");
  });

  it("fills placeholders", () => {
    equal(fmt("{n} results for {q}", { n: 3, q: "x" }), "3 results for x", "fmt");
    equal(fmt("{n} {other}", { n: 1 }), "1 {other}", "unknown placeholder kept");
  });
});

describe("highlight", () => {
  const show = (text: string, q: string) => {
    const div = document.createElement("div");
    render(html`${highlight(html, text, q)}`, div);
    return div;
  };

  it("marks every word of the query, case-insensitively", () => {
    const div = show("Reset your password: PASSWORD resets", "reset password");
    deepEqual([...div.querySelectorAll("mark")].map((m) => m.textContent), ["Reset", "password", "PASSWORD", "reset"], "marks");
    equal(div.textContent, "Reset your password: PASSWORD resets", "text unchanged");
  });

  it("never parses the text or the query as HTML", () => {
    const div = show('<img src=x onerror="alert(1)"> <b>bold</b>', "<b>");
    equal(div.querySelector("img"), null, "no img element");
    equal(div.querySelector("b"), null, "no b element");
    equal(div.textContent, '<img src=x onerror="alert(1)"> <b>bold</b>', "shown as text");
    const regexy = show("C++ (beta) costs $5.00", "c++ (beta) $5.00 .*");
    deepEqual([...regexy.querySelectorAll("mark")].map((m) => m.textContent), ["beta", "00"], "regex characters are literal");
  });

  it("ignores single letters unless they are the whole query, and handles Japanese", () => {
    deepEqual([...show("a data api", "a api").querySelectorAll("mark")].map((m) => m.textContent), ["api"], "single letter dropped");
    deepEqual([...show("パスワードの再設定", "パスワード").querySelectorAll("mark")].map((m) => m.textContent), ["パスワード"], "ja");
  });
});
