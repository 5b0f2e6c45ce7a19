/**
 * The allowlist behind the article sanitiser (worker/platform/articles/sanitize.ts applies it with HTMLRewriter).
 *
 * Pure and runtime-free so the policy can be read and unit-tested on its own. Helpjuice article bodies are
 * author-written HTML; the widget renders what we send with `unsafeHTML`, so anything not named here is
 * either unwrapped (its text kept) or dropped with everything inside it.
 *
 * Attribute values cross this module in their *source* form, as HTMLRewriter hands them over: character
 * references not decoded. Whatever is returned is again in source form, ready for `setAttribute` (which only
 * escapes `"`). URL-like values are decoded, checked, and re-encoded here, so the browser decodes exactly
 * the string that was checked.
 */

/** What the rewriter does with an element. */
export type TagAction =
  /** keep the element, with attributes filtered by {@link cleanAttributes} */
  | "keep"
  /** drop the tags, keep what is inside */
  | "unwrap"
  /** drop the element and everything inside it */
  | "drop"
  /** keep only if {@link allowedIframeSrc} accepts it, rebuilt from scratch */
  | "iframe"
  /** unwrap, and turn its raw (RCDATA) text into ordinary escaped text */
  | "rcdata-text"
  /** become a `<pre>`, and turn its raw (RAWTEXT/PLAINTEXT) text into ordinary escaped text */
  | "rawtext-pre";

const KEEP = new Set([
  "a", "abbr", "address", "article", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
  "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
  "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
  "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
  "thead", "time", "tr", "u", "ul", "var", "wbr", "video", "audio", "source",
]);

/**
 * Dropped with their content. Scripting and styling; embedded documents and plugins; foreign content
 * (svg/math: their parsing rules differ from HTML's, the root of most mutation-XSS); document-level
 * elements that would change how the host page resolves or refreshes; raw-text elements whose content is
 * never meant to be seen here (noscript, noembed, noframes, title); form controls whose text is meaningless
 * without the control (select lists, input).
 */
const DROP = new Set([
  "script", "style", "template", "object", "embed", "applet", "param", "frameset", "noscript", "noembed",
  "noframes", "svg", "math", "meta", "link", "base", "title", "input", "select", "datalist", "option",
  "optgroup", "track", "portal", "fencedframe",
]);

const RCDATA_TEXT = new Set(["textarea"]);
const RAWTEXT_PRE = new Set(["xmp", "plaintext"]);

/**
 * Everything else — html/head/body, form, button, label, fieldset, font, center, custom elements, `slot`
 * (which would otherwise project the host page's light DOM into the reader), `frame` (void in browsers but
 * not to HTMLRewriter, so removing it would swallow the rest of the body) — loses its tags and keeps its
 * text. `head` is unwrapped rather than dropped because HTMLRewriter does not close it implicitly at
 * `<body>`: dropping an unclosed head would drop the whole article; its dangerous children go one by one.
 */
export function tagAction(tag: string): TagAction {
  const t = tag.toLowerCase();
  if (KEEP.has(t)) return "keep";
  if (t === "iframe") return "iframe";
  if (DROP.has(t)) return "drop";
  if (RCDATA_TEXT.has(t)) return "rcdata-text";
  if (RAWTEXT_PRE.has(t)) return "rawtext-pre";
  return "unwrap";
}

/** Elements that may appear in sanitised output (iframes only with an allowed source). */
export function isAllowedTag(tag: string): boolean {
  const a = tagAction(tag);
  return a === "keep" || a === "iframe";
}

/** How an attribute value is checked. */
type AttrKind =
  | "text" // free text, kept as written
  | "href"
  | "src"
  | "image-src"
  | "media-src"
  | "id"
  | "class"
  | "int"
  | "dimension"
  | "bool"
  | "datetime"
  | "lang"
  | { oneOf: readonly string[] };

const GLOBAL: Record<string, AttrKind> = {
  id: "id",
  title: "text",
  lang: "lang",
  dir: { oneOf: ["ltr", "rtl", "auto"] },
  translate: { oneOf: ["yes", "no"] },
  class: "class",
};

