/**
 * Article HTML (or Helpjuice's `body_txt`) → one line of plain text for the edge index and its snippets.
 *
 * Block boundaries must stay visible once the text is one line, or a table row reads as one phrase
 * ("Rule Default Range Minimum…") and a list runs into the next paragraph. The choice:
 * - between table cells (td/th) of one row: " · ", a separator no cell text is likely to be mistaken for;
 * - at any other block boundary (p, li, tr, headings, br, div, pre, blockquote, …): a full stop and a
 *   space, as if the line ended a sentence ("。" after Japanese or Chinese), unless the text already ends
 *   with punctuation ("Open Settings." stays as it is; "Slack" + "Zapier" → "Slack. Zapier");
 * - line breaks inside <pre> (code): " · ", since a full stop would read as part of the code.
 * Inline markup (a, strong, span, …) joins what it touches, as a browser shows it.
 */

/** Stand-ins for boundaries while tags are taken out; control characters the input cannot carry (see below). */
const CELL = "\u0001";
const LINE = "\u0002";

/** Tags whose start or end is a line boundary. Anything else (a, b, span, img, …) is a word boundary at most. */
const BLOCK_TAGS =
  "address|article|aside|blockquote|br|caption|dd|details|dialog|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|legend|li|main|nav|ol|p|pre|section|summary|table|tbody|tfoot|thead|tr|ul";
const BLOCK = new RegExp(`<\\/?(?:${BLOCK_TAGS})(?=[\\s/>])[^>]*>`, "gi");
const CELL_TAG = /<\/?t[dh](?=[\s/>])[^>]*>/gi;
/** Inline markup adds no space of its own ("<a>Okta</a>)" reads "Okta)"); any other tag (img, input…) is a word boundary. */
const INLINE = /<\/?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|wbr)(?=[\s/>])[^>]*>/gi;

/** Punctuation a line may already end with (maybe inside a closing quote or bracket), so no full stop is added. */
const ENDS_PUNCTUATED = /[.,:;!?…·。、，：；！？\-–—]["'”’»)\]」』]{0,2}$/u;
const CJK = /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]$/u;
/** Japanese and Chinese put no space after their full-width punctuation. */
const ENDS_FULL_WIDTH = /[。、，：；！？」』]$/u;

const NAMED: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (m, e: string) => {
    if (e[0] !== "#") return NAMED[e.toLowerCase()] ?? m;
    const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    // Control characters (and our stand-ins among them) become spaces, as do code points out of range.
    return cp >= 0x20 && cp <= 0x10ffff && !(cp >= 0x7f && cp < 0xa0) ? String.fromCodePoint(cp) : " ";
  });
}

/** Marked text → one line: runs of white space and stand-ins become the separator the strongest of them asks for. */
function resolve(marked: string): string {
  return marked
    .replace(/[\s\u0001\u0002]+/g, (run: string, at: number, whole: string) => {
      if (at === 0 || at + run.length === whole.length) return "";
      const before = whole.slice(Math.max(0, at - 3), at);
      if (run.includes(LINE)) {
        if (ENDS_PUNCTUATED.test(before)) return ENDS_FULL_WIDTH.test(before) ? "" : " ";
        return CJK.test(before) ? "。" : ". ";
      }
      if (run.includes(CELL)) return ENDS_PUNCTUATED.test(before) ? " " : " · ";
      return " ";
    })
    .trim();
}

/** Control characters other than white space, which includes the stand-ins: never text a reader needs. */
const CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/**
 * What a reader never sees as the article's own text: comments, scripts and styles, and articles inserted
 * into it (their content is another article's, maybe internal). Replaced by a line boundary.
 */
export function withoutHidden(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<div\b[^>]*helpjuice-inserted-article[\s\S]*?<\/div>/gi, "<br>");
}

export function htmlToText(html: string): string {
  const marked = withoutHidden(html.replace(CONTROLS, " "))
    .replace(/(<pre\b[^>]*>)([\s\S]*?)(<\/pre\s*>)/gi, (_, open: string, code: string, close: string) => open + code.replace(/\r?\n/g, CELL) + close)
    .replace(CELL_TAG, CELL)
    .replace(BLOCK, LINE)
    .replace(INLINE, "")
    .replace(/<[^>]*>/g, " ");
  return resolve(decodeEntities(marked));
}

/** Text whose line breaks are its block boundaries (Helpjuice's `body_txt`), → one line as htmlToText makes it. */
export function linesToText(text: string): string {
  return resolve(text.replace(CONTROLS, " ").replace(/\r?\n/g, LINE));
}
