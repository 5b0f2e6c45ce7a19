import { describe, expect, it } from "vitest";
import { categoryVerdict, membershipByArticle, parseCategories } from "../articles/categories";
import { hasMorePages, isRemoval, nextStep, parseActivities, sinceDay, sweepAllowed, upstreamDate } from "./sync-plan";

describe("the sync's plan", () => {
  it("writes dates as the reference does (day-month-year) and asks a day back", () => {
    expect(upstreamDate(Date.UTC(2021, 8, 20, 12))).toBe("20-09-2021");
    expect(sinceDay(Date.UTC(2021, 8, 20, 0, 30), 0)).toBe("19-09-2021");
  });

  it("walks categories, every page of every language, then activities (recent) or the end (full)", () => {
    expect(nextStep({ phase: "categories" }, "full", 2, null)).toEqual({ phase: "list", lang: 0, page: 1 });
    expect(nextStep({ phase: "list", lang: 0, page: 1 }, "full", 2, { hasMore: true })).toEqual({ phase: "list", lang: 0, page: 2 });
    expect(nextStep({ phase: "list", lang: 0, page: 2 }, "full", 2, { hasMore: false })).toEqual({ phase: "list", lang: 1, page: 1 });
    expect(nextStep({ phase: "list", lang: 1, page: 1 }, "full", 2, { hasMore: false })).toEqual({ phase: "finish" });
    expect(nextStep({ phase: "list", lang: 1, page: 1 }, "recent", 2, { hasMore: false })).toEqual({ phase: "activities" });
  });

  it("trusts meta for more pages, and a full page without it", () => {
    expect(hasMorePages(1, 1000, 2)).toBe(true);
    expect(hasMorePages(2, 1000, 2)).toBe(false);
    expect(hasMorePages(1, 1000, null)).toBe(true);
    expect(hasMorePages(1, 999, null)).toBe(false);
  });

  it("holds back a sweep that would delete most of the index until a second pass agrees", () => {
    expect(sweepAllowed(5, 6, false)).toBe(true);
    expect(sweepAllowed(40, 100, false)).toBe(true);
    expect(sweepAllowed(60, 100, false)).toBe(false);
    expect(sweepAllowed(60, 100, true)).toBe(true);
  });

  it("reads article activities and knows a deletion", () => {
    const acts = parseActivities({
      activities: [
        { id: 3, trackable_id: 22, trackable_type: "Question", action: "destroy" },
        { id: 4, trackable_id: "23", trackable_type: "Question", action: "update" },
        { id: 5, trackable_id: 9, trackable_type: "User", action: "create" },
      ],
    });
    expect(acts).toEqual([
      { id: 3, articleId: 22, action: "destroy" },
      { id: 4, articleId: 23, action: "update" },
    ]);
    expect(isRemoval("destroy")).toBe(true);
    expect(isRemoval("update")).toBe(false);
    expect(() => parseActivities({ nope: [] })).toThrow();
  });
});

describe("categories", () => {
  const cats = parseCategories({
    categories: [
      { id: 1, name: "Public", accessibility: 1, published_questions: [{ id: 10 }, { id: 11 }], draft_questions: [{ id: 12 }] },
      { id: 2, name: "Internal", accessibility: 0, published_questions: [{ id: 11 }] },
      { id: 3, name: "No flag", published_questions: [{ id: 13 }] },
    ],
  });
  const by = membershipByArticle(cats);

  it("an article is public only in public categories alone, and unknown when no category lists it", () => {
    expect(categoryVerdict(by.get(10))).toEqual({ public: true, category: { id: 1, name: "Public" } });
    expect(categoryVerdict(by.get(11))).toEqual({ public: false, reason: "restricted" });
    expect(categoryVerdict(by.get(13))).toEqual({ public: false, reason: "restricted" });
    expect(categoryVerdict(by.get(99))).toEqual({ public: false, reason: "unlisted" });
  });
});
