import { describe, expect, it } from "vitest";
import { indexRow } from "./row";

const PUBLIC = [{ categoryId: 5, name: "Security", accessibility: 1 }];
const article = (answer: Record<string, unknown>) => ({
  id: 7,
  name: "Password policy",
  accessibility: 1,
  published: true,
  description: "<p>Rules</p><p>for passwords</p>",
  answer: [answer],
  updated_at: "2026-01-01T00:00:00.000Z",
});

describe("indexRow's text", () => {
  it("reads the body's markup, so table cells and list items stay apart", () => {
    const body =
      "<table><tr><th>Rule</th><th>Default</th></tr><tr><td>Minimum length</td><td>12</td></tr></table>" +
      "<ol><li>Your password</li><li>Passwords are checked.</li></ol>";
    // body_txt as Helpjuice writes it: its separators are lost once the text is one line.
    const row = indexRow(article({ body, body_txt: "Rule Default Minimum length 12 Your password Passwords are checked." }), "en_US", PUBLIC);
    expect(row?.body).toBe("Rule · Default. Minimum length · 12. Your password. Passwords are checked.");
    expect(row?.description).toBe("Rules. for passwords");
  });

  it("falls back to body_txt's lines when the body has no markup to read", () => {
    const row = indexRow(article({ body: "", body_txt: "Rule\nDefault\nPasswords are checked." }), "en_US", PUBLIC);
    expect(row?.body).toBe("Rule. Default. Passwords are checked.");
  });
});
