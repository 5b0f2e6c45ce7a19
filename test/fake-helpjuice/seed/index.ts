/**
 * The seed, and facts about it that tests compute expectations from. Everything here is derived from
 * ARTICLES, so the lists stay true when the content changes.
 */
import { DEFAULT_LANGUAGE, type SeedArticle } from "../types";
import { ARTICLES } from "./articles";

export { ARTICLES } from "./articles";
export { CATEGORIES, PARTNERS_GROUP_ID } from "./categories";
export * from "./users";
export { HOSTILE_ARTICLE_IDS, HOSTILE_DESCRIPTION, HOSTILE_VECTORS, YOUTUBE_EMBED, type HostileVector } from "./hostile";

const ids = (pred: (a: SeedArticle) => boolean) => ARTICLES.filter(pred).map((a) => a.id);

/** Published and accessibility 1: what an anonymous visitor may see. */
export const PUBLIC_ARTICLE_IDS = ids((a) => a.published && a.accessibility === 1);
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
export const LANGUAGES = [DEFAULT_LANGUAGE, "es_ES", "de_DE"] as const;

export const articleById = (id: number) => ARTICLES.find((a) => a.id === id);
