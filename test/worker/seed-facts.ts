/** Facts about the fake's seed that several tests need, derived from the seed rather than hard-coded. */
import { ARTICLES, HOSTILE_ARTICLE_IDS, INTERNAL_ARTICLE_IDS, PARTNERS_GROUP_ID, PUBLIC_IN_INTERNAL_CATEGORY_IDS, type SeedArticle } from "../fake-helpjuice/index";

export { INTERNAL_ARTICLE_IDS };

/** An internal article that is published, so staff can read it and anonymous visitors cannot. */
export const PUBLISHED_INTERNAL = ARTICLES.find((a) => a.accessibility === 0 && a.published)!.id;

/** A published public article. */
export const PUBLIC_ARTICLE = ARTICLES.find((a) => a.accessibility === 1 && a.published)!.id;

// Whole articles picked by their flags, for the vote, identity and webhook tests. The hostile articles are
// left out: they test the sanitiser, not access.
const plain = ARTICLES.filter((a) => !HOSTILE_ARTICLE_IDS.includes(a.id));
/** Public by its own flags, but in a category that is not: anonymous visitors may not see it either. */
const inRestrictedCategory = (a: SeedArticle) => PUBLIC_IN_INTERNAL_CATEGORY_IDS.includes(a.id);

function pick(what: string, pred: (a: SeedArticle) => boolean): SeedArticle[] {
  const found = plain.filter(pred);
  if (!found.length) throw new Error(`the seed has no ${what}`);
  return found;
}

/** Published and public: what an anonymous visitor may read (and vote on). */
export const PUBLIC = pick("public article", (a) => a.published && a.accessibility === 1 && !inRestrictedCategory(a));
/** Published, internal: staff (collaborators) may read it, anonymous visitors may not. */
export const INTERNAL = pick("internal article", (a) => a.published && a.accessibility === 0)[0];
/** Published, private to the Partners group only (no named users): the partner sees it, the viewer does not. */
export const PARTNERS_ONLY = pick(
  "private article for the Partners group",
  (a) => a.published && a.accessibility === 2 && a.user_ids.length === 0 && a.group_ids.includes(PARTNERS_GROUP_ID),
)[0];
/** A draft, so unpublished whatever else it is. */
export const DRAFT = pick("draft", (a) => !a.published)[0];
/** A public article translated into Spanish. */
export const TRANSLATED = pick("public article in es_ES", (a) => a.published && a.accessibility === 1 && !inRestrictedCategory(a) && "es_ES" in a.translations)[0];
/** An id no article has. */
export const MISSING_ID = Math.max(...ARTICLES.map((a) => a.id)) + 1000;
