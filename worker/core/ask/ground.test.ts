import { describe, expect, it } from "vitest";
import { neededShare, questionTerms, share, termSet, weigh } from "./ground";

const question = (q: string) => weigh(questionTerms(q, "en_US"), new Map(), 100);

describe("how much of a question the best passage must hold", () => {
  it("asks more of a short question than of a long one, since a few words are shared by chance", () => {
    const short = question("Where was the war fought?");
    const long = question("Which river did the French army cross on its way north to the fort in the spring campaign?");
    expect(neededShare(short)).toBeGreaterThan(neededShare(long));
    // Half of a two-term question is not enough; half of a long one is.
    expect(share(short, termSet("The war ended in a treaty.", "en_US"))).toBeLessThan(neededShare(short));
    expect(share(long, termSet("In spring the French army marched north along the river.", "en_US"))).toBeGreaterThanOrEqual(neededShare(long));
  });

  it("counts terms by their weight: a common word beside a rare one barely lowers the bar", () => {
    const terms = questionTerms("reset password", "en_US");
    const even = weigh(terms, new Map(), 100);
    const uneven = weigh(terms, new Map([[terms[0], 90]]), 100);
    expect(neededShare(uneven)).toBeGreaterThan(neededShare(even));
  });

  it("never answers a question with no terms", () => {
    expect(neededShare([])).toBe(1);
  });
});
