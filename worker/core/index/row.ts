/**
 * One article in one language as the edge index stores it, or null when it must not be there. Each
 * article is checked on its own, whatever filters the listing was asked for: a listing that ignored
 * `filter[accessibility]` must still leak nothing.
 */
import { categoryVerdict, type Membership } from "../articles/categories";
import { htmlToText, linesToText } from "./text/plain";
import { passagesOf, type Passage } from "./passages";
import { firstAnswer, safeUrl, UpstreamShapeError, type RawArticle } from "../articles/shape";
import { articleVisible, ANONYMOUS } from "../articles/visibility";

export interface IndexRow {
  id: number;
  lang: string;
  title: string;
  description: string;
  keywords: string;
  /** Plain text of the body as written: never `processed_body`, which expands inserted (maybe internal) articles. */
  body: string;
  categoryId: number;
  categoryName: string;
  url: string;
  views: number;
  updatedAt: string;
  /** Ask's passages of the body (core/index/passages.ts); rows read back from D1 do not carry them. */
  passages?: Passage[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : "");

export { htmlToText };

/**
 * The version of the text this module makes from a body. Bump it whenever htmlToText or linesToText would
 * write different text for the same article: rows are rewritten only when their fingerprint changes
 * (updated_at, category, views), so without a bump an unedited article would keep its old text forever.
 * The sync compares it with the one it last finished a full pass with (index-sync.ts) and, while they
 * differ, rewrites every row it lists. 2: block boundaries became visible separators (text/plain.ts).
 * 3: rows carry Ask's passages (migrations/0004_passages.sql), so rows written before have none.
 * 4: a long paragraph is cut into passages of about equal length, and a long article keeps more of them.
 */
export const INDEX_TEXT_VERSION = 4;

/**
 * The body's own markup says where its blocks end, so it is read first; `body_txt`, whose line breaks are
 * the only block boundaries it keeps, stands in for a body without markup.
 */
function bodyText(answer: Obj | null): string {
  return htmlToText(str(answer?.body)) || linesToText(str(answer?.body_txt));
}

function keywords(v: unknown): string {
  if (!Array.isArray(v)) return "";
  return v
    .map((k) => (isObj(k) ? str(k.name) : str(k)))
    .filter(Boolean)
    .join(", ");
}

export function articleId(raw: RawArticle): number | null {
  const n = raw.id;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** null: not for anonymous eyes (draft, internal, private, or in a category that is not public), or unreadable. */
export function indexRow(raw: RawArticle, lang: string, memberships: readonly Membership[] | undefined): IndexRow | null {
  const id = articleId(raw);
  if (id === null || !articleVisible(raw, ANONYMOUS)) return null;
  const verdict = categoryVerdict(memberships);
  if (!verdict.public) return null;
  const answer = firstAnswer(raw.answer);
  const views = typeof raw.views === "number" && Number.isFinite(raw.views) && raw.views > 0 ? Math.trunc(raw.views) : 0;
  return {
    id,
    lang,
    title: str(raw.name),
    description: htmlToText(str(raw.description)),
    keywords: keywords(raw.keywords),
    body: bodyText(answer),
    categoryId: verdict.category.id,
    categoryName: verdict.category.name,
    url: safeUrl(raw.url),
    views,
    updatedAt: str(raw.updated_at) || str(answer?.updated_at),
    passages: passagesOf(str(answer?.body), str(answer?.body_txt), lang),
  };
}

export interface ArticlePage {
  articles: RawArticle[];
  totalPages: number | null;
  totalCount: number | null;
}

/** `GET /api/v3/articles` → its articles and `meta`; throws on an answer that is not a listing. */
export function parseArticlePage(raw: unknown): ArticlePage {
  if (!isObj(raw) || !Array.isArray(raw.articles)) throw new UpstreamShapeError("article listing without articles");
  const meta = isObj(raw.meta) ? raw.meta : {};
  const int = (v: unknown) => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : null);
  return {
    articles: raw.articles.filter(isObj) as RawArticle[],
    // The reference spells it total_pages; its group listing has total_page.
    totalPages: int(meta.total_pages) ?? int(meta.total_page),
    totalCount: int(meta.total_count),
  };
}
