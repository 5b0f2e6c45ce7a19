/**
 * The fake's data model: what a Helpjuice account holds, in the reference's vocabulary
 * (accessibility 1 public, 0 internal, 2 private; roles superadmin, admin, collaborator, draft_writer, viewer).
 */
export type Accessibility = 0 | 1 | 2;
export type Role = "superadmin" | "admin" | "collaborator" | "draft_writer" | "viewer";

export interface SeedUser {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  role_id: Role;
  group_ids: number[];
  /** A deactivated user cannot be impersonated (401). */
  active: boolean;
}

export interface SeedGroup {
  id: number;
  name: string;
}

export interface SeedCategory {
  id: number;
  name: string;
  /** Id-prefixed slug, as the reference's "111-category". */
  codename: string;
  accessibility: Accessibility;
  description: string;
  /** For private categories: who may see them. */
  user_ids: number[];
  group_ids: number[];
}

export interface Translation {
  name: string;
  description: string;
  body: string;
}

export interface SeedArticle {
  id: number;
  name: string;
  description: string;
  /** Slug without the id; search results carry `${id}-${codename}` as `slug`. */
  codename: string;
  /** Main category first, then "also in" categories. */
  category_ids: number[];
  accessibility: Accessibility;
  published: boolean;
  /** For private articles: who may see them. */
  user_ids: number[];
  group_ids: number[];
  tags: string[];
  /** HTML in the default language (en_US); may hold `helpjuice-inserted-article` placeholders. */
  body: string;
  views: number;
  created_at: string;
  updated_at: string;
  author_id: number;
  /** Real answers carry `answer` as an array of answers, some as one object; the seed has both. */
  answerShape: "array" | "object";
  /** Keyed by language code, e.g. es_ES. */
  translations: Record<string, Translation>;
}

export const DEFAULT_LANGUAGE = "en_US";
export const ACCOUNT_URL = "https://acme.helpjuice.com";
