/**
 * For the tests of articles newer than the cached categories listing (new-article.test.ts for reads,
 * vote-new-article.test.ts for votes): making such an article in the fake, and counting listing reads.
 */
import { expect } from "vitest";
import { callSettled, fakeControl, upstreamLog } from "./support";
import { PUBLIC } from "./seed-facts";

/** The fake's seed: category 1 is public ("Getting started"), 6 internal ("Support playbooks"). */
export const PUBLIC_CATEGORY = 1;
export const INTERNAL_CATEGORY = 6;

/** A new article, public and published by its own flags: only its category decides. */
export async function create(name: string, category: number): Promise<number> {
  const res = await fakeControl("/articles", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name, body: `<p>${name}, written just now.</p>`, category_ids: [category], accessibility: 1, published: true }),
  });
  if (res.status !== 201) throw new Error(`the fake refused the article: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { article: { id: number } }).article.id;
}

export const categoryCalls = async () => (await upstreamLog("/api/v3/categories")).length;

/** A seed article read first, so the categories listing is cached before the new articles exist. */
export async function cacheTheListing(): Promise<void> {
  expect((await callSettled(`/v1/articles/${PUBLIC[0].id}`)).status).toBe(200);
  expect(await categoryCalls()).toBe(1);
}
