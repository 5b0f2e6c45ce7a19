/**
 * Content written through the control routes rather than the seed: one new article (POST
 * /__fake/articles) or a whole corpus (PUT /__fake/corpus, e.g. BEIR SciFact for the relevance benchmark).
 * Inputs are checked strictly (unknown fields are refused, so a typo does not silently load defaults) and
 * filled in the way the Helpjuice editor would: accessibility 1, published, in the first public category.
 * A plain-text body becomes paragraphs of escaped HTML, since every Helpjuice body is HTML: left as text,
 * a "<" in it ("p < 0.05") would read as markup and eat the words after it.
 */
import { escapeHtml } from "./seed/html";
import { slugify } from "./seed/articles";
import type { Accessibility, SeedArticle, SeedCategory, Translation } from "./types";

type Json = Record<string, unknown>;

const ARTICLE_FIELDS = new Set([
  "id",
  "name",
  "description",
  "body",
  "format",
  "category_ids",
  "accessibility",
  "published",
  "tags",
  "translations",
  "views",
  "author_id",
  "created_at",
  "updated_at",
]);
const TRANSLATION_FIELDS = new Set(["name", "description", "body", "format"]);
const CATEGORY_FIELDS = new Set(["id", "name", "codename", "accessibility", "description", "user_ids", "group_ids"]);

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;
/** Ids as numbers, or as digit strings (BEIR's doc ids are strings such as "4983"). */
const toId = (v: unknown): number | undefined => (isId(v) ? (v as number) : typeof v === "string" && /^\d{1,15}$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
const isAccessibility = (v: unknown): v is Accessibility => v === 0 || v === 1 || v === 2;
const isIsoDate = (v: unknown) => typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v));

const LOOKS_LIKE_HTML = /<\/?(p|div|br|h[1-6]|ul|ol|li|strong|em|b|i|a|span|table|pre|code|img|blockquote)\b[^>]*>/i;

