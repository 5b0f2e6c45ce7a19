/** Small builders for realistic Helpjuice article HTML (headings with ids as the reference shows them). */
/**
 * Where the seed's pictures are: a path on the knowledge base itself, which the worker resolves against the
 * account's origin (here the fake's), and which the fake's Node server answers from test/fake-helpjuice/images/
 * (small SVG wireframes). So the demo shows real pictures and nothing reaches the internet.
 */
export const IMAGE_PATH = "/images";

export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/&[a-z]+;/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

let headingSeq = 0;
export const h2 = (text: string) => `<h2 id="${slug(text)}-${headingSeq++ % 10}" data-toc="true">${text}</h2>`;
export const h3 = (text: string) => `<h3 id="${slug(text)}-${headingSeq++ % 10}" data-toc="true">${text}</h3>`;
export const p = (text: string) => `<p>${text}</p>`;
export const ul = (...items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>`;
export const ol = (...items: string[]) => `<ol>${items.map((i) => `<li>${i}</li>`).join("")}</ol>`;
export const img = (file: string, alt: string) =>
  `<p><img src="${IMAGE_PATH}/${file}" alt="${escapeHtml(alt)}" width="720" height="405" loading="lazy"></p>`;
export const code = (lang: string, text: string) => `<pre><code class="language-${lang}">${escapeHtml(text)}</code></pre>`;
export const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
export const note = (text: string) => `<div class="helpjuice-callout helpjuice-callout-info"><p>${text}</p></div>`;
export const warn = (text: string) => `<div class="helpjuice-callout helpjuice-callout-warning"><p>${text}</p></div>`;
export const a = (href: string, text: string) => `<a href="${href}">${text}</a>`;
/** A link to another article, relative as the Helpjuice editor writes them. */
export const articleLink = (id: number, codename: string, text: string) => `<a href="/en_US/${id}-${codename}">${text}</a>`;
/** The placeholder the editor leaves for "insert article"; `processed=true` expands it. */
export const insertArticle = (id: number) =>
  `<div class="helpjuice-inserted-article" data-inserted-article-id="${id}" contenteditable="false"></div>`;
export const body = (...parts: string[]) => parts.join("\n");
/** A body led by an "On this page" list of in-article links to its h2s, as long Helpjuice articles have. */
export const bodyWithToc = (...parts: string[]) => {
  const links = parts.flatMap((part) => [...part.matchAll(/<h2 id="([^"]+)"[^>]*>(.*?)<\/h2>/g)].map(([, id, text]) => a(`#${id}`, text)));
  return body(`<p><strong>On this page</strong></p>`, ul(...links), ...parts);
};
