import { describe, expect, it } from "vitest";
import {
  ID_PREFIX,
  LINK_REL,
  allowedAttributes,
  allowedIframeSrc,
  cleanAttributes,
  cleanIframe,
  decodeEntities,
  escapeRawText,
  isAllowedTag,
  safeUrl,
  serializeAttributes,
  tagAction,
} from "./sanitize-rules";

const BASE = "https://acme.helpjuice.com";

describe("tags", () => {
  it("keeps ordinary article markup", () => {
    for (const t of ["p", "h2", "ul", "ol", "li", "table", "td", "th", "pre", "code", "img", "a", "blockquote", "details", "summary", "figure"]) {
      expect(isAllowedTag(t), t).toBe(true);
    }
  });

  it("drops executable, embedding, foreign and document-level elements with their content", () => {
    for (const t of ["script", "style", "object", "embed", "applet", "frameset", "template", "svg", "math", "meta", "link", "base", "title", "noscript", "select", "input"]) {
      expect(tagAction(t), t).toBe("drop");
      expect(isAllowedTag(t), t).toBe(false);
    }
  });

  it("unwraps unknown and structural tags so their text stays", () => {
    for (const t of ["font", "center", "form", "button", "label", "html", "head", "body", "slot", "my-widget", "frame", "image"]) {
      expect(tagAction(t), t).toBe("unwrap");
    }
  });

  it("treats raw-text elements specially and iframes by source", () => {
    expect(tagAction("textarea")).toBe("rcdata-text");
    expect(tagAction("xmp")).toBe("rawtext-pre");
    expect(tagAction("plaintext")).toBe("rawtext-pre");
    expect(tagAction("IFRAME")).toBe("iframe");
    expect(isAllowedTag("iframe")).toBe(true);
  });

  it("allows no event handler, style or alternate-source attribute on any tag", () => {
    for (const t of ["a", "img", "iframe", "video", "source", "div", "p", "td"]) {
      const names = [...allowedAttributes(t)];
      expect(names.filter((n) => n.startsWith("on")), t).toEqual([]);
      for (const bad of ["style", "srcset", "srcdoc", "formaction", "action", "xlink:href", "contenteditable"]) {
        expect(names, `${t} ${bad}`).not.toContain(bad);
      }
    }
    expect(allowedAttributes("script").size).toBe(0);
    expect([...allowedAttributes("td")]).toEqual(expect.arrayContaining(["colspan", "rowspan"]));
  });
});

describe("decodeEntities", () => {
  it("decodes numeric references with or without the semicolon", () => {
    expect(decodeEntities("&#106;&#x61;&#X76;&#0000097")).toBe("java");
    expect(decodeEntities("&#x6a")).toBe("j");
  });
  it("decodes named references that can spell URL syntax", () => {
    expect(decodeEntities("java&Tab;script&colon;x&lpar;1&rpar;")).toBe("java\tscript:x(1)");
    expect(decodeEntities("a&amp;b&quot;")).toBe('a&b"');
  });
  it("follows the attribute rules for legacy names without a semicolon", () => {
    expect(decodeEntities("?a=1&amp b")).toBe("?a=1& b");
    expect(decodeEntities("?a=1&copy=2")).toBe("?a=1&copy=2");
    expect(decodeEntities("?a=1&ampx")).toBe("?a=1&ampx");
  });
  it("leaves unknown names alone and replaces impossible code points", () => {
    expect(decodeEntities("&bogus; &#0; &#x110000; &#xD800;")).toBe("&bogus; \ufffd \ufffd \ufffd");
    expect(decodeEntities("&#x80;")).toBe("€");
  });
});

