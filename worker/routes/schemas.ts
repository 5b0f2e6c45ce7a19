/**
 * The edge API's inputs: these schemas validate requests (middleware/validate.ts) and, at build time, make
 * /v1/openapi.json's parameters (api-doc/), so the published description cannot drift from what the worker
 * accepts.
 */
import * as v from "valibot";
import { objectMessage } from "../core/object-message";

/** Article and category ids are Helpjuice's (PostgreSQL integers): 1 to 2^31 − 1. */
export const MAX_ID = 2_147_483_647;
/** A positive id as a query parameter carries it: digits, no leading zero, at most ten. */
export const ID = /^[1-9][0-9]{0,9}$/;
/** `limit`: 1 to MAX_LIMIT, written in at most three digits. */
export const LIMIT = /^[0-9]{1,3}$/;
export const MAX_LIMIT = 50;
/** `q`'s longest, in characters (code points) after trimming. */
export const MAX_Q = 200;

export type Json = Record<string, unknown>;
/** What the description says of a check JSON Schema cannot express (api-doc/kit.ts). */
export const doc = <T>(d: Json) => v.metadata<T, { readonly doc: Json }>({ doc: d });
/** A description (and example) for a schema JSON Schema expresses on its own. */
export const about = <T>(description: string, example?: unknown) =>
  v.metadata<T, { readonly description: string; readonly example?: unknown }>(example === undefined ? { description } : { description, example });

/** How an id parameter reads in the spec: the integer a client sends, with the limits the worker checks. */
const idDoc = (example: number, description: string) => ({ type: "integer", minimum: 1, maximum: MAX_ID, example, description });

const positiveId = (name: string, example: number, description: string) =>
  v.pipe(
    v.string(`${name} must be a positive integer`),
    v.regex(ID, `${name} must be a positive integer`),
    v.transform(Number),
    v.check((n) => n <= MAX_ID, `${name} must be a positive integer`),
    doc<number>(idDoc(example, description)),
  );

export const LANG = /^[a-z]{2}_[A-Z]{2}$/;
const LangParam = v.pipe(
  v.string("lang must look like en_US"),
  v.regex(LANG, "lang must look like en_US"),
  about<string>("Helpjuice language code; falls back to the default language", "es_ES"),
);

const LimitParam = v.optional(
  v.pipe(
    v.string("limit must be an integer from 1 to 50"),
    v.regex(LIMIT, "limit must be an integer from 1 to 50"),
    v.transform(Number),
    v.check((n) => n >= 1 && n <= MAX_LIMIT, "limit must be an integer from 1 to 50"),
    doc<number>({ type: "integer", minimum: 1, maximum: 50, default: 10, example: 5, description: "How many results, 1–50 (default 10)" }),
  ),
);

const CategoryParam = v.optional(positiveId("category", 3, "Only articles in this category (a Helpjuice category id)"));

const QueryParam = (description: string) =>
  v.pipe(
    v.string("q is required"),
    v.transform((s) => s.trim()),
    // Characters as a person counts them (code points), not UTF-16 units: 200 emoji are 200 characters.
    v.check((s) => s.length >= 1 && [...s].length <= MAX_Q, "q must be 1–200 characters"),
    doc<string>({ type: "string", minLength: 1, maxLength: 200, example: "reset password", description }),
  );

export const SearchQuery = v.object({
  q: QueryParam("1–200 characters after trimming"),
  category: CategoryParam,
  lang: v.optional(LangParam),
  limit: LimitParam,
}, objectMessage({ q: "q is required" }));

/** Most article ids one request names: a page's suggestions are a handful, not a listing. */
export const MAX_IDS = 20;
const IDS = `ids must be 1–${MAX_IDS} positive integers, comma-separated`;

export const PopularQuery = v.object({
  category: CategoryParam,
  lang: v.optional(LangParam),
  limit: LimitParam,
  ids: v.optional(
    v.pipe(
      v.string(IDS),
      v.regex(new RegExp(`^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){0,${MAX_IDS - 1}}$`), IDS),
      v.transform((s) => [...new Set(s.split(",").map(Number))]),
      v.check((ids) => ids.every((n) => n <= MAX_ID), IDS),
      doc<number[]>({
        type: "string",
        pattern: `^[1-9][0-9]{0,9}(,[1-9][0-9]{0,9}){0,${MAX_IDS - 1}}$`,
        example: "12,40",
        description: `These articles (1–${MAX_IDS} ids, comma-separated) in this order, for a page's suggestions: only those in the edge index (public, in this language); the rest are left out, never fetched. category and limit do not apply to them`,
      }),
    ),
  ),
  q: v.optional(QueryParam("A page's suggested query (1–200 characters): its best public matches from the edge index follow the ids, up to limit; never searched upstream")),
});

export const ArticleParams = v.object({ id: positiveId("id", 12, "The Helpjuice article id") });

export const ArticleQuery = v.object({ lang: v.optional(LangParam) });

const VOTE = 'vote must be "up" or "down"';
export const VoteBody = v.object({ vote: v.picklist(["up", "down"], VOTE) }, objectMessage({ vote: VOTE }, `Send {"vote":"up"} or {"vote":"down"}`));

const QUESTION = "question must be 1–300 characters";
const HISTORY = "history holds at most the last 3 turns, each {question, answer}";
const Turn = v.strictObject(
  {
    question: v.pipe(v.string(HISTORY), v.maxLength(300, HISTORY)),
    answer: v.pipe(v.string(HISTORY), v.maxLength(2000, HISTORY)),
  },
  HISTORY,
);
/** Ask's body: the same rules for lang and category as search's query, as JSON values. */
export const AskBody = v.strictObject(
  {
    question: v.pipe(
      v.string(QUESTION),
      v.transform((s) => s.trim()),
      v.check((s) => s.length >= 1 && [...s].length <= 300, QUESTION),
      doc<string>({ type: "string", minLength: 1, maxLength: 300, example: "How do I reset my password?", description: "1–300 characters after trimming" }),
    ),
    lang: v.optional(v.pipe(v.string("lang must look like en_US"), v.regex(LANG, "lang must look like en_US"))),
    category: v.optional(
      v.pipe(
        v.number("category must be a positive integer"),
        v.check((n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_ID, "category must be a positive integer"),
      ),
    ),
    history: v.optional(v.pipe(v.array(Turn, HISTORY), v.maxLength(3, HISTORY)), []),
  },
  objectMessage({ question: "question is required" }, 'Send {"question": "…"}'),
);
