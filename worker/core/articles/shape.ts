/**
 * Shaping Helpjuice's answers into the contract's small JSON. Only fields named here leave the worker:
 * internal flags, author names, view counts and raw bodies stay behind.
 */
import { searchHitVisible, type Viewer } from "./visibility";

export interface SearchResult {
  id: number;
  title: string;
  snippet: string;
  url: string;
  category: { id: number; name: string } | null;
}

export interface Article {
  id: number;
  title: string;
  description: string;
  html: string;
  url: string;
  language: string;
  updated_at: string;
}

/** The most results a search keeps; requests slice this by their `limit`, so one cached entry serves all limits. */
export const MAX_RESULTS = 50;
const SNIPPET_MAX = 240;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const posInt = (v: unknown): number | null => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * A link for the widget to follow: absolute http(s), or a path on the knowledge base. Anything else
 * (`javascript:`, `data:`, protocol-relative, or not a string) becomes "" rather than a live href.
 */
export function safeUrl(v: unknown): string {
  if (typeof v !== "string") return "";
  const s = v.trim();
  if (s.startsWith("/") && !s.startsWith("//") && !s.includes("\\")) return s;
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:" ? s : "";
  } catch {
    return "";
  }
}

const LANGUAGE = /^[a-z]{2}_[A-Z]{2}$/;

/** Helpjuice's article URLs start with the language they are in: https://acme.helpjuice.com/es_ES/12-… */
function languageOfUrl(url: string): string {
  const m = /^(?:https?:\/\/[^/]+)?\/([a-z]{2}_[A-Z]{2})(?:\/|$)/.exec(url);
  return m ? m[1] : "";
}

const languageField = (v: unknown): string => (typeof v === "string" && LANGUAGE.test(v.trim()) ? v.trim() : "");

/** Samples are plain text in Helpjuice's examples, but authors paste HTML; never pass markup on as text. */
export function plainSnippet(text: string): string {
  const flat = text
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (flat.length <= SNIPPET_MAX) return flat;
  const cut = flat.slice(0, SNIPPET_MAX);
  const space = cut.lastIndexOf(" ");
  const body = (space > SNIPPET_MAX * 0.6 ? cut.slice(0, space) : cut).trimEnd();
  // No ellipsis after a sentence's end ("Range." and not "Range.…").
  return /[.!?…。！？]$/u.test(body) ? body : `${body}…`;
}

export class UpstreamShapeError extends Error {}

export function shapeSearch(raw: unknown, viewer: Viewer): SearchResult[] {
  if (!isObj(raw) || !Array.isArray(raw.searches)) throw new UpstreamShapeError("search answer without searches");
  const out: SearchResult[] = [];
  for (const hit of raw.searches) {
    if (!isObj(hit) || !searchHitVisible(hit, viewer)) continue;
    const id = posInt(hit.id);
    if (id === null) continue;
    const current = isObj(hit.categories) && isObj(hit.categories.current) ? hit.categories.current : null;
    const catId = current ? posInt(current.id) : null;
    out.push({
      id,
      title: str(hit.name),
      snippet: plainSnippet(str(hit.answer_sample) || str(hit.long_answer_sample)),
      url: safeUrl(hit.url),
      category: current && catId !== null ? { id: catId, name: str(current.name) } : null,
    });
    if (out.length === MAX_RESULTS) break;
  }
  return out;
}

/** `answer` is an array of answers in the reference and a single object in some real answers. */
export function firstAnswer(answer: unknown): Obj | null {
  if (Array.isArray(answer)) return answer.find(isObj) ?? null;
  return isObj(answer) ? answer : null;
}

export interface RawArticle extends Obj {
  id?: unknown;
  accessibility?: unknown;
  published?: unknown;
}

export function unwrapArticle(raw: unknown): RawArticle {
  if (!isObj(raw) || !isObj(raw.article)) throw new UpstreamShapeError("article answer without article");
  return raw.article;
}

/** The article as the contract has it, with the body still unsanitised (the caller sanitises it). */
export function shapeArticle(article: RawArticle, requestedLang: string | undefined): Article & { rawHtml: string } {
  const id = posInt(article.id);
  if (id === null) throw new UpstreamShapeError("article without id");
  const answer = firstAnswer(article.answer);
  const url = safeUrl(article.url);
  // The reference's article has no language field, and kb_language falls back to the default language when
  // there is no translation, so the requested language is only the last guess: what the answer says first,
  // then the language its URL is under.
  const language =
    languageField(article.language) ||
    languageField(article.language_code) ||
    languageField(answer?.language) ||
    languageOfUrl(url) ||
    requestedLang ||
    "en_US";
  return {
    id,
    title: str(article.name),
    description: str(article.description),
    html: "",
    rawHtml: str(answer?.processed_body) || str(answer?.body),
    url,
    language,
    // The article's own field, as the reference shows it; the answer's only when the article lacks one.
    updated_at: str(article.updated_at) || str(answer?.updated_at),
  };
}

/**
 * Ids of the articles inserted into this one: the placeholders in the raw `body`, which `processed_body`
 * replaces with their text (and no id). Fetched as the account owner, that text includes internal and
 * private articles, so an anonymous answer must check each of these before it shows `processed_body`.
 */
export function insertedArticleIds(article: RawArticle): number[] {
  const body = str(firstAnswer(article.answer)?.body);
  const ids = new Set<number>();
  for (const m of body.matchAll(/\bdata-inserted-article-id\s*=\s*["']?\s*(\d{1,10})/gi)) {
    const id = posInt(m[1]);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

/** The body as written, with inserted-article blocks left unexpanded. */
export function unprocessedBody(article: RawArticle): string {
  return str(firstAnswer(article.answer)?.body);
}