/** An HTML body as given; plain text as escaped paragraphs (blank lines part them). */
export function toHtmlBody(text: string, format?: unknown): string {
  const html = format === "html" || (format !== "text" && LOOKS_LIKE_HTML.test(text));
  if (html) return text;
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((para) => para.trim())
    .filter(Boolean)
    .map((para) => `<p>${escapeHtml(para).replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
}

function unknownFields(o: Json, known: Set<string>): string | null {
  const extra = Object.keys(o).filter((k) => !known.has(k));
  return extra.length ? `unknown fields: ${extra.join(", ")}` : null;
}

function parseTranslations(v: unknown): Record<string, Translation> | string {
  if (v === undefined) return {};
  if (!isObject(v)) return "translations map a language code to {name, description, body}";
  const out: Record<string, Translation> = {};
  for (const [lang, t] of Object.entries(v)) {
    if (!/^[a-z]{2}(_[A-Za-z]{2})?$/.test(lang)) return `translations: ${JSON.stringify(lang)} is not a language code such as ja_JP`;
    if (!isObject(t)) return `translations.${lang} is an object`;
    const extra = unknownFields(t, TRANSLATION_FIELDS);
    if (extra) return `translations.${lang}: ${extra}`;
    if (typeof t.name !== "string" || !t.name.trim()) return `translations.${lang}.name is a non-empty string`;
    if (t.description !== undefined && typeof t.description !== "string") return `translations.${lang}.description must be a string`;
    if (typeof t.body !== "string") return `translations.${lang}.body is a string`;
    out[lang] = { name: t.name, description: (t.description as string | undefined) ?? "", body: toHtmlBody(t.body, t.format) };
  }
  return out;
}

export interface ArticleContext {
  /** For created_at/updated_at when the input has none. */
  now: number;
  categories: SeedCategory[];
  /** The id to use when the input has none. */
  nextId: () => number;
}

/** An article from a JSON input, with defaults; a message when the input is bad. */
export function parseArticle(v: unknown, ctx: ArticleContext): SeedArticle | string {
  if (!isObject(v)) return "an article is a JSON object";
  const extra = unknownFields(v, ARTICLE_FIELDS);
  if (extra) return extra;
  const id = v.id === undefined ? ctx.nextId() : toId(v.id);
  if (id === undefined) return "id must be a positive integer";
  const where = `article ${id}`;
  if (typeof v.name !== "string" || !v.name.trim()) return `${where}: name is a non-empty string`;
  if (v.description !== undefined && typeof v.description !== "string") return `${where}: description must be a string`;
  if (v.body !== undefined && typeof v.body !== "string") return `${where}: body must be a string`;
  if (v.format !== undefined && v.format !== "html" && v.format !== "text") return `${where}: format is "html" or "text"`;
  if (v.accessibility !== undefined && !isAccessibility(v.accessibility)) return `${where}: accessibility must be 0, 1 or 2`;
  if (v.published !== undefined && typeof v.published !== "boolean") return `${where}: published must be a boolean`;
  if (v.tags !== undefined && (!Array.isArray(v.tags) || !v.tags.every((t) => typeof t === "string"))) return `${where}: tags must be strings`;
  if (v.views !== undefined && !(Number.isSafeInteger(v.views) && (v.views as number) >= 0)) return `${where}: views must be a count`;
  if (v.author_id !== undefined && !isId(v.author_id)) return `${where}: author_id must be a user id`;
  for (const k of ["created_at", "updated_at"]) if (v[k] !== undefined && !isIsoDate(v[k])) return `${where}: ${k} must be an ISO 8601 time`;

  let categoryIds: number[];
  if (v.category_ids === undefined) {
    const first = ctx.categories.find((c) => c.accessibility === 1);
    if (!first) return `${where}: category_ids is needed, there is no public category`;
    categoryIds = [first.id];
  } else {
    if (!Array.isArray(v.category_ids) || !v.category_ids.length || !v.category_ids.every(isId)) return `${where}: category_ids is a non-empty array of ids`;
    const missing = (v.category_ids as number[]).filter((cid) => !ctx.categories.some((c) => c.id === cid));
    if (missing.length) return `${where}: no category ${missing.join(", ")}`;
    categoryIds = [...new Set(v.category_ids as number[])];
  }
  const translations = parseTranslations(v.translations);
  if (typeof translations === "string") return `${where}: ${translations}`;

  const now = new Date(ctx.now).toISOString();
  const created = (v.created_at as string | undefined) ?? (v.updated_at as string | undefined) ?? now;
  return {
    id,
    name: v.name,
    description: (v.description as string | undefined) ?? "",
    codename: slugify(v.name) || "article",
    category_ids: categoryIds,
    accessibility: (v.accessibility as Accessibility | undefined) ?? 1,
    published: (v.published as boolean | undefined) ?? true,
    user_ids: [],
    group_ids: [],
    tags: [...((v.tags as string[] | undefined) ?? [])],
    body: toHtmlBody((v.body as string | undefined) ?? "", v.format),
    views: (v.views as number | undefined) ?? 0,
    created_at: new Date(created).toISOString(),
    updated_at: new Date((v.updated_at as string | undefined) ?? created).toISOString(),
    author_id: (v.author_id as number | undefined) ?? 1,
    answerShape: "array",
    translations,
  };
}

/** A category from a JSON input (a corpus' own categories); a message when it is bad. */
export function parseCategory(v: unknown): SeedCategory | string {
  if (!isObject(v)) return "a category is a JSON object";
  const extra = unknownFields(v, CATEGORY_FIELDS);
  if (extra) return `category: ${extra}`;
  if (!isId(v.id)) return "category id must be a positive integer";
  const id = v.id as number;
  if (typeof v.name !== "string" || !v.name.trim()) return `category ${id}: name is a non-empty string`;
  if (v.accessibility !== undefined && !isAccessibility(v.accessibility)) return `category ${id}: accessibility must be 0, 1 or 2`;
  if (v.description !== undefined && typeof v.description !== "string") return `category ${id}: description must be a string`;
  if (v.codename !== undefined && typeof v.codename !== "string") return `category ${id}: codename must be a string`;
  for (const k of ["user_ids", "group_ids"]) if (v[k] !== undefined && !(Array.isArray(v[k]) && (v[k] as unknown[]).every(isId))) return `category ${id}: ${k} must be ids`;
  return {
    id,
    name: v.name,
    codename: (v.codename as string | undefined) ?? `${id}-${slugify(v.name) || "category"}`,
    accessibility: (v.accessibility as Accessibility | undefined) ?? 1,
    description: (v.description as string | undefined) ?? "",
    user_ids: [...((v.user_ids as number[] | undefined) ?? [])],
    group_ids: [...((v.group_ids as number[] | undefined) ?? [])],
  };
}

export interface Corpus {
  categories?: SeedCategory[];
  articles: SeedArticle[];
}

/** A whole corpus: {categories?, articles}. Categories, when given, replace the current ones. */
export function parseCorpus(v: unknown, now: number, current: SeedCategory[]): Corpus | string {
  if (!isObject(v)) return "the corpus is a JSON object {categories?, articles}";
  const extra = unknownFields(v, new Set(["categories", "articles"]));
  if (extra) return extra;
  let categories: SeedCategory[] | undefined;
  if (v.categories !== undefined) {
    if (!Array.isArray(v.categories)) return "categories is an array";
    categories = [];
    for (const raw of v.categories) {
      const cat = parseCategory(raw);
      if (typeof cat === "string") return cat;
      if (categories.some((c) => c.id === cat.id)) return `duplicate category id ${cat.id}`;
      categories.push(cat);
    }
  }
  if (!Array.isArray(v.articles)) return "articles is an array";
  const ctxCategories = categories ?? current;
  const taken = new Set<number>();
  for (const raw of v.articles) {
    const id = isObject(raw) ? toId(raw.id) : undefined;
    if (id !== undefined) taken.add(id);
  }
  let next = 1;
  const ctx: ArticleContext = {
    now,
    categories: ctxCategories,
    nextId: () => {
      while (taken.has(next)) next++;
      taken.add(next);
      return next;
    },
  };
  const articles: SeedArticle[] = [];
  const seen = new Set<number>();
  for (const raw of v.articles) {
    const art = parseArticle(raw, ctx);
    if (typeof art === "string") return art;
    if (seen.has(art.id)) return `duplicate article id ${art.id}`;
    seen.add(art.id);
    articles.push(art);
  }
  return { categories, articles };
}
