/**
 * What the categories listing says about articles. Article objects name no category (reference,
 * "Articles"); categories list the articles they hold (`published_questions`, `draft_questions`), and a
 * category's accessibility limits every article inside it. So an article is public only when each category
 * that holds it is public, and an article no category holds is not known to be public at all.
 */
import { UpstreamShapeError } from "./shape";

export interface Category {
  id: number;
  name: string;
  accessibility: number | null;
  articleIds: number[];
}

export type CategoryVerdict =
  | { public: true; category: { id: number; name: string } }
  | { public: false; reason: "restricted" | "unlisted" };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const posInt = (v: unknown): number | null => {
  const n = typeof v === "string" && /^\d{1,10}$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : null;
};

function ids(list: unknown): number[] {
  if (!Array.isArray(list)) return [];
  const out: number[] = [];
  for (const q of list) {
    const id = isObj(q) ? posInt(q.id) : posInt(q);
    if (id !== null) out.push(id);
  }
  return out;
}

/** `GET /api/v3/categories` → categories; throws on an answer that is not a listing. */
export function parseCategories(raw: unknown): Category[] {
  if (!isObj(raw) || !Array.isArray(raw.categories)) throw new UpstreamShapeError("categories answer without categories");
  const out: Category[] = [];
  for (const c of raw.categories) {
    if (!isObj(c)) continue;
    const id = posInt(c.id);
    if (id === null) continue;
    const a = c.accessibility;
    out.push({
      id,
      name: typeof c.name === "string" ? c.name : "",
      // 1 or "1" is public; anything else (missing included) is treated as restricted.
      accessibility: a === 1 || a === "1" ? 1 : typeof a === "number" ? a : a === "0" ? 0 : a === "2" ? 2 : null,
      articleIds: [...ids(c.published_questions), ...ids(c.draft_questions)],
    });
  }
  return out;
}

export interface Membership {
  categoryId: number;
  name: string;
  accessibility: number | null;
}

/** article id → the categories holding it, in listing order. */
export function membershipByArticle(categories: Category[]): Map<number, Membership[]> {
  const map = new Map<number, Membership[]>();
  for (const c of categories) {
    for (const id of c.articleIds) {
      const list = map.get(id) ?? [];
      if (!list.some((m) => m.categoryId === c.id)) list.push({ categoryId: c.id, name: c.name, accessibility: c.accessibility });
      map.set(id, list);
    }
  }
  return map;
}

export function categoryVerdict(memberships: readonly Membership[] | undefined): CategoryVerdict {
  if (!memberships || memberships.length === 0) return { public: false, reason: "unlisted" };
  if (memberships.some((m) => m.accessibility !== 1)) return { public: false, reason: "restricted" };
  return { public: true, category: { id: memberships[0].categoryId, name: memberships[0].name } };
}