describe("safeUrl", () => {
  const scripted = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58alert(1)",
    "java\tscript:alert(1)",
    "java&Tab;script:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "  javascript:alert(1)",
    "\u0001\u0002 javascript:alert(1)",
    "javascript:alert(1)\u0000 ",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "blob:https://acme.helpjuice.com/1",
  ];
  it.each(scripted)("refuses %j", (v) => {
    expect(safeUrl(v, { base: BASE })).toBeNull();
    expect(safeUrl(v)).toBeNull();
    expect(safeUrl(v, { base: BASE, forImage: true })).toBeNull();
  });

  it("accepts data: images only in raster formats, and only for images", () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(safeUrl(png, { forImage: true })).toBe(png);
    expect(safeUrl("data:image/webp;base64,UklGRg==", { forImage: true })).not.toBeNull();
    expect(safeUrl(png)).toBeNull();
    expect(safeUrl("data:image/svg+xml;base64,PHN2Zz4=", { forImage: true })).toBeNull();
    expect(safeUrl("data:image/svg+xml,<svg onload=alert(1)>", { forImage: true })).toBeNull();
  });

  it("keeps http(s), mailto and tel, decoded", () => {
    expect(safeUrl("https://example.com/a?b=1&amp;c=2")).toBe("https://example.com/a?b=1&c=2");
    expect(safeUrl("HTTP://Example.com")).toBe("http://example.com/");
    expect(safeUrl("mailto:help@acme.test")).toBe("mailto:help@acme.test");
    expect(safeUrl("tel:+15550100")).toBe("tel:+15550100");
  });

  it("resolves relative URLs against the knowledge base, and keeps them relative without one", () => {
    expect(safeUrl("/en_US/article/12", { base: BASE })).toBe("https://acme.helpjuice.com/en_US/article/12");
    expect(safeUrl("images/x.png", { base: BASE })).toBe("https://acme.helpjuice.com/images/x.png");
    expect(safeUrl("//cdn.example/x.png", { base: BASE })).toBe("https://cdn.example/x.png");
    expect(safeUrl("/en_US/article/12")).toBe("/en_US/article/12");
  });

  it("keeps fragments as they are and drops empty values", () => {
    expect(safeUrl("#setup", { base: BASE })).toBe("#setup");
    expect(safeUrl("   ")).toBeNull();
    expect(safeUrl("")).toBeNull();
  });
});

describe("allowedIframeSrc", () => {
  it("accepts the video players' embed URLs, always over https", () => {
    expect(allowedIframeSrc("https://www.youtube.com/embed/abc?start=3&amp;rel=0")).toBe("https://www.youtube.com/embed/abc?start=3&rel=0");
    expect(allowedIframeSrc("https://www.youtube-nocookie.com/embed/abc")).not.toBeNull();
    expect(allowedIframeSrc("https://player.vimeo.com/video/1234")).not.toBeNull();
    expect(allowedIframeSrc("https://www.loom.com/embed/abcd")).not.toBeNull();
    expect(allowedIframeSrc("//www.youtube.com/embed/abc")).toBe("https://www.youtube.com/embed/abc");
    expect(allowedIframeSrc("http://www.youtube.com/embed/abc")).toBe("https://www.youtube.com/embed/abc");
  });

  it.each([
    "https://evil.example/embed/abc",
    "https://www.youtube.com/watch?v=abc",
    "https://www.youtube.com.evil.example/embed/abc",
    "https://evil.example/?u=https://www.youtube.com/embed/abc",
    "https://www.youtube.com@evil.example/embed/abc",
    "https://user:pw@www.youtube.com/embed/abc",
    "https://www.youtube.com:8443/embed/abc",
    "javascript://www.youtube.com/embed/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/embed/abc",
    "",
  ])("refuses %j", (v) => {
    expect(allowedIframeSrc(v)).toBeNull();
  });
});