const PER_TAG: Record<string, Record<string, AttrKind>> = {
  a: { href: "href", name: "id" },
  img: { src: "image-src", alt: "text", width: "dimension", height: "dimension" },
  iframe: { src: "src", width: "dimension", height: "dimension", allowfullscreen: "bool", allow: "text" },
  video: { src: "media-src", poster: "image-src", width: "dimension", height: "dimension", loop: "bool", muted: "bool", playsinline: "bool" },
  audio: { src: "media-src", loop: "bool" },
  source: { src: "media-src", type: "text" },
  td: { colspan: "int", rowspan: "int" },
  th: { colspan: "int", rowspan: "int", scope: { oneOf: ["row", "col", "rowgroup", "colgroup"] } },
  col: { span: "int" },
  colgroup: { span: "int" },
  ol: { start: "int", reversed: "bool", type: { oneOf: ["1", "a", "A", "i", "I"] } },
  li: { value: "int" },
  time: { datetime: "datetime" },
  del: { datetime: "datetime" },
  ins: { datetime: "datetime" },
  details: { open: "bool" },
};

/** Names of the attributes an allowed tag may keep (before values are checked). Empty for other tags. */
export function allowedAttributes(tag: string): ReadonlySet<string> {
  const t = tag.toLowerCase();
  if (!isAllowedTag(t)) return new Set();
  return new Set([...Object.keys(GLOBAL), ...Object.keys(PER_TAG[t] ?? {})]);
}

function attrKind(tag: string, name: string): AttrKind | undefined {
  return PER_TAG[tag]?.[name] ?? GLOBAL[name];
}

/**
 * Class names are presentation hooks into the host's or the widget's CSS, so only a few pass: Helpjuice's
 * inserted-article wrapper and callouts (on div/span, for the reader's styles), `notranslate` anywhere
 * (keeps machine translation off code and product names), and `language-*` on code blocks for syntax
 * highlighters.
 */
