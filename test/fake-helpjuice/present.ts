/**
 * The JSON Helpjuice answers with, field for field as the reference shows it: articles (with `answer`
 * as an array or, for some articles, a single object), search hits and categories.
 */
import { ARTICLES } from "./seed/index";
import { userName } from "./seed/users";
import { htmlToText, truncate } from "./text";
import { ACCOUNT_URL, DEFAULT_LANGUAGE, type SeedArticle, type SeedCategory, type SeedUser } from "./types";
import { canSeeArticle, type Viewer } from "./visibility";

/** Keyword ids: one per distinct tag, numbered in seed order. */
const TAG_IDS = new Map<string, number>();
for (const art of ARTICLES) for (const t of art.tags) if (!TAG_IDS.has(t)) TAG_IDS.set(t, TAG_IDS.size + 1);
const tagId = (t: string) => {
  if (!TAG_IDS.has(t)) TAG_IDS.set(t, TAG_IDS.size + 1);
  return TAG_IDS.get(t)!;
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/** "July 30th, 2020", as search results carry `last_published_date`. */
export function displayDate(iso: string): string {
  const d = new Date(iso);
  return `${MONTHS[d.getUTCMonth()]} ${ordinal(d.getUTCDate())}, ${d.getUTCFullYear()}`;
}

/** The translation `kb_language` asks for, if the article has one (case-insensitive), else en_US. */
export function resolveLanguage(article: SeedArticle, requested: string | undefined): string {
  if (!requested) return DEFAULT_LANGUAGE;
  const want = requested.trim().toLowerCase();
  return Object.keys(article.translations).find((l) => l.toLowerCase() === want) ?? DEFAULT_LANGUAGE;
}

export function content(article: SeedArticle, lang: string): { name: string; description: string; body: string } {
  return article.translations[lang] ?? article;
}

export const articleUrl = (a: SeedArticle, lang = DEFAULT_LANGUAGE) => `${ACCOUNT_URL}/${lang}/${a.id}-${a.codename}`;
export const categoryUrl = (c: SeedCategory) => `${ACCOUNT_URL}/${DEFAULT_LANGUAGE}/categories/${c.codename}`;

export interface Lookup {
  article(id: number): SeedArticle | undefined;
  category(id: number): SeedCategory | undefined;
  user(id: number): SeedUser | undefined;
}

const INSERTED = /<div\b[^>]*\bclass="helpjuice-inserted-article"[^>]*\bdata-inserted-article-id="(\d+)"[^>]*>\s*<\/div>/g;

/**
 * `processed_body`: inserted-article placeholders replaced by the inserted article's body (in the same
 * language when it has that translation), as the reference's example shows. An inserted article the
 * viewer may not see, or that does not exist, is left out.
 */
export function processBody(html: string, lang: string, viewer: Viewer, lookup: Lookup, depth = 0): string {
  return html.replace(INSERTED, (_m, id: string) => {
    const inserted = lookup.article(Number(id));
    if (!inserted || depth >= 3 || !canSeeArticle(viewer, inserted, lookup.category)) return "";
    const inner = processBody(content(inserted, lang in inserted.translations ? lang : DEFAULT_LANGUAGE).body, lang, viewer, lookup, depth + 1);
    return `<div class="helpjuice-inserted-article notranslate">\n<div class="helpjuice-inserted-article-body">\n${inner}</div></div>`;
  });
}

export interface PresentOptions {
  lang?: string;
  processed: boolean;
  viewer: Viewer;
  lookup: Lookup;
}

export function presentArticle(article: SeedArticle, opts: PresentOptions) {
  const language = resolveLanguage(article, opts.lang);
  const c = content(article, language);
  const answer: Record<string, unknown> = {
    body: c.body,
    body_txt: htmlToText(c.body),
    format: "html",
  };
  if (opts.processed) answer.processed_body = processBody(c.body, language, opts.viewer, opts.lookup);
  answer.updated_at = article.updated_at;
  return {
    id: article.id,
    name: c.name,
    views: article.views,
    accessibility: article.accessibility,
    description: c.description,
    codename: article.codename,
    created_at: article.created_at,
    updated_at: article.updated_at,
    published: article.published,
    answer: article.answerShape === "object" ? answer : [answer],
    keywords: article.tags.map((t) => ({ id: tagId(t), name: t })),
    url: articleUrl(article, language),
    language,
  };
}

/**
 * The flags a search hit carries. Helpjuice flags an article internal (or private) when its category is,
 * whatever the article's own accessibility says: the category limits who may read it.
 */
function hitFlags(article: SeedArticle, lookup: Lookup): { is_internal: boolean; is_private: boolean } {
  const cats = article.category_ids.map((id) => lookup.category(id)?.accessibility);
  const own = article.accessibility;
  return {
    is_internal: own === 0 || (own === 1 && cats.includes(0)),
    is_private: own === 2 || (own === 1 && cats.includes(2)),
  };
}

export function presentSearchHit(article: SeedArticle, lookup: Lookup) {
  const text = htmlToText(article.body);
  const main = lookup.category(article.category_ids[0]);
  const flags = hitFlags(article, lookup);
  const author = lookup.user(article.author_id);
  return {
    id: article.id,
    name: article.name,
    slug: `${article.id}-${article.codename}`,
    tag_names: [...article.tags],
    answer_sample: article.description || truncate(text, 100),
    long_answer_sample: truncate(text, 300),
    categories: {
      current: main ? { id: main.id, name: main.name, url: categoryUrl(main) } : null,
    },
    // A draft that was never published has no publication to describe.
    last_published_date: article.published ? displayDate(article.updated_at) : null,
    last_published_user_name: article.published && author ? userName(author) : null,
    is_published: article.published,
    ...flags,
    url: articleUrl(article),
  };
}

export function presentCategory(category: SeedCategory, articles: SeedArticle[], viewer: Viewer, lookup: Lookup) {
  const inCategory = articles.filter((a) => a.category_ids.includes(category.id) && canSeeArticle(viewer, a, lookup.category));
  const ref = (a: SeedArticle) => ({ id: a.id, name: a.name, url: articleUrl(a) });
  return {
    id: category.id,
    name: category.name,
    codename: category.codename,
    accessibility: category.accessibility,
    description: category.description,
    published_questions: inCategory.filter((a) => a.published).map(ref),
    draft_questions: inCategory.filter((a) => !a.published).map(ref),
    url: categoryUrl(category),
  };
}
