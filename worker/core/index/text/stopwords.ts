/**
 * Words too common to tell articles apart, dropped from documents and queries alike (a query made only of
 * them keeps them). English only: the list is Lucene's classic English set, which BM25 baselines use; the
 * other languages rely on BM25's IDF, which already makes such words nearly worthless.
 */
const EN = new Set(
  "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with".split(
    " ",
  ),
);

export function isStopword(word: string, base: string): boolean {
  return base === "en" && EN.has(word);
}