export const CLASS_ALLOWLIST: ReadonlySet<string> = new Set(["helpjuice-inserted-article", "notranslate"]);
const CALLOUT_CLASS = /^helpjuice-callout(?:-[a-z]{1,20})?$/;
const LANGUAGE_CLASS = /^language-[A-Za-z0-9_+#-]{1,32}$/;

export function allowedClass(tag: string, name: string): boolean {
  if (name === "notranslate") return true;
  if (tag === "div" || tag === "span") return CLASS_ALLOWLIST.has(name) || CALLOUT_CLASS.test(name);
  return (tag === "code" || tag === "pre") && LANGUAGE_CLASS.test(name);
}

/**
 * Ids from the article share the widget's shadow root with the widget's own ids (`list`, `heading`, …);
 * an article heading `id="heading"` would steal `aria-labelledby` and `getElementById`. Prefixing every
 * article id, and every in-article `#fragment` link with it, keeps anchors working among themselves and
 * out of the widget's namespace. Values already carrying the prefix keep it, so sanitising is idempotent.
 */
export const ID_PREFIX = "kb-";
const ID_VALUE = /^[^\s"'<>&`=]{1,128}$/;

function prefixId(id: string): string {
  return id.startsWith(ID_PREFIX) ? id : ID_PREFIX + id;
}

/** Iframe sources that may stay: video players whose embed paths only ever show a player. */
export const IFRAME_HOSTS: Readonly<Record<string, readonly string[]>> = {
  "www.youtube.com": ["/embed/"],
  "youtube.com": ["/embed/"],
  "www.youtube-nocookie.com": ["/embed/"],
  "youtube-nocookie.com": ["/embed/"],
  "player.vimeo.com": ["/video/"],
  "www.loom.com": ["/embed/"],
  "loom.com": ["/embed/"],
};

/**
 * Forced on every kept iframe. `allow-same-origin` is needed by the players (cookies, storage) and is safe
 * because they are never same-origin with the widget's page. The referrer policy is the browser default,
 * spelled out: YouTube refuses to play embeds that send no Referer at all.
 */
export const IFRAME_FORCED: ReadonlyArray<readonly [string, string]> = [
  ["sandbox", "allow-scripts allow-same-origin allow-presentation"],
  ["loading", "lazy"],
  ["referrerpolicy", "strict-origin-when-cross-origin"],
];

/** Permissions the players ask for; anything else an author pastes into `allow` is dropped. */
const IFRAME_PERMISSIONS = new Set([
  "accelerometer", "autoplay", "clipboard-write", "encrypted-media", "fullscreen", "gyroscope",
  "picture-in-picture", "web-share",
]);

export const LINK_REL = "noopener noreferrer nofollow";

// ---------------------------------------------------------------------------------------------------------
// Character references

/**
 * Named references that can spell URL syntax (so `java&Tab;script&colon;` cannot slip by) plus the common
 * typographic ones. The HTML list has over 2,000 names; one missing here is not a hole, because URL values
 * are re-encoded after checking: the browser then sees the unknown reference as literal text.
 */
const NAMED: Record<string, string> = {
  Tab: "\t", NewLine: "\n", excl: "!", quot: '"', QUOT: '"', num: "#", dollar: "$", percnt: "%", amp: "&",
  AMP: "&", apos: "'", lpar: "(", rpar: ")", ast: "*", midast: "*", plus: "+", comma: ",", period: ".",
  sol: "/", colon: ":", semi: ";", lt: "<", LT: "<", equals: "=", gt: ">", GT: ">", quest: "?", commat: "@",
  lsqb: "[", lbrack: "[", bsol: "\\", rsqb: "]", rbrack: "]", Hat: "^", lowbar: "_", UnderBar: "_",
  grave: "`", DiacriticalGrave: "`", lcub: "{", lbrace: "{", verbar: "|", vert: "|", VerticalLine: "|",
  rcub: "}", rbrace: "}", nbsp: "\u00a0", NonBreakingSpace: "\u00a0", shy: "\u00ad", copy: "©", COPY: "©",
  reg: "®", REG: "®", trade: "™", hellip: "…", mdash: "—", ndash: "–", lsquo: "‘", rsquo: "’", ldquo: "“",
  rdquo: "”", laquo: "«", raquo: "»", middot: "·", bull: "•", euro: "€", pound: "£", yen: "¥", cent: "¢",
  sect: "§", para: "¶", deg: "°", plusmn: "±", times: "×", divide: "÷", zwj: "\u200d", zwnj: "\u200c",
  lrm: "\u200e", rlm: "\u200f",
};

/** Legacy names a browser also decodes without the `;` (in attributes only if no letter, digit or `=` follows). */
const LEGACY = new Set(["amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT", "nbsp", "copy", "COPY", "reg", "REG"]);

/** Code points 0x80–0x9F in a numeric reference mean windows-1252, per the HTML parsing spec. */
const C1: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

function fromCodePoint(n: number): string {
  if (!Number.isFinite(n) || n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(C1[n] ?? n);
}

/** Decodes character references in an attribute value as a browser would (within the names above). */
export function decodeEntities(value: string): string {
  return value.replace(
    /&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*)(;?))/g,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string, at: number) => {
      if (hex !== undefined) return fromCodePoint(hex.length > 8 ? Infinity : parseInt(hex, 16));
      if (dec !== undefined) return fromCodePoint(dec.length > 9 ? Infinity : parseInt(dec, 10));
      const n = name as string;
      if (semi && Object.hasOwn(NAMED, n)) return NAMED[n];
      if (!semi && LEGACY.has(n) && value[at + whole.length] !== "=") return NAMED[n];
      return whole;
    },
  );
}

/** Encodes a plain string as a double-quoted attribute value (setAttribute escapes `"` but not `&`). */
export function encodeAttr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
}

// ---------------------------------------------------------------------------------------------------------
// URLs

