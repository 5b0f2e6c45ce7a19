import { describe, expect, it } from "vitest";
import { webhookEffect } from "./webhook-event";

describe("webhookEffect", () => {
  it("names the article of a Question event and retires searches", () => {
    const body = { event: "question_update", activity_fields: { action: "update", trackable_type: "Question", trackable_id: 12 } };
    expect(webhookEffect(body)).toEqual({ articleId: 12, content: true });
  });

  it("reads Article as well as Question, string ids, and fields at the top level", () => {
    expect(webhookEffect({ event: "article_publish", trackable_type: "Article", trackable_id: "7" })).toEqual({
      articleId: 7,
      content: true,
    });
  });

  it("finds the article of an answer event through question_id", () => {
    const body = { event: "answer_update", activity_fields: { trackable_type: "Answer", trackable_id: 900, question_id: 12 } };
    expect(webhookEffect(body)).toEqual({ articleId: 12, content: true });
  });

  it("takes the id from an article-named event when the type is missing", () => {
    expect(webhookEffect({ event: "question_delete", activity_fields: { trackable_id: 5 } })).toEqual({
      articleId: 5,
      content: true,
    });
  });

  it("retires searches for category and unknown events without naming an article", () => {
    expect(webhookEffect({ event: "category_create", activity_fields: { trackable_type: "Category", trackable_id: 4 } })).toEqual({
      articleId: null,
      content: true,
    });
    expect(webhookEffect({})).toEqual({ articleId: null, content: true });
  });

  it("leaves the cache alone for user and group events", () => {
    expect(webhookEffect({ event: "user_delete", activity_fields: { trackable_type: "User", trackable_id: 3 } })).toEqual({
      articleId: null,
      content: false,
    });
    expect(webhookEffect({ event: "group_update" })).toEqual({ articleId: null, content: false });
  });

  it.each([
    ["zero", 0],
    ["negative", -3],
    ["a fraction", 1.5],
    ["a word", "twelve"],
    ["beyond an int32", 2 ** 31],
  ])("names no article for an id that is %s", (_, id) => {
    expect(webhookEffect({ activity_fields: { trackable_type: "Question", trackable_id: id } })?.articleId).toBeNull();
  });

  it.each([null, 3, "text", [1, 2]])("refuses a body that is not an object (%j)", (body) => {
    expect(webhookEffect(body)).toBeNull();
  });
});
