/**
 * An article as passages, the units Ask retrieves and cites: a heading's section, or a run of paragraphs
 * of at most about PASSAGE_WORDS words when the section is longer. Each carries its heading path
 * ("Billing › Invoices"), so a citation can say where in the article it points and the reader can scroll
 * there. Text comes from the body as written, through the same htmlToText the index uses, so a passage
 * never holds what an inserted (maybe internal) article would expand to.
 */
import { htmlToText, linesToText, withoutHidden } from "./text/plain";
import { words } from "./text/analyze";
import { sentences } from "./text/sentences";

export interface Passage {
  /** Heading path, outermost first, joined with HEADING_SEPARATOR; "" before the first heading. */
  heading: string;
  text: string;
}

export const PASSAGE_WORDS = 120;
export const HEADING_SEPARATOR = " › ";
/**
 * An article's passages beyond this are not kept: a giant page must not crowd out every other article. About
 * 14,000 words: a long manual page is kept whole, since whatever is cut off can never be answered.
 */
export const MAX_PASSAGES = 120;

const HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
/** Where one paragraph-like unit ends. Tables and lists come apart by row and item, which read on their own. */
const UNIT_END = /<\/(?:p|li|tr|pre|blockquote|div|dd|dt|table|ul|ol|figure|details)\s*>|<br\s*\/?>|<hr\b[^>]*>/gi;

const wordCount = (text: string, lang: string) => words(text, lang).length;

/**
 * A unit longer than the limit, cut between sentences into as few runs as the limit allows, of about equal
 * length: a greedy cut would leave a tail of a sentence or two, cut off from what the paragraph is about (a
 * sentence longer than the limit stays whole).
 */
function bySentence(text: string, lang: string): string[] {
  const said = sentences(text, lang).map((s) => ({ s, n: wordCount(s, lang) }));
  const total = said.reduce((sum, x) => sum + x.n, 0);
  const size = total / Math.ceil(total / PASSAGE_WORDS);
  const out: string[] = [];
  let run: string[] = [];
  let count = 0;
  for (const { s, n } of said) {
    // Cut where the run is nearer the even size without this sentence than with it.
    if (run.length && (count + n > PASSAGE_WORDS || count + n / 2 > size)) {
      out.push(run.join(" "));
      run = [];
      count = 0;
    }
    run.push(s);
    count += n;
  }
  if (run.length) out.push(run.join(" "));
  return out;
}

/** Units of one section → runs of at most PASSAGE_WORDS words (a unit is never split unless it alone is longer). */
function runs(units: string[], lang: string): string[] {
  const out: string[] = [];
  let run: string[] = [];
  let count = 0;
  const flush = () => {
    if (run.length) out.push(run.join(" "));
    run = [];
    count = 0;
  };
  for (const unit of units) {
    const n = wordCount(unit, lang);
    if (n > PASSAGE_WORDS) {
      flush();
      out.push(...bySentence(unit, lang));
      continue;
    }
    if (count + n > PASSAGE_WORDS) flush();
    run.push(unit);
    count += n;
  }
  flush();
  return out;
}

/** A unit's text, ending as a sentence would, so that two units joined in one passage do not run together. */
function asSentence(t: string): string {
  return t && !/[.!?:;…。！？]["'”’»)\]]*$/u.test(t) ? `${t}.` : t;
}

function sectionUnits(html: string): string[] {
  return html
    .split(UNIT_END)
    .map((unit) => asSentence(htmlToText(unit)))
    .filter(Boolean);
}

/** The body's passages: `html` (the body as written) first, `bodyTxt` (line breaks as boundaries) without it. */
export function passagesOf(html: string, bodyTxt: string, lang: string): Passage[] {
  const out: Passage[] = [];
  html = withoutHidden(html);
  if (!htmlToText(html)) {
    const units = bodyTxt
      .split(/\r?\n/)
      .map((l) => asSentence(linesToText(l)))
      .filter(Boolean);
    for (const text of runs(units, lang)) out.push({ heading: "", text });
    return out.slice(0, MAX_PASSAGES);
  }
  const path: { level: number; text: string }[] = [];
  let heading = "";
  let at = 0;
  const section = (chunk: string) => {
    for (const text of runs(sectionUnits(chunk), lang)) out.push({ heading, text });
  };
  for (const m of html.matchAll(HEADING)) {
    section(html.slice(at, m.index));
    at = m.index + m[0].length;
    const level = Number(m[1]);
    const text = htmlToText(m[2]);
    if (!text) continue;
    while (path.length && path[path.length - 1].level >= level) path.pop();
    path.push({ level, text });
    heading = path.map((h) => h.text).join(HEADING_SEPARATOR);
  }
  section(html.slice(at));
  return out.slice(0, MAX_PASSAGES);
}