export interface UrlOptions {
  /** Absolute base for relative URLs (the knowledge base's origin). Without it they stay relative. */
  base?: string;
  /** An image source: also accepts `data:` images in raster formats. */
  forImage?: boolean;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:", "tel:"]);
const DATA_IMAGE = /^data:image\/(?:png|jpeg|jpg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/i;

/**
 * Undoes what the browser's URL parser ignores, so the scheme we look at is the scheme it will see:
 * leading/trailing C0 controls and spaces go, and tabs and newlines go from anywhere (`java\tscript:`).
 */
function cleanUrl(decoded: string): string {
  return decoded.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
}

/**
 * A URL attribute value (source form) as a plain URL that is safe to follow, or null to drop it.
 * http(s), mailto, tel, relative and `#fragment` pass; relative URLs are resolved against `base`;
 * `data:` passes only as a raster image for image sources. The result is *decoded*: encode it with
 * {@link encodeAttr} before writing it back.
 */
export function safeUrl(value: string, opts: UrlOptions = {}): string | null {
  const url = cleanUrl(decodeEntities(value));
  if (url === "") return null;
  if (url.startsWith("#")) return url;
  const scheme = SCHEME.exec(url)?.[0].toLowerCase();
  if (scheme === "data:") return opts.forImage && DATA_IMAGE.test(url) ? url : null;
  if (scheme !== undefined && !SAFE_SCHEMES.has(scheme)) return null;
  if (scheme === undefined && opts.base === undefined) return url;
  try {
    const parsed = new URL(url, opts.base);
    return SAFE_SCHEMES.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The https URL of an allowed video player embed, or null. Takes the attribute value in source form. */
export function allowedIframeSrc(value: string): string | null {
  let url = cleanUrl(decodeEntities(value));
  if (url.startsWith("//")) url = "https:" + url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  if (parsed.username || parsed.password || parsed.port) return null;
  const paths = Object.hasOwn(IFRAME_HOSTS, parsed.hostname) ? IFRAME_HOSTS[parsed.hostname] : undefined;
  if (!paths?.some((p) => parsed.pathname.startsWith(p))) return null;
  parsed.protocol = "https:";
  return parsed.href;
}

function isHttp(url: string): boolean {
  return /^https?:/i.test(url);
}

// ---------------------------------------------------------------------------------------------------------
// Attributes

export interface CleanOptions {
  /** Knowledge-base origin that relative links and image sources are resolved against. */
  baseUrl?: string;
}

export type Attr = readonly [name: string, value: string];

const INT = /^-?[0-9]{1,6}$/;
const DIMENSION = /^[0-9]{1,5}%?$/;
const DATETIME = /^[0-9TZtz:.+\- ]{1,40}$/;
const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

function checkValue(tag: string, kind: AttrKind, raw: string, opts: CleanOptions): string | null {
  if (typeof kind === "object") {
    const v = raw.trim();
    const hit = kind.oneOf.find((o) => (o.length === 1 ? o === v : o === v.toLowerCase()));
    return hit ?? null;
  }
  switch (kind) {
    case "text":
      return raw;
    case "bool":
      return "";
    case "int":
      return INT.test(raw.trim()) ? raw.trim() : null;
    case "dimension":
      return DIMENSION.test(raw.trim()) ? raw.trim() : null;
    case "datetime":
      return DATETIME.test(raw.trim()) ? raw.trim() : null;
    case "lang":
      return LANG.test(raw.trim()) ? raw.trim() : null;
    case "id":
      return ID_VALUE.test(raw) ? prefixId(raw) : null;
    case "class": {
      const names = raw.split(/[\t\n\f\r ]+/).filter((c) => c !== "" && allowedClass(tag, c));
      return names.length ? [...new Set(names)].join(" ") : null;
    }
    case "href": {
      const url = safeUrl(raw, { base: opts.baseUrl });
      if (url === null) return null;
      return encodeAttr(url.startsWith("#") && url.length > 1 ? "#" + prefixId(url.slice(1)) : url);
    }
    case "image-src":
    case "media-src": {
      const url = safeUrl(raw, { base: opts.baseUrl, forImage: kind === "image-src" });
      if (url === null || url.startsWith("#")) return null;
      // mailto: and tel: are for following, not loading
      return isHttp(url) || url.startsWith("data:") || !SCHEME.test(url) ? encodeAttr(url) : null;
    }
    case "src":
      return null; // iframes: handled whole by cleanIframe
  }
}

/**
 * The attributes an element keeps, in source form, including the ones forced on it (link `rel`/`target`,
 * image lazy-loading, media controls). Null means the element is useless without what was refused
 * (an image or media source with no safe `src`) and goes entirely. Duplicate attributes: the first wins,
 * as in browsers.
 */
export function cleanAttributes(tag: string, attrs: Iterable<Attr>, opts: CleanOptions = {}): Attr[] | null {
  const t = tag.toLowerCase();
  const out = new Map<string, string>();
  const seen = new Set<string>();
  for (const [rawName, raw] of attrs) {
    const name = rawName.toLowerCase();
    if (seen.has(name)) continue;
    seen.add(name);
    const kind = attrKind(t, name);
    if (kind === undefined) continue;
    const value = checkValue(t, kind, raw, opts);
    if (value !== null) out.set(name, value);
  }
  if (t === "a") {
    out.delete("target");
    const href = out.get("href");
    if (href !== undefined && isHttp(href)) {
      out.set("target", "_blank");
      out.set("rel", LINK_REL);
    }
  } else if (t === "img") {
    if (!out.has("src")) return null;
    out.set("loading", "lazy");
  } else if (t === "source") {
    if (!out.has("src")) return null;
  } else if (t === "video" || t === "audio") {
    // Author-set autoplay is not kept; the reader should never start making noise on its own.
    out.set("controls", "");
    out.set("preload", "metadata");
  }
  return [...out];
}

/**
 * The attributes of an allowed iframe, rebuilt: its player URL, size, title, the player permissions it
 * asked for, and the forced sandbox. Null for any other iframe (including `srcdoc`-only ones).
 */
export function cleanIframe(attrs: Iterable<Attr>): Attr[] | null {
  const first = new Map<string, string>();
  for (const [name, value] of attrs) if (!first.has(name.toLowerCase())) first.set(name.toLowerCase(), value);
  const src = first.has("src") ? allowedIframeSrc(first.get("src")!) : null;
  if (src === null) return null;
  const out: Attr[] = [["src", encodeAttr(src)]];
  for (const name of ["width", "height"]) {
    const v = first.get(name)?.trim();
    if (v !== undefined && DIMENSION.test(v)) out.push([name, v]);
  }
  const title = first.get("title");
  if (title !== undefined) out.push(["title", title]);
  const allow = (first.get("allow") ?? "")
    .split(";")
    .map((p) => p.trim().split(/\s+/)[0].toLowerCase())
    .filter((p) => IFRAME_PERMISSIONS.has(p));
  if (allow.length) out.push(["allow", [...new Set(allow)].join("; ")]);
  if (first.has("allowfullscreen") || allow.includes("fullscreen")) out.push(["allowfullscreen", ""]);
  return [...out, ...IFRAME_FORCED];
}

/** Serialises attributes (source form) for markup built by hand; same escaping as setAttribute. */
export function serializeAttributes(attrs: Iterable<Attr>): string {
  let s = "";
  for (const [name, value] of attrs) s += value === "" ? ` ${name}` : ` ${name}="${value.replace(/"/g, "&quot;")}"`;
  return s;
}

/**
 * Escapes raw text (from a RAWTEXT/RCDATA element) so it reads the same as ordinary text. RCDATA already
 * gives `&` its usual meaning, so only tags are neutralised there; RAWTEXT takes `&` literally.
 */
export function escapeRawText(text: string, kind: "rcdata" | "rawtext"): string {
  const s = kind === "rawtext" ? text.replace(/&/g, "&amp;") : text;
  return s.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
