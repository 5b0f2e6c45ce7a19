import { describe, expect, it } from "vitest";
import { extract, MAX_WORDS } from "./extractive";
import { questionTerms, weigh } from "./ground";
import { answerKind } from "./question";

const passage = (n: number, text: string, title = "Article", heading = "") => ({ n, title, heading, text });
const ask = (q: string, ps: ReturnType<typeof passage>[]) => {
  const terms = questionTerms(q, "en_US");
  // Every term equally rare: the test is about sentences, not weights.
  return extract(ps, weigh(terms, new Map(), 100), answerKind(q, "en_US"), "en_US");
};

describe("the extractive answerer", () => {
  it("answers a how-to from the start of the procedure, the step after with it, cited", () => {
    const got = ask("How do I reset my password?", [
      passage(1, "Go to the sign-in page and click Forgot password. Enter your email and click Send reset link. Open the email and click Reset password.", "Reset your password"),
    ]);
    expect(got).toEqual({ text: "Go to the sign-in page and click Forgot password. [1] Enter your email and click Send reset link. [1]", citations: [1] });
  });

  it("prefers the sentence with the kind of answer asked for: a date for when, a number for how many", () => {
    const ps = [passage(1, "Refunds are reviewed by the billing team. Refunds are paid within 14 days of the request.")];
    expect(ask("When are refunds paid?", ps)!.text).toMatch(/^Refunds are paid within 14 days/);
    expect(ask("How many seats does the plan include?", [passage(1, "The plan includes seats for the whole team. The Team plan includes 25 seats.")])!.text).toMatch(/25 seats/);
  });

  it("reads the kind at the question word, after whatever opens the question", () => {
    const ps = [passage(1, "Refunds are paid by the billing team."), passage(2, "Refunds are paid within 14 days.")];
    expect(ask("Please tell me, when are refunds paid?", ps)!.text).toMatch(/^Refunds are paid within 14 days\. \[2\]/);
  });

  it("reads a sentence after the one before it, which often names its subject", () => {
    // Both "use" and "format"; only the second is about the export, which the sentence before it names.
    const got = ask("What format does the export use?", [
      passage(1, "Invoices use the PDF format. The account export is sent by email. It uses the CSV format.", "Data"),
    ]);
    expect(got!.text).toBe("The account export is sent by email. [1] It uses the CSV format. [1]");
  });

  it("takes the sentence before one that only points back at it", () => {
    const got = ask("What appoints the commissioners?", [passage(1, "The European Council sets the direction. It appoints the commissioners.")]);
    expect(got!.text).toBe("The European Council sets the direction. [1] It appoints the commissioners. [1]");
  });

  it("keeps an answer within two sentences and MAX_WORDS words", () => {
    const long = Array.from({ length: 5 }, (_, i) => `Invoices sentence ${i} ${"word ".repeat(25)}end.`).join(" ");
    const got = ask("Where are invoices?", [passage(1, long), passage(2, long)])!;
    expect(got.text.replace(/\[\d\]/g, "").split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(MAX_WORDS);
    expect((got.text.match(/\[\d\]/g) ?? []).length).toBeLessThanOrEqual(2);
  });

  it("has nothing to say when no sentence holds any of the question", () => {
    expect(ask("How do I bake bread?", [passage(1, "Invoices are in Settings.")])).toBeNull();
  });
});
