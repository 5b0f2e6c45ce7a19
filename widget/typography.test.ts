/** The reader's article typography, untouched by the result list's styles; links to other articles of the knowledge base. */
import { $, assert, cleanup, equal, focused, mount, options, press, search, until } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";

const CSV = "Import tasks from a CSV spreadsheet";

/** Opens the result titled `title` of a search for `q` by keyboard; resolves once its heading has focus. */
async function open(el: HjSearch, q: string, title: string) {
  await search(el, q);
  const i = options(el).findIndex((o) => o.querySelector("[part~=title]")!.textContent!.trim() === title);
  assert(i >= 0, `"${title}" among the results for "${q}"`);
  for (let k = 0; k <= i; k++) await press("ArrowDown");
  await press("Enter");
  await until(() => $(el, "[part~=heading]")?.textContent?.trim() === title && focused() === $(el, "[part~=heading]"), `"${title}" in the reader`);
  return $(el, "[part~=body]")!;
}

const css = (e: Element) => getComputedStyle(e);
const transparent = (c: string) => c === "transparent" || /rgba\(.*,\s*0\)$/.test(c);

describe("reader typography", () => {
  afterEach(cleanup);

  it("lists keep their markers, nested too; inline elements stay inline; list items are not options", async () => {
    const el = await mount({ mode: "panel" });
    el.style.height = "600px";
    const body = await open(el, "import csv", CSV);
    const ol = body.querySelector("ol")!;
    equal(css(ol).listStyleType, "decimal", "numbered list");
    assert(parseFloat(css(ol).paddingInlineStart) > 0, "room for the numbers");
    const li = ol.querySelector("li")!;
    equal(css(li).display, "list-item", "a list item, not a grid");
    equal(css(li).cursor, "auto", "no pointer: not an option");
    const em = body.querySelector("li em")!;
    equal(css(em).display, "inline", "emphasis inline");
    // Inline, the item's text flows around it: the item is as tall as its text, not a stack of blocks.
    const item = em.closest("li")!;
    const line = parseFloat(css(item).lineHeight) || 22;
    const text = document.createRange();
    text.selectNodeContents(item);
    const lines = new Set([...text.getClientRects()].map((r) => Math.round(r.bottom))).size;
    assert(item.getBoundingClientRect().height < line * (lines + 1), `no line of its own for the emphasis (${item.getBoundingClientRect().height}px for ${lines} lines)`);
    assert(em.getBoundingClientRect().left > item.getBoundingClientRect().left + 1 || lines > 1, "text before it on its line");

    // Nesting, bullets and quotes as another article might have them.
    body.insertAdjacentHTML("beforeend", "<ul><li>one<ul><li>two<ul><li>three</li></ul></li></ul></li></ul><blockquote><p>quoted</p></blockquote>");
    const [ul1, ul2, ul3] = [...body.querySelectorAll<HTMLElement>(":scope > ul:last-of-type, :scope > ul:last-of-type ul")];
    equal(css(ul1).listStyleType, "disc", "bullets");
    equal(css(ul2).listStyleType, "circle", "nested bullets");
    equal(css(ul3).listStyleType, "square", "third level");
    assert(ul2.querySelector("li")!.getBoundingClientRect().left > ul1.querySelector("li")!.getBoundingClientRect().left, "nested lists indent");
    const quote = body.querySelector("blockquote")!;
    assert(parseFloat(css(quote).borderInlineStartWidth) >= 2, "a quote has a rule at its side");
  });

  it("code blocks, tables, images and headings", async () => {
    const el = await mount({ mode: "panel" });
    el.style.width = "320px";
    el.style.height = "600px";
    const body = await open(el, "import csv", CSV);
    const pre = body.querySelector("pre")!;
    assert(!transparent(css(pre).backgroundColor), `code block background: ${css(pre).backgroundColor}`);
    assert(parseFloat(css(pre).paddingLeft) > 4, "code block padding");
    assert(/mono|menlo|consolas|courier/i.test(css(pre.querySelector("code")!).fontFamily), `monospace: ${css(pre).fontFamily}`);
    equal(css(pre).overflowX, "auto", "code scrolls sideways");
    assert(pre.getBoundingClientRect().width <= body.getBoundingClientRect().width + 1, "code stays within the reader");

    const table = body.querySelector("table")!;
    const th = table.querySelector("th")!;
    const td = table.querySelector("td")!;
    assert(!transparent(css(th).backgroundColor), "a shaded header");
    assert(parseFloat(css(td).borderTopWidth) >= 1, "rules between cells");
    equal(css(table).overflowX, "auto", "a wide table scrolls");
    assert(table.getBoundingClientRect().width <= body.getBoundingClientRect().width + 1, "the table stays within the reader");

    body.insertAdjacentHTML("beforeend", '<p><img alt="wide" width="2000" height="20" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p><h3>Sub</h3>');
    const img = body.querySelector<HTMLImageElement>('img[alt="wide"]')!;
    assert(img.getBoundingClientRect().width <= body.getBoundingClientRect().width + 1, "images at most the reader's width");

    const size = (sel: string) => parseFloat(css(el.shadowRoot!.querySelector(sel)!).fontSize);
    const p = size("[part~=body] p");
    assert(size("[part~=heading]") > size("[part~=body] h2"), "the title is the largest heading");
    assert(size("[part~=body] h2") > size("[part~=body] h3"), "h2 above h3");
    assert(size("[part~=body] h3") >= p, "h3 at least body text");
  });

  it("the title's focus ring is lighter than a control's, and still there", async () => {
    const el = await mount({ mode: "panel" });
    await open(el, "import csv", CSV);
    const ring = css($(el, "[part~=heading]")!);
    assert(ring.outlineStyle !== "none" && parseFloat(ring.outlineWidth) >= 2, `a visible ring: ${ring.outline}`);
    $(el, "[part~=back]")!.focus();
    await press("Tab");
    await press("Shift+Tab");
    const button = css($(el, "[part~=back]")!);
    assert(ring.outlineColor !== button.outlineColor, `lighter than the buttons' (${ring.outlineColor} vs ${button.outlineColor})`);
  });
});

