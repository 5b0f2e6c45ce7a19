/**
 * What a query becomes before insights keep it (docs/design.md, "Insights"): the search key's normalisation
 * (NFKC, trimmed, white space collapsed, case-folded), then personal data replaced. Pure and runtime-free.
 *
 * - An e-mail address (anything@domain.tld, also with spaces around the @ that NFKC and trimming leave) → [email]
 * - A phone number or any long run of digits (six or more, in any script, with the separators phone
 *   numbers and card or order numbers are written with) → [number]
 *
 * Short numbers stay: error codes ("error 404"), versions and years are what authors need to see.
 */
import { normaliseQuery } from "../cache/key";

export const EMAIL_MARK = "[email]";
export const NUMBER_MARK = "[number]";
/** Longest query kept, in characters (the API accepts 200 before normalisation; NFKC can lengthen it). */
export const MAX_QUERY_CHARS = 200;

// local@domain.tld: a local part of the characters addresses use, an @, dotted labels. Unicode letters too
// (internationalised addresses), and the query is already lower-cased.
const EMAIL = /[\p{L}\p{N}._%+'!#$&*=?^`{|}~-]+\s?@\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// A digit, then at least five more, each perhaps after one or two separators: "+1 (555) 123-4567",
// "4111 1111 1111 1111", "0171/1234567", "١٢٣٤٥٦٧". A leading "+" or "(" goes with it.
const DIGITS = /[+(]?\p{Nd}(?:[\s\-./()]{0,2}\p{Nd}){5,}\)?/gu;

/** The personal data in an already normalised query replaced; placeholders are never themselves replaced. */
export function scrub(q: string): string {
  // Most queries have neither: the cheap tests spare them two Unicode-aware scans.
  const mailed = q.includes("@") ? q.replace(EMAIL, EMAIL_MARK) : q;
  return ANY_DIGIT.test(mailed) ? mailed.replace(DIGITS, NUMBER_MARK) : mailed;
}
const ANY_DIGIT = /\p{Nd}/u;

/** A visitor's query as insights keep it: normalised, scrubbed, at most MAX_QUERY_CHARS; "" for nothing. */
export function insightQuery(raw: string): string {
  const s = scrub(normaliseQuery(raw));
  // Cut on a code point boundary, never through a surrogate pair (no cut needed within the limit's units).
  return s.length <= MAX_QUERY_CHARS ? s.trim() : Array.from(s).slice(0, MAX_QUERY_CHARS).join("").trim();
}

/** Longest "what was missing" comment kept, in characters (the beacon takes 500 after trimming). */
export const MAX_COMMENT_CHARS = 500;

// A link's query and fragment, where sign-in tokens, reset codes and encoded addresses (jane%40…) travel.
const LINK_TAIL = /(\bhttps?:\/\/[^\s?#]*)[?#]\S*/giu;

/**
 * A visitor's "what was missing" comment as insights keep it: NFKC, white space and control characters
 * collapsed to one space, a link's query and fragment dropped, then scrubbed as queries are. Its case is
 * kept, as authors read it as written. "" for nothing.
 */
export function insightComment(raw: string): string {
  const s = raw.normalize("NFKC").replace(/[\s\p{Cc}]+/gu, " ").replace(LINK_TAIL, "$1").trim();
  return Array.from(scrub(s)).slice(0, MAX_COMMENT_CHARS).join("").trim();
}
