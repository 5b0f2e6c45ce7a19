import { en, type Strings } from "./strings/en.js";

/**
 * Regions Helpjuice expects when a page only says the language (`ja` → `ja_JP`); otherwise `xx` becomes
 * `xx_XX`. One string (" " + language + region) rather than an object: it is in the first load, and smaller so.
 */
const REGIONS = " enUS jaJP arSA ptBR zhCN koKR svSE daDK csCZ elGR heIL ukUA hiIN nbNO viVN faIR urPK";

/**
 * A BCP 47 tag or a Helpjuice code → Helpjuice's `xx_XX` (`es` → `es_ES`, `pt-BR` → `pt_BR`), or undefined
 * when the tag says nothing usable, so the worker falls back to the account's default language.
 */
export function helpjuiceLang(tag: string | null | undefined): string | undefined {
  const m = /^([a-z]{2})(?:[-_](?:[a-z]{4}[-_])?([a-z]{2}))?(?:[-_].*)?$/i.exec((tag ?? "").trim());
  if (!m) return undefined;
  const lang = m[1].toLowerCase();
  return `${lang}_${(m[2] ?? REGIONS.split(` ${lang}`)[1]?.slice(0, 2) ?? lang).toUpperCase()}`;
}

/** `es_ES` → `es-ES`: the form the `lang` attribute and screen readers understand. */
export const bcp47 = (code: string) => code.replace("_", "-");

export const isRtl = (code: string) => /^(ar|he|fa|ur)(?![a-z])/i.test(code);

// Each language is its own small chunk: a page pays only for the one it speaks.
const PACKS: Record<string, () => Promise<{ default: Partial<Strings> }>> = {
  es: () => import("./strings/es.js"),
  de: () => import("./strings/de.js"),
  fr: () => import("./strings/fr.js"),
  pt: () => import("./strings/pt.js"),
  ja: () => import("./strings/ja.js"),
  ar: () => import("./strings/ar.js"),
};

/** The UI text for a Helpjuice code; English when the language has no pack or its chunk fails to load. */
export async function loadStrings(code: string | undefined): Promise<Strings> {
  const pack = PACKS[(code ?? "").slice(0, 2)];
  try {
    return { ...en, ...(pack ? (await pack()).default : {}) };
  } catch {
    return en;
  }
}

/** Fills `{n}`/`{q}`; overrides from the host may leave them out, which is fine. */
export const fmt = (s: string, vars: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));
