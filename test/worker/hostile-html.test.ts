import { beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_ARTICLE_IDS, HOSTILE_VECTORS, YOUTUBE_EMBED } from "../fake-helpjuice/index";
import { callSettled, json, resetAll } from "./support";

/** The article HTML a visitor actually receives for each hostile article in the fake's seed. */
const served = new Map<number, string>();

beforeAll(async () => {
  await resetAll();
  for (const id of HOSTILE_ARTICLE_IDS) {
    const res = await callSettled(`/v1/articles/${id}`);
    expect(res.status, `article ${id}`).toBe(200);
    served.set(id, (await json(res)).article.html);
  }
});

/** Visible text of an HTML fragment, roughly as a reader would see it. */
const visibleText = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

describe("every hostile vector in the fake knowledge base reaches visitors neutralised", () => {
  it.each(HOSTILE_VECTORS.map((v) => [v.name, v] as const))("%s", (_, vector) => {
    const html = served.get(vector.articleId)!;
    expect(html).not.toContain(vector.marker);
    expect(visibleText(html)).toContain(vector.text.replace(/\s+/g, " "));
  });

  it("keeps no script, event handler, javascript: URL or style anywhere", () => {
    for (const html of served.values()) {
      expect(html).not.toMatch(/<script|<style|<object|<embed|<meta|<base|<link|<form|<svg|<math/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/javascript:|vbscript:|data:text\/html/i);
      expect(html).not.toMatch(/\sstyle\s*=|srcdoc/i);
    }
  });

  it("keeps the allowed YouTube embed, sandboxed", () => {
    const html = served.get(YOUTUBE_EMBED.articleId)!;
    const iframe = html.match(/<iframe[^>]*>/g) ?? [];
    expect(iframe).toHaveLength(1);
    expect(iframe[0]).toContain(YOUTUBE_EMBED.src);
    expect(iframe[0]).toMatch(/sandbox="/);
  });
});
