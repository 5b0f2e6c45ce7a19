import { describe, expect, it } from "vitest";
import { htmlToText, linesToText } from "./plain";

const TABLE =
  "<table><thead><tr><th>Rule</th><th>Default</th><th>Range</th></tr></thead>" +
  "<tbody><tr><td>Minimum length</td><td>12</td><td>8–64</td></tr><tr><td>Maximum age</td><td>90 days</td><td>0–365</td></tr></tbody></table>";

describe("htmlToText", () => {
  it("separates the cells of a table row with a middle dot, and its rows as sentences", () => {
    expect(htmlToText(TABLE)).toBe("Rule · Default · Range. Minimum length · 12 · 8–64. Maximum age · 90 days · 0–365");
  });

  it("ends list items, headings and paragraphs as sentences, unless they already end with punctuation", () => {
    const html =
      "<h2>Password rules</h2><ol><li>Your password</li><li>Passwords are checked.</li><li>Then:</li></ol><p>Done</p>";
    expect(htmlToText(html)).toBe("Password rules. Your password. Passwords are checked. Then: Done");
  });

  it("treats br, div, blockquote and pre as boundaries too, and code lines as cells", () => {
    expect(htmlToText("one<br>two<br/>three<div>four</div><blockquote>five</blockquote>")).toBe("one. two. three. four. five");
    expect(htmlToText("<p>Run</p><pre><code>npm ci\nnpm start</code></pre>")).toBe("Run. npm ci · npm start");
  });

  it("keeps inline markup inside a phrase, and nested blocks as one boundary", () => {
    expect(htmlToText("<ul><li><p>Open <strong>Settings</strong> and <a href='/x'>Security</a></p></li><li><p>Save</p></li></ul>")).toBe(
      "Open Settings and Security. Save",
    );
    expect(htmlToText("<table><tr><td></td><td>only</td><td></td></tr></table>")).toBe("only");
    expect(htmlToText('<li>Okta (see <a href="/47">Set up SSO</a>)</li><li>pass<b>word</b><img src="x.png">next</li>')).toBe(
      "Okta (see Set up SSO). password next",
    );
  });

  it("ends a Japanese line with 。 and no space after full-width punctuation", () => {
    expect(htmlToText("<h2>パスワード</h2><p>リセットします。</p><p>次へ</p>")).toBe("パスワード。リセットします。次へ");
  });

  it("sees a full stop inside closing quotes or brackets", () => {
    expect(htmlToText('<p>Say "stop."</p><p>(See below.)</p><p>x</p>')).toBe('Say "stop." (See below.) x');
  });

  it("drops scripts, styles, comments and inserted-article placeholders; decodes entities without making tags", () => {
    const html =
      '<p>a &amp; b &lt;td&gt; &#39;c&#39; &#x2014; d&nbsp;e</p><script>alert(1)</script><style>p{}</style><!-- <td>x</td> -->' +
      '<div class="helpjuice-inserted-article" data-inserted-article-id="9"></div><p>end</p>';
    expect(htmlToText(html)).toBe("a & b <td> 'c' — d e. end");
  });

  it("never lets control characters, raw or as entities, act as separators", () => {
    expect(htmlToText("a\u0001b&#1;c&#2;d")).toBe("a b c d");
  });

  it("makes nothing of empty or tag-only input", () => {
    expect(htmlToText("")).toBe("");
    expect(htmlToText("<p></p><ul><li></li></ul>")).toBe("");
  });
});

describe("linesToText", () => {
  it("reads line breaks as block boundaries (body_txt)", () => {
    expect(linesToText("Rule\nDefault\n\nPasswords are checked.\nDone\n")).toBe("Rule. Default. Passwords are checked. Done");
  });
});
