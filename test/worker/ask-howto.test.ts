// The how-to set (ask-howto.ts) through POST /v1/ask with the extractive answerer, in English and Spanish.
import { beforeAll, describe, expect, it } from "vitest";
import { APP_ORIGIN, buildIndex, callSettled, json, resetAll } from "./support";
import { HOW_TO } from "./ask-howto";

const VARS = { SEARCH_SOURCE: "index", KB_LANGUAGES: "en_US,es_ES" };

beforeAll(async () => {
  await resetAll();
  await buildIndex(VARS);
});

describe("Ask's how-to set, extractive", () => {
  for (const h of HOW_TO) {
    it(`${h.cites ? "answers" : "declines"} (${h.lang}) ${h.question}`, async () => {
      const res = await callSettled(
        "/v1/ask",
        { method: "POST", headers: { "Content-Type": "application/json", Origin: APP_ORIGIN }, body: JSON.stringify({ question: h.question, lang: h.lang }) },
        VARS,
      );
      const b = await json(res);
      if (!h.cites) {
        expect(b.answered, `${h.question} → ${b.answer}`).toBe(false);
        return;
      }
      expect(b.answered, h.question).toBe(true);
      const cited = b.citations.map((n: number) => b.sources.find((s: { n: number }) => s.n === n).id);
      expect(h.cites.some((id) => cited.includes(id)), `${h.question} cited ${cited} → ${b.answer}`).toBe(true);
    });
  }
});