describe("links between articles", () => {
  afterEach(cleanup);

  it("a link to another article of the knowledge base opens it in the reader; Back returns, then to the list", async () => {
    const el = await mount({ mode: "panel" });
    el.style.height = "600px";
    const body = await open(el, "import csv", CSV);
    const link = [...body.querySelectorAll("a")].find((a) => /CSV import errors/.test(a.textContent!));
    assert(link, "the article links to “CSV import errors”");
    const href = location.href;
    link.click();
    await until(() => /CSV import errors/i.test($(el, "[part~=heading]")?.textContent ?? ""), "the linked article in the reader");
    await until(() => focused() === $(el, "[part~=heading]"), "its title focused");
    equal(location.href, href, "the page did not navigate");
    await press("Escape");
    await until(() => $(el, "[part~=heading]")?.textContent?.trim() === CSV, "Back: the article the link was in");
    await press("Escape");
    await until(() => !$(el, "[part~=reader]") && options(el).length > 0, "Back again: the list");
  });

  it("links elsewhere keep opening a new tab", async () => {
    const el = await mount({ mode: "panel" });
    const body = await open(el, "import csv", CSV);
    body.insertAdjacentHTML("beforeend", '<p><a id="out" href="https://example.com/12-not-our-kb" target="_blank" rel="noopener">out</a></p>');
    const out = body.querySelector<HTMLAnchorElement>("#out")!;
    let prevented: boolean | undefined;
    document.addEventListener("click", (e) => ((prevented = e.defaultPrevented), e.preventDefault()), { once: true });
    out.click();
    equal(prevented, false, "the reader left the other site's link to the browser");
  });
});
