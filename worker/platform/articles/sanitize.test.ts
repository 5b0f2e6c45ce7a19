// Runs in the Workers runtime (@cloudflare/vitest-plugin), so HTMLRewriter is the real lol-html.
import { describe, expect, it } from "vitest";
import { HOSTILE_ARTICLES, HOSTILE_VECTORS } from "../../../test/fake-helpjuice/seed/hostile";
import { ID_PREFIX, isAllowedTag, LINK_REL } from "../../core/articles/sanitize-rules";
import { sanitizeHtml } from "./sanitize";

const BASE = "https://acme.helpjuice.com";
const sanitize = (html: string) => sanitizeHtml(html, { baseUrl: BASE });

interface Tag {
  tag: string;
  attrs: Record<string, string>;
}

/**
 * What a browser will treat as markup in `html` (the same tokeniser), and the text it will show. Tests
 * check the output this way rather than by substring, since escaped text like `&lt;script&gt;` is fine.
 */
async function inspect(html: string): Promise<{ tags: Tag[]; text: string }> {
  const tags: Tag[] = [];
  let text = "";
  await new HTMLRewriter()
    .on("*", {
      element(el) {
        tags.push({ tag: el.tagName, attrs: Object.fromEntries([...el.attributes] as [string, string][]) });
      },
    })
    .onDocument({
      text(t) {
        text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  const decoded = text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  return { tags, text: decoded.replace(/\s+/g, " ").trim() };
}

const URL_ATTRS = new Set(["href", "src", "poster"]);

/** Nothing in `html` can run script, load a foreign document, restyle or redirect the page. */
async function expectInert(html: string) {
  const { tags } = await inspect(html);
  for (const { tag, attrs } of tags) {
    expect(isAllowedTag(tag), `<${tag}> in ${html}`).toBe(true);
    for (const [name, value] of Object.entries(attrs)) {
      expect(name, `attribute ${name} in ${html}`).not.toMatch(/^on|^style$|^srcset$|^srcdoc$|^formaction$|^action$|:/);
      if (URL_ATTRS.has(name)) {
        const v = value.replace(/&amp;/g, "&");
        expect(v, `${name} in ${html}`).toMatch(/^(https?:\/\/|mailto:|tel:|#|data:image\/(png|jpeg|gif|webp);)/);
      }
    }
    if (tag === "iframe") {
      expect(attrs.src).toMatch(/^https:\/\/(www\.youtube(-nocookie)?\.com\/embed\/|player\.vimeo\.com\/video\/|www\.loom\.com\/embed\/)/);
      expect(attrs.sandbox).toBe("allow-scripts allow-same-origin allow-presentation");
    }
  }
}

async function visibleText(html: string) {
  return (await inspect(html)).text;
}

describe("hostile vectors: the dangerous part goes, the text around it stays", () => {
  const vectors: Array<[string, string, string[]]> = [
    ["script tag", `<p>Before<script>alert(1)</script> after</p>`, ["Before after"]],
    ["self-closed script", `<p>Before<script/>alert(1)</script> after</p>`, ["Before after"]],
    ["img onerror", `<p>See <img src=x onerror=alert(1)> here</p>`, ["See here"]],
    ["javascript: link", `<p>Go <a href="javascript:alert(1)">there</a> now</p>`, ["Go there now"]],
    ["mixed-case scheme", `<p>Go <a href="JaVaScRiPt:alert(1)">there</a> now</p>`, ["Go there now"]],
    ["entity-encoded scheme", `<p>Go <a href="&#106;avascript:alert(1)">there</a> now</p>`, ["Go there now"]],
    ["entity colon", `<p>Go <a href="javascript&colon;alert(1)">there</a> now</p>`, ["Go there now"]],
    ["tab inside scheme", `<p>Go <a href="java\tscript:alert(1)">there</a> now</p>`, ["Go there now"]],
    ["&Tab; inside scheme", `<p>Go <a href="java&Tab;script:alert(1)">there</a> now</p>`, ["Go there now"]],
    ["leading spaces", `<p>Go <a href="  javascript:alert(1)">there</a> now</p>`, ["Go there now"]],
    ["leading control chars", `<p>Go <a href="\u0001\u0008javascript:alert(1)">there</a> now</p>`, ["Go there now"]],
    ["vbscript:", `<p>Go <a href="vbscript:msgbox(1)">there</a> now</p>`, ["Go there now"]],
    ["data:text/html link", `<p>Go <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">there</a> now</p>`, ["Go there now"]],
    ["svg onload", `<p>Icon <svg onload=alert(1)><circle r="1"/></svg> label</p>`, ["Icon label"]],
    ["script in svg", `<p>Icon <svg><script>alert(1)</script></svg> label</p>`, ["Icon label"]],
    ["svg style namespace confusion", `<p>A</p><svg></p><style><a id="</style><img src=1 onerror=alert(1)>"></svg><p>B</p>`, ["A"]],
    ["math/mglyph mutation XSS", `<p>A</p><math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math><p>B</p>`, ["A", "B"]],
    ["unclosed math mutation XSS", `<p>A</p><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, ["A"]],
    ["foreign iframe", `<p>A<iframe src="https://evil.example/"></iframe>B</p>`, ["AB"]],
    ["srcdoc iframe", `<p>A<iframe srcdoc="<script>alert(1)</script>"></iframe>B</p>`, ["AB"]],
    ["youtube iframe with srcdoc", `<p>A<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>alert(1)</script>" onload="alert(1)"></iframe>B</p>`, ["AB"]],
    ["object", `<p>A<object data="x.swf"><param name=a value=b>fallback</object>B</p>`, ["AB"]],
    ["embed", `<p>A<embed src="x.swf">B</p>`, ["AB"]],
    ["meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>Text</p>`, ["Text"]],
    ["base href", `<base href="https://evil.example/"><p>Text</p>`, ["Text"]],
    ["form action", `<form action="https://evil.example/"><p>Your name</p><input name=n><button formaction="javascript:alert(1)">Send</button></form>`, ["Your name", "Send"]],
    ["input autofocus onfocus", `<p>A</p><input autofocus onfocus=alert(1)><p>B</p>`, ["A", "B"]],
    ["style @import", `<style>@import "https://evil.example/x.css";</style><p>Text</p>`, ["Text"]],
    ["style attribute", `<p style="background:url(javascript:alert(1))">Text</p>`, ["Text"]],
    ["img srcset", `<p>A<img srcset="javascript:alert(1) 1x" alt="pic">B</p>`, ["AB"]],
    ["link rel=import", `<link rel=import href="https://evil.example/x.html"><p>Text</p>`, ["Text"]],
    ["noscript attribute breakout", `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><p>Text</p>`, ["Text"]],
    ["comment hiding markup", `<p>A<!--<img src=x onerror=alert(1)>-->B</p>`, ["AB"]],
    ["IE conditional comment", `<p>A<!--[if IE]><script>alert(1)</script><![endif]-->B</p>`, ["AB"]],
    ["bogus comment", `<p>A<? <img src=x onerror=alert(1)> ?>B</p>`, ["A ?>B"]],
    ["CDATA in HTML", `<p>A<![CDATA[<img src=x onerror=alert(1)>]]>B</p>`, ["A]]>B"]],
    ["template", `<p>A</p><template><img src=x onerror=alert(1)></template><p>B</p>`, ["A", "B"]],
    ["NUL inside a tag name", `<p>A<scr\u0000ipt>alert(1)</scr\u0000ipt>B</p>`, ["AB"]],
    ["upper-case tag and handler", `<P ONCLICK="alert(1)">Text<SCRIPT>alert(1)</SCRIPT></P>`, ["Text"]],
    ["duplicate href", `<p><a href="https://ok.test/" href="javascript:alert(1)">ok</a></p>`, ["ok"]],
    ["title inside body", `<title><img src=x onerror=alert(1)></title><p>Text</p>`, ["Text"]],
    ["noembed", `<noembed><img src=x onerror=alert(1)></noembed><p>Text</p>`, ["Text"]],
    ["slot projecting the host page", `<p>A<slot name="x"></slot>B</p>`, ["AB"]],
    ["custom element", `<p>A<my-widget onclick="alert(1)">inner</my-widget>B</p>`, ["AinnerB"]],
    ["contenteditable wrapper", `<div contenteditable="true" onfocus="alert(1)">Text</div>`, ["Text"]],
    ["svg data image", `<p>A<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">B</p>`, ["AB"]],
  ];

  it.each(vectors)("%s", async (_name, html, texts) => {
    const out = await sanitize(html);
    await expectInert(out);
    expect(out).not.toMatch(/<script|<svg|<math|<style|<object|<embed|<meta|<base|<link|<form|<input|<template|<slot/i);
    const text = await visibleText(out);
    for (const t of texts) expect(text).toContain(t);
  });

  // The fake Helpjuice's hostile corpus, shared with the end-to-end tests.
  it.each(HOSTILE_VECTORS.map((v) => [v.name, v] as const))("seeded vector %s", async (_name, v) => {
    const out = await sanitize(`${v.html}\n<p>${v.text}</p>`);
    await expectInert(out);
    expect(out).not.toContain(v.marker);
    expect(await visibleText(out)).toContain(v.text);
  });

  it.each(HOSTILE_ARTICLES.map((a) => [a.id, a] as const))("seeded hostile article %s keeps its closing paragraph", async (_id, a) => {
    const out = await sanitize(a.body);
    await expectInert(out);
    expect(out).not.toMatch(/hjx/i);
    const last = /<p>([^<]*)<\/p>\s*$/.exec(a.body)?.[1];
    expect(await visibleText(out)).toContain(last);
  });

  it("turns textarea contents into plain text, not tags", async () => {
    const out = await sanitize(`<p>A</p><textarea><img src=x onerror=alert(1)> a &amp; b</textarea><p>B</p>`);
    expect(out).toBe(`<p>A</p>&lt;img src=x onerror=alert(1)&gt; a &amp; b<p>B</p>`);
    await expectInert(out);
  });

  it("turns xmp and plaintext into escaped pre blocks", async () => {
    expect(await sanitize(`<xmp><b>x</b> &amp;</xmp>`)).toBe(`<pre>&lt;b&gt;x&lt;/b&gt; &amp;amp;</pre>`);
    expect(await sanitize(`<p>A</p><plaintext><img src=x onerror=alert(1)>`)).toBe(`<p>A</p><pre>&lt;img src=x onerror=alert(1)&gt;`);
  });

  it("drops a srcdoc-less, sourceless iframe and an object fallback entirely", async () => {
    expect(await sanitize(`<iframe></iframe><p>x</p>`)).toBe(`<p>x</p>`);
  });
});

describe("legitimate content survives", () => {
  it("keeps an ordinary article intact", async () => {
    const html = [
      `<h2 id="install">Install</h2>`,
      `<p dir="ltr" lang="en">Open <strong>Settings</strong> &amp; choose <em>Apps</em>.</p>`,
      `<ol start="2"><li>One</li><li>Two<ul><li>Nested</li></ul></li></ol>`,
      `<table><thead><tr><th scope="col" colspan="2">Plan</th></tr></thead><tbody><tr><td rowspan="2">A</td><td>B</td></tr></tbody></table>`,
      `<pre><code class="language-js">if (a &lt; b &amp;&amp; c &gt; d) { return "&lt;div&gt;"; }</code></pre>`,
      `<blockquote><p>Quote</p></blockquote>`,
      `<details open><summary>More</summary><p>Hidden</p></details>`,
      `<p>Größe – 日本語 😀 שלום</p>`,
    ].join("\n");
    expect(await sanitize(html)).toBe(html.replace(`id="install"`, `id="${ID_PREFIX}install"`).replace("<details open>", `<details open="">`));
  });

  it("keeps the code block's escaped characters as escaped text", async () => {
    const out = await sanitize(`<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>`);
    expect(out).toBe(`<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>`);
    expect((await inspect(out)).tags.map((t) => t.tag)).toEqual(["pre", "code"]);
  });

  it("keeps images with their alt text, resolved and lazy", async () => {
    expect(await sanitize(`<p><img src="/uploads/step1.png" alt="Step 1" width="640" height="480" title="Step"></p>`)).toBe(
      `<p><img src="https://acme.helpjuice.com/uploads/step1.png" alt="Step 1" width="640" height="480" title="Step" loading="lazy"></p>`,
    );
    const png = "data:image/png;base64,iVBORw0KGgo=";
    expect(await sanitize(`<img src="${png}" alt="dot">`)).toBe(`<img src="${png}" alt="dot" loading="lazy">`);
  });

  it("opens absolute links in a new tab without the opener, and keeps in-article anchors", async () => {
    const out = await sanitize(
      `<p><a href="https://example.com/x?a=1&amp;b=2" target="_self">Ext</a> <a href="/en_US/12-reset">Rel</a> <a href="#install">Up</a> <a href="mailto:help@acme.test">Mail</a></p>`,
    );
    expect(out).toBe(
      `<p><a href="https://example.com/x?a=1&amp;b=2" target="_blank" rel="${LINK_REL}">Ext</a> ` +
        `<a href="https://acme.helpjuice.com/en_US/12-reset" target="_blank" rel="${LINK_REL}">Rel</a> ` +
        `<a href="#${ID_PREFIX}install">Up</a> <a href="mailto:help@acme.test">Mail</a></p>`,
    );
  });

  it("leaves relative URLs relative when there is no base", async () => {
    expect(await sanitizeHtml(`<a href="/a/1">x</a><img src="i.png" alt="">`)).toBe(`<a href="/a/1">x</a><img src="i.png" alt="" loading="lazy">`);
  });

  it("keeps a YouTube embed, sandboxed and lazy, without its fallback content", async () => {
    const out = await sanitize(
      `<p>Watch:</p><iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=a&amp;start=5" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="no-referrer" allowfullscreen>Your browser <b>cannot</b></iframe><p>Done</p>`,
    );
    expect(out).toBe(
      `<p>Watch:</p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=a&amp;start=5" width="560" height="315" title="YouTube video player" ` +
        `allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" allowfullscreen ` +
        `sandbox="allow-scripts allow-same-origin allow-presentation" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe><p>Done</p>`,
    );
    await expectInert(out);
  });

  it("keeps Helpjuice's inserted-article wrapper and its allowlisted classes only", async () => {
    const out = await sanitize(
      `<div class="helpjuice-inserted-article notranslate fr-deletable" data-id="42" contenteditable="false"><p>Shared</p></div>`,
    );
    expect(out).toBe(`<div class="helpjuice-inserted-article notranslate"><p>Shared</p></div>`);
  });

  it("unwraps a whole pasted document to its body content", async () => {
    const out = await sanitize(`<html><head><title>T</title><meta charset="utf-8"><style>p{}</style></head><body><p>Body</p></body></html>`);
    expect(out).toBe(`<p>Body</p>`);
  });

  it("drops an inline svg icon but keeps the label after it", async () => {
    expect(await sanitize(`<p><svg viewBox="0 0 1 1"><path d="M0 0"/></svg> Click <b>Save</b></p>`)).toBe(`<p> Click <b>Save</b></p>`);
  });

  it("gives videos controls and no autoplay", async () => {
    expect(await sanitize(`<video src="/v.mp4" autoplay onplay="alert(1)"></video>`)).toBe(
      `<video src="https://acme.helpjuice.com/v.mp4" controls="" preload="metadata"></video>`,
    );
  });
});

describe("shape of the output", () => {
  it("is empty for empty, whitespace-only and all-dangerous input", async () => {
    expect(await sanitize("")).toBe("");
    expect(await sanitize("  \n\t ")).toBe("");
    expect(await sanitize(" <script>alert(1)</script> \n")).toBe("");
  });

  it("is idempotent", async () => {
    const inputs = [
      `<h2 id="a">A</h2><p><a href="#a">x</a> <a href="/b?c=1&amp;d=2&copy=3">y</a></p>`,
      `<iframe src="https://player.vimeo.com/video/1" allowfullscreen></iframe>`,
      `<textarea><b>x</b> &amp;</textarea><xmp><i>y</i></xmp>`,
      `<div class="helpjuice-inserted-article"><img src="a b.png" alt='say "hi"'></div>`,
      `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>t`,
      `<ul><li>a<li>b</ul><p>x<p>y`,
    ];
    for (const html of inputs) {
      const once = await sanitize(html);
      expect(await sanitize(once), html).toBe(once);
    }
  });

  it("handles a 200 kB article", async () => {
    const block =
      `<h3 id="s">Section</h3><p>Some <b>bold</b> text with a <a href="/x">link</a> and <img src="/i.png" alt="i">.</p>` +
      `<ul><li>one</li><li>two</li></ul><table><tr><td colspan="2">cell</td></tr></table>` +
      `<pre><code class="language-sh">echo &lt;hi&gt;</code></pre><img src=x onerror=alert(1)><script>alert(1)</script>`;
    const html = block.repeat(Math.ceil(200_000 / block.length));
    expect(html.length).toBeGreaterThan(200_000);
    const started = Date.now();
    const out = await sanitize(html);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(out.length).toBeGreaterThan(150_000);
    expect(out).not.toContain("<script");
    expect(out).not.toContain("onerror");
    expect(out.split("<h3 ").length - 1).toBe(Math.ceil(200_000 / block.length));
  });
});
