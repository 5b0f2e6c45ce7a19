/**
 * Article HTML sanitiser: applies worker/core/articles/sanitize-rules.ts with HTMLRewriter (lol-html), before an
 * article body is cached or sent. The widget renders the result with `unsafeHTML`, so this is the only
 * line of defence.
 *
 * HTMLRewriter streams tokens rather than building a tree, which shapes what is done here:
 * - It tokenises like a browser, including the switch to raw text inside script/style/textarea/title/
 *   noscript/xmp/iframe/noembed/noframes/plaintext and the exits from svg/math, so whatever it passes
 *   through as text is text to the browser too. The one exception would be text that was raw only
 *   because of its element; those elements are dropped, or their text is escaped before it is kept.
 * - `remove()` drops an element up to its matching end tag; with none (or misnested tags) it takes more,
 *   up to the parent's end or the end of the body. That loses content but never lets markup through.
 * - Attribute values arrive and leave in source form (references not decoded; setAttribute escapes only
 *   `"`); the rules module decodes and re-encodes the values it checks.
 * - Stray end tags (`</noscript>` with no start) pass through untouched: there is no hook for them, and a
 *   browser ignores end tags it has nothing open for; they never change how what follows is tokenised.
 * - A doctype cannot be removed; a browser ignores one inside a body.
 */
import {
  cleanAttributes,
  cleanIframe,
  escapeRawText,
  serializeAttributes,
  tagAction,
  type Attr,
} from "../../core/articles/sanitize-rules";

const XHTML = "http://www.w3.org/1999/xhtml";

export interface SanitizeOptions {
  /** Absolute URL (the knowledge base's origin) that relative links and images are resolved against. */
  baseUrl?: string;
}

/** Removes every attribute; false if one would not go (a name the API cannot address). */
function clearAttributes(el: Element): boolean {
  const names = new Set([...el.attributes].map(([name]) => name));
  for (const name of names) {
    // Duplicates are separate attributes to HTMLRewriter and each removeAttribute takes one.
    for (let i = 0; i < 64 && el.hasAttribute(name); i++) el.removeAttribute(name);
  }
  return [...el.attributes].length === 0;
}

function setAttributes(el: Element, attrs: readonly Attr[]): boolean {
  if (!clearAttributes(el)) return false;
  for (const [name, value] of attrs) el.setAttribute(name, value);
  return true;
}

/** Sanitises an article body to the allowlist; "" for an empty or whitespace-only one. */
export async function sanitizeHtml(html: string, opts: SanitizeOptions = {}): Promise<string> {
  // Browsers drop or replace NUL everywhere; removing it first keeps `<scr\0ipt>` from meaning one thing
  // to the rewriter and another to the browser.
  const input = html.replace(/\0/g, "");
  if (input.trim() === "") return "";
  const clean = { baseUrl: opts.baseUrl };

  const rewriter = new HTMLRewriter()
    .on("*", {
      element(el) {
        if (el.removed) return; // inside a dropped subtree: goes with it
        if (el.namespaceURI !== XHTML) {
          el.remove();
          return;
        }
        const tag = el.tagName;
        switch (tagAction(tag)) {
          case "drop":
            el.remove();
            return;
          case "unwrap":
          case "rcdata-text":
            el.removeAndKeepContent();
            return;
          case "rawtext-pre":
            el.tagName = "pre";
            if (!clearAttributes(el)) el.removeAndKeepContent();
            return;
          case "iframe": {
            const attrs = cleanIframe([...el.attributes] as unknown as Attr[]);
            // Rebuilt rather than edited: its raw-text fallback content goes, and it always gets its end tag.
            if (attrs === null) el.remove();
            else el.replace(`<iframe${serializeAttributes(attrs)}></iframe>`, { html: true });
            return;
          }
          case "keep": {
            const attrs = cleanAttributes(tag, [...el.attributes] as unknown as Attr[], clean);
            if (attrs === null) el.remove();
            else if (!setAttributes(el, attrs)) el.removeAndKeepContent();
            return;
          }
        }
      },
    })
    .on("textarea", {
      text(t) {
        if (t.text) t.replace(escapeRawText(t.text, "rcdata"), { html: true });
      },
    })
    .on("xmp, plaintext", {
      text(t) {
        if (t.text) t.replace(escapeRawText(t.text, "rawtext"), { html: true });
      },
    })
    .onDocument({
      // Comments are invisible anyway and are where IE conditional-comment tricks hide.
      comments(c) {
        c.remove();
      },
    });

  const res = new Response(input, { headers: { "content-type": "text/html; charset=utf-8" } });
  return (await rewriter.transform(res).text()).trim();
}
