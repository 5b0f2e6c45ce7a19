/**
 * Articles the edge index lists without a query (popular, a page's suggestions by id, related): the columns
 * they read of a `docs` row, and the search result each becomes, so every list has search's shape.
 */
import type { SearchResult } from "../articles/shape";
import type { IndexedRow } from "./replica";
import { snippet } from "./snippet";

/** The select list for an IndexedRow, the body cut to what a snippet needs. */
export const LISTED = "article_id AS id, title, url, category_id AS cid, category_name AS cname, description, substr(body, 1, 400) AS body";

export const listed = (r: IndexedRow): SearchResult => ({
  id: r.id,
  title: r.title,
  snippet: snippet([r.description, r.body], []),
  url: r.url,
  category: { id: r.cid, name: r.cname },
});