describe("cleanAttributes", () => {
  const clean = (tag: string, attrs: [string, string][], opts: { baseUrl?: string } = { baseUrl: BASE }) =>
    Object.fromEntries(cleanAttributes(tag, attrs, opts) ?? [["__dropped__", ""]]);

  it("opens absolute links in a new tab without handing over the opener", () => {
    expect(clean("a", [["href", "https://x.test/"], ["target", "_self"], ["rel", "opener"], ["onclick", "x()"]])).toEqual({
      href: "https://x.test/",
      target: "_blank",
      rel: LINK_REL,
    });
    expect(clean("a", [["href", "/a/1"]])).toEqual({ href: "https://acme.helpjuice.com/a/1", target: "_blank", rel: LINK_REL });
  });

  it("keeps mailto, relative (without base) and fragment links in place", () => {
    expect(clean("a", [["href", "mailto:a@b.test"], ["target", "_blank"]])).toEqual({ href: "mailto:a@b.test" });
    expect(clean("a", [["href", "/a/1"]], {})).toEqual({ href: "/a/1" });
    expect(clean("a", [["href", "#setup"]])).toEqual({ href: `#${ID_PREFIX}setup` });
  });

  it("keeps the link text's element but not a scripted href", () => {
    expect(clean("a", [["href", "javascript:alert(1)"], ["title", "t"]])).toEqual({ title: "t" });
  });

  it("re-encodes checked URLs so the browser decodes exactly what was checked", () => {
    expect(clean("a", [["href", "https://x.test/?a=1&amp;b=2&copy=3"]]).href).toBe("https://x.test/?a=1&amp;b=2&amp;copy=3");
    expect(clean("a", [["href", "https://x.test/a\"b"]]).href).toBe("https://x.test/a%22b");
  });

  it("uses the first of duplicated attributes, as browsers do", () => {
    expect(clean("a", [["href", "https://ok.test/"], ["href", "javascript:alert(1)"]]).href).toBe("https://ok.test/");
    expect(clean("a", [["href", "javascript:alert(1)"], ["href", "https://ok.test/"]]).href).toBeUndefined();
  });

  it("drops an image with no safe source and lazy-loads the rest", () => {
    expect(clean("img", [["src", "javascript:alert(1)"], ["alt", "x"]])).toEqual({ __dropped__: "" });
    expect(clean("img", [["alt", "x"]])).toEqual({ __dropped__: "" });
    expect(clean("img", [["src", "x.png"], ["alt", "Step 1"], ["width", "300"], ["height", "9e9"], ["srcset", "a 1x"], ["onerror", "x"], ["style", "a"]])).toEqual({
      src: "https://acme.helpjuice.com/x.png",
      alt: "Step 1",
      width: "300",
      loading: "lazy",
    });
  });

  it("refuses link-only schemes as image sources", () => {
    expect(clean("img", [["src", "mailto:a@b.test"]])).toEqual({ __dropped__: "" });
    expect(clean("img", [["src", "#x"]])).toEqual({ __dropped__: "" });
  });

  it("keeps text attributes as written and validates the structured ones", () => {
    expect(clean("p", [["title", "a &amp; b"], ["dir", "RTL"], ["lang", "es-ES"], ["style", "color:red"]])).toEqual({
      title: "a &amp; b",
      dir: "rtl",
      lang: "es-ES",
    });
    expect(clean("td", [["colspan", "2"], ["rowspan", "x"], ["onmouseover", "x"]])).toEqual({ colspan: "2" });
    expect(clean("p", [["dir", "sideways"], ["lang", "en\"onclick"]])).toEqual({});
  });

  it("keeps only allowlisted class names", () => {
    expect(clean("div", [["class", "helpjuice-inserted-article notranslate fr-evil"]])).toEqual({ class: "helpjuice-inserted-article notranslate" });
    expect(clean("div", [["class", "helpjuice-callout helpjuice-callout-warning"]])).toEqual({ class: "helpjuice-callout helpjuice-callout-warning" });
    expect(clean("code", [["class", "language-js hljs notranslate"]])).toEqual({ class: "language-js notranslate" });
    expect(clean("p", [["class", "language-js helpjuice-inserted-article"]])).toEqual({});
  });

  it("prefixes ids once", () => {
    expect(clean("h2", [["id", "install"]])).toEqual({ id: `${ID_PREFIX}install` });
    expect(clean("h2", [["id", `${ID_PREFIX}install`]])).toEqual({ id: `${ID_PREFIX}install` });
    expect(clean("h2", [["id", "a b"]])).toEqual({});
  });

  it("gives media controls and never autoplay", () => {
    expect(clean("video", [["src", "/v.mp4"], ["autoplay", ""], ["poster", "javascript:x"]])).toEqual({
      src: "https://acme.helpjuice.com/v.mp4",
      controls: "",
      preload: "metadata",
    });
    expect(clean("source", [["src", "data:video/mp4;base64,AAAA"]])).toEqual({ __dropped__: "" });
  });
});

describe("cleanIframe", () => {
  it("rebuilds an allowed player with the forced sandbox", () => {
    const attrs = cleanIframe([
      ["src", "https://www.youtube.com/embed/abc"],
      ["width", "560"],
      ["height", "315"],
      ["title", "Demo"],
      ["allow", "autoplay; camera; encrypted-media 'src'"],
      ["allowfullscreen", ""],
      ["srcdoc", "<script>alert(1)</script>"],
      ["onload", "x"],
      ["sandbox", "allow-top-navigation"],
    ]);
    expect(Object.fromEntries(attrs!)).toEqual({
      src: "https://www.youtube.com/embed/abc",
      width: "560",
      height: "315",
      title: "Demo",
      allow: "autoplay; encrypted-media",
      allowfullscreen: "",
      sandbox: "allow-scripts allow-same-origin allow-presentation",
      loading: "lazy",
      referrerpolicy: "strict-origin-when-cross-origin",
    });
  });

  it("refuses any other iframe", () => {
    expect(cleanIframe([["srcdoc", "<script>alert(1)</script>"]])).toBeNull();
    expect(cleanIframe([["src", "https://evil.example/"]])).toBeNull();
  });
});

describe("serialisation helpers", () => {
  it("quotes values and writes empty ones as bare names", () => {
    expect(serializeAttributes([["title", 'a"b'], ["allowfullscreen", ""]])).toBe(' title="a&quot;b" allowfullscreen');
  });
  it("escapes raw text by its parsing kind", () => {
    expect(escapeRawText("<img src=x> &amp;", "rcdata")).toBe("&lt;img src=x&gt; &amp;");
    expect(escapeRawText("<img src=x> &amp;", "rawtext")).toBe("&lt;img src=x&gt; &amp;amp;");
  });
});
