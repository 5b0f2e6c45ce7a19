/**
 * Ask in insights, through the worker's own queue() into D1 and out of GET /v1/insights: questions asked,
 * answered and declined per day, the declined ones as content gaps (scrubbed, named only when asked at
 * least twice), and 👍/👎 on answers from the beacon.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "../../worker/core/insights/events";
import { APP_ORIGIN, buildIndex, call, callSettled, json, resetAll, TEST_VARS } from "./support";
import { capture, deliver } from "./insights-support";

const AUTH = { Authorization: `Bearer ${TEST_VARS.INSIGHTS_TOKEN}` };

beforeEach(async () => {
  await resetAll();
  await buildIndex();
});

describe("Ask in insights", () => {
  it("counts questions answered and declined, lists a repeated decline scrubbed, and counts answer ratings", async () => {
    const { sent, vars } = capture({ SEARCH_SOURCE: "index" });
    const ask = async (question: string) => {
      const res = await callSettled("/v1/ask", { method: "POST", headers: { "Content-Type": "application/json", Origin: APP_ORIGIN }, body: JSON.stringify({ question }) }, vars);
      return json(res);
    };
    expect((await ask("How do I reset my password?")).answered).toBe(true);
    expect((await ask("Can I pay with Bitcoin? Mail me at jane.doe@example.com")).answered).toBe(false);
    expect((await ask("Can I pay with Bitcoin? Mail me at jane.doe@example.com")).answered).toBe(false);
    expect((await ask("What is the capital of Mongolia?")).answered).toBe(false);
    for (const vote of ["up", "down", "up"]) {
      const { res, settled } = await call("/v1/events", { method: "POST", headers: { "Content-Type": "text/plain", Origin: APP_ORIGIN }, body: JSON.stringify({ kind: "answer", vote }) }, vars);
      await settled;
      expect(res.status).toBe(204);
    }
    expect(JSON.stringify(sent)).not.toMatch(/jane|doe@/i);

    const DAY = "2020-02-20";
    for (const m of sent as { at: number }[]) m.at = Date.parse(`${DAY}T10:00:00Z`);
    expect((await deliver(sent)).retryBatch.retry).toBe(false);

    const r = await json(await callSettled(`/v1/insights?from=${addDays(DAY, -1)}&to=${DAY}`, { headers: AUTH }));
    expect(r.totals.ask).toEqual({ asked: 4, answered: 1, declined: 3, answer_rate: 0.25, feedback: { up: 2, down: 1 } });
    expect(r.daily.at(-1)).toMatchObject({ asks: 4, answered: 1, declined: 3 });
    // Asked twice: named (scrubbed). Asked once: never named.
    expect(r.declined_questions).toEqual([{ question: "can i pay with bitcoin? mail me at [email]", lang: "en_US", asks: 2, declined: 2 }]);
    expect(JSON.stringify(r)).not.toMatch(/mongolia|jane/i);
    const csv = await (await callSettled(`/v1/insights?from=${addDays(DAY, -1)}&to=${DAY}&format=csv&table=declined_questions`, { headers: AUTH })).text();
    expect(csv).toBe("question,lang,asks,declined\r\ncan i pay with bitcoin? mail me at [email],en_US,2,2\r\n");
  });
});
