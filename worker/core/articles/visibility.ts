/**
 * Who may see what. Helpjuice answers as the account owner unless told otherwise, so its answers include
 * internal, private and drafts; the worker filters. A signed user's answers are already narrowed by
 * Helpjuice to what that user may see, so for them only drafts are dropped.
 */
export type Viewer = { kind: "anonymous" } | { kind: "user"; email: string };

export const ANONYMOUS: Viewer = { kind: "anonymous" };

export interface SearchHitFlags {
  is_published?: unknown;
  is_internal?: unknown;
  is_private?: unknown;
}

export function searchHitVisible(hit: SearchHitFlags, viewer: Viewer): boolean {
  if (hit.is_published !== true) return false;
  if (viewer.kind === "user") return true;
  // Strict: a missing flag is treated as "not public", since a leak is worse than a missing result.
  return hit.is_internal === false && hit.is_private === false;
}

export interface ArticleFlags {
  accessibility?: unknown;
  published?: unknown;
}

export function articleVisible(article: ArticleFlags, viewer: Viewer): boolean {
  if (article.published !== true) return false;
  if (viewer.kind === "user") return true;
  // 1 or "1" only: Number() would also pass true, [1] and " 1 ", and a leak is worse than a 404.
  return article.accessibility === 1 || article.accessibility === "1";
}
