// Every relative link in README.md and docs/*.md resolves: the file (or folder) exists, and a `#anchor` into a
// markdown file names one of its headings, slugged as GitHub slugs them. No browser, no network.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The markdown files whose links are checked, as repository paths. */
export function docFiles() {
  const docs = readdirSync(join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

/** The text outside fenced code blocks and inline code spans, line breaks kept so line numbers hold. */
function prose(markdown) {
  let fenced = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return "";
      }
      return fenced ? "" : line.replace(/`+[^`]*`+/g, "");
    })
    .join("\n");
}

/** GitHub's heading anchor: inline markup dropped, lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading) {
  return heading
    .replace(/`([^`]*)`/g, (_, code) => code.replace(/[<>]/g, "")) // code spans: their text, never taken for HTML
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images keep their text
    .replace(/<[^>]+>/g, "") // inline HTML
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "") // punctuation (emphasis marks included) dropped; _ kept
    .replace(/ /g, "-");
}

/** The anchors a markdown file offers: its headings' slugs (repeats numbered as GitHub numbers them). */
export function anchorsOf(markdown) {
  const seen = new Map();
  const anchors = new Set();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of markdown.matchAll(/<a\s+[^>]*(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
  return anchors;
}

/** Every link target in a markdown file, with its line: `[text](target)`, `<img src>`, `<a href>`. */
export function linksOf(markdown) {
  const out = [];
  prose(markdown)
    .split("\n")
    .forEach((line, i) => {
      for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: m[1], line: i + 1 });
      for (const m of line.matchAll(/<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g)) out.push({ target: m[1], line: i + 1 });
    });
  return out;
}

/** Why a link from `file` (a repository path) does not resolve, or null when it does. */
export function brokenLink(file, target) {
  // Other sites, mail, and root-relative paths (the worker's own routes in examples) are not files here.
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//") || target.startsWith("/")) return null;
  const [pathPart, anchor] = target.split("#", 2);
  const path = decodeURIComponent(pathPart.split("?")[0]);
  const resolved = path === "" ? file : relative(root, join(root, dirname(file), path)).split("\\").join("/");
  if (resolved.startsWith("..")) return `${target} leaves the repository`;
  if (!existsSync(join(root, resolved))) return `${target}: ${resolved} does not exist`;
  if (anchor === undefined || anchor === "") return null;
  if (!resolved.endsWith(".md")) return null;
  const anchors = anchorsOf(readFileSync(join(root, resolved), "utf8"));
  return anchors.has(decodeURIComponent(anchor).toLowerCase()) ? null : `${target}: no heading "#${anchor}" in ${resolved}`;
}

test("GitHub's heading slugs", () => {
  assert.equal(slug("The upstream gate and per-client limits"), "the-upstream-gate-and-per-client-limits");
  assert.equal(slug("In each isolate's memory"), "in-each-isolates-memory");
  assert.equal(slug("Data statement (copy into your privacy policy)"), "data-statement-copy-into-your-privacy-policy");
  assert.equal(slug("The edge API (v1)"), "the-edge-api-v1");
  assert.equal(slug("`<hj-search>` and `npm test`"), "hj-search-and-npm-test");
  assert.deepEqual([...anchorsOf("# A\n## A\n```\n# not a heading\n```\n")], ["a", "a-1"]);
});

test("a broken link is reported", () => {
  assert.match(brokenLink("README.md", "docs/no-such-page.md") ?? "", /does not exist/);
  assert.match(brokenLink("README.md", "docs/design.md#no-such-heading") ?? "", /no heading/);
  assert.equal(brokenLink("README.md", "docs/design.md#layout"), null);
  assert.equal(brokenLink("docs/api.md", "../README.md"), null);
});

test("every relative link in README.md and docs/*.md resolves", () => {
  const problems = [];
  let checked = 0;
  for (const file of docFiles()) {
    for (const { target, line } of linksOf(readFileSync(join(root, file), "utf8"))) {
      checked++;
      const problem = brokenLink(file, target);
      if (problem) problems.push(`${file}:${line}: ${problem}`);
    }
  }
  assert.ok(checked > 20, `only ${checked} links found: is the link parser broken?`);
  assert.deepEqual(problems, []);
});
