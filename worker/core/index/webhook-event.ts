/**
 * What a Helpjuice webhook asks of the cache. Helpjuice documents the envelope loosely
 * (`{"event", "activity_fields": {"action", "trackable_type", "trackable_id", ...}}`), so this reads it
 * liberally: fields may also sit at the top level, ids may be strings, and an unknown event is treated as a
 * content change, since retiring searches needlessly costs a few upstream calls and missing one serves stale.
 */
export interface WebhookEffect {
  /** The article whose cached languages must go, if the event names one. */
  articleId: number | null;
  /** Whether cached searches must be retired. */
  content: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : "");
const posInt = (v: unknown): number | null => {
  const n = typeof v === "string" && /^\d{1,10}$/.test(v.trim()) ? Number(v) : v;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

/** Helpjuice calls an article a Question in its data model; "Article" appears in newer payloads. */
const ARTICLE_TYPES = new Set(["question", "article"]);
/** Events that change no article, category or search result an anonymous visitor sees. */
const NOT_CONTENT = /^(user|group|webhook|backup|contact)/;

/** null when the body is not a JSON object at all. */
export function webhookEffect(body: unknown): WebhookEffect | null {
  if (!isObj(body)) return null;
  const fields: Obj = isObj(body.activity_fields) ? { ...body, ...body.activity_fields } : body;
  const event = str(body.event) || str(fields.event);
  const type = str(fields.trackable_type);
  const typeIsArticle = ARTICLE_TYPES.has(type) || (!type && /^(question|article)[_.]/.test(event));
  const articleId = typeIsArticle
    ? posInt(fields.trackable_id)
    : // An answer (an article's body) or a translation names its article beside its own id.
      posInt(fields.question_id) ?? posInt(fields.article_id);
  const content = articleId !== null || !(NOT_CONTENT.test(type) || NOT_CONTENT.test(event));
  return { articleId, content };
}
