/** Facts about the fake's seed that several tests need, derived from the seed rather than hard-coded. */
import { ARTICLES, INTERNAL_ARTICLE_IDS } from "../fake-helpjuice/index";

export { INTERNAL_ARTICLE_IDS };

/** An internal article that is published, so staff can read it and anonymous visitors cannot. */
export const PUBLISHED_INTERNAL = ARTICLES.find((a) => a.accessibility === 0 && a.published)!.id;

/** A published public article. */
export const PUBLIC_ARTICLE = ARTICLES.find((a) => a.accessibility === 1 && a.published)!.id;
