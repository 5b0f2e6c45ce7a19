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
  return `${(space > SNIPPET_MAX * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
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
      url: str(hit.url),
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
  const language =
    str(article.language) || str(article.language_code) || str(answer?.language) || requestedLang || "en_US";
  return {
    id,
    title: str(article.name),
    description: str(article.description),
    html: "",
    rawHtml: str(answer?.processed_body) || str(answer?.body),
    url: str(article.url),
    language,
    updated_at: str(answer?.updated_at) || str(article.updated_at),
  };
}
