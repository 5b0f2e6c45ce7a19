/**
 * The seed, and facts about it that tests compute expectations from. Everything here is derived from
 * ARTICLES, so the lists stay true when the content changes.
 */
import { DEFAULT_LANGUAGE, type SeedArticle } from "../types";
import { ARTICLES } from "./articles";
import { CATEGORIES } from "./categories";

export { ARTICLES } from "./articles";
export { CATEGORIES, PARTNERS_GROUP_ID } from "./categories";
export * from "./users";
export { HOSTILE_ARTICLE_IDS, HOSTILE_DESCRIPTION, HOSTILE_VECTORS, YOUTUBE_EMBED, type HostileVector } from "./hostile";

const ids = (pred: (a: SeedArticle) => boolean) => ARTICLES.filter(pred).map((a) => a.id);

const categoryAccess = (id: number) => CATEGORIES.find((c) => c.id === id)?.accessibility;
const inPublicCategories = (a: SeedArticle) => a.category_ids.every((id) => categoryAccess(id) === 1);

/** Published, accessibility 1 and only in public categories: what an anonymous visitor may see. */
export const PUBLIC_ARTICLE_IDS = ids((a) => a.published && a.accessibility === 1 && inPublicCategories(a));
/**
 * Published with accessibility 1, but in an internal category ([77], "Escalation matrix…"): Helpjuice hides
 * it from customers (the category limits it) and flags its search hit internal; its own `accessibility`
 * still says 1, so a client that trusts that field leaks it.
 */
export const PUBLIC_IN_INTERNAL_CATEGORY_IDS = ids((a) => a.published && a.accessibility === 1 && a.category_ids.some((id) => categoryAccess(id) === 0));
/** A word only PUBLIC_IN_INTERNAL_CATEGORY_IDS' article has, for searching it. */
export const PUBLIC_IN_INTERNAL_CATEGORY_WORD = "matrix";
/** accessibility 0 (published or not). */
export const INTERNAL_ARTICLE_IDS = ids((a) => a.accessibility === 0);
/** accessibility 2 (published or not). */
export const PRIVATE_ARTICLE_IDS = ids((a) => a.accessibility === 2);
/** published false (any accessibility). */
export const UNPUBLISHED_ARTICLE_IDS = ids((a) => !a.published);
/** Articles whose `answer` is a single object rather than an array. */
export const OBJECT_ANSWER_ARTICLE_IDS = ids((a) => a.answerShape === "object");
/** Articles with `helpjuice-inserted-article` blocks that `processed=true` expands. */
export const INSERTING_ARTICLE_IDS = ids((a) => a.body.includes("helpjuice-inserted-article"));
/** Article id → languages it is translated into (besides en_US). */
export const TRANSLATED_ARTICLES: Record<number, string[]> = Object.fromEntries(
  ARTICLES.filter((a) => Object.keys(a.translations).length > 0).map((a) => [a.id, Object.keys(a.translations).sort()]),
);
/** The knowledge base's languages: en_US (the default) and those the seed translates into. */
export const LANGUAGES = [DEFAULT_LANGUAGE, "es_ES", "de_DE", "ja_JP"] as const;
/** Article ids translated into each language besides en_US. */
export const ARTICLES_BY_LANGUAGE: Record<string, number[]> = Object.fromEntries(
  LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE).map((l) => [l, ids((a) => l in a.translations)]),
);

export const articleById = (id: number) => ARTICLES.find((a) => a.id === id);
