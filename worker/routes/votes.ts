/**
 * POST /v1/articles/:id/vote — "was this helpful". Every refusal a visitor can cause is decided before
 * the ledger hears of the vote; the ledger makes sure a voter is recorded once, and the outbox delivers the
 * vote to Helpjuice later, within the upstream budget (platform/votes/outbox.ts, core/votes/delivery.ts).
 */
import type { Context, Hono } from "hono";
import { originAllowed } from "../core/config";
import { ApiError } from "../core/errors";
import { toApiError, UpstreamError } from "../core/upstream/error";
import { addressKey, voterId, voterSource } from "../core/votes/voter";
import { parseJson, readBoundedText } from "../platform/bounded-body";
import { knownVisibility } from "../platform/votes/visibility";
import { ledgerFor, outboxFor } from "../platform/votes/ledger";
import { CLIENT_LIMIT_PERIOD_S, withinClientLimit } from "../platform/client-limit";
import { readArticle } from "./articles";
import { recordVote } from "../platform/insights/queue";
import { check as valid } from "../middleware/validate";
import { MAX_VOTE_BODY } from "../core/body-limits";
import { ArticleParams, VoteBody } from "./schemas";
import type { AppEnv } from "../app-env";

const isJson = (type: string | undefined) => /^application\/json\s*(;|$)/i.test(type ?? "");
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
/** When the outbox cannot take a vote (Durable Object trouble): try again shortly. */
const OUTBOX_TROUBLE_RETRY_MS = 5_000;

export function voteRoutes(app: Hono<AppEnv>) {
  // Validated by hand rather than by the route's validators, so the body is never read unbounded and the
  // checks run in the order that leaks least: origin, then input, then the article, then the ledger and
  // the per-address limit.
  app.post("/v1/articles/:id/vote", async (c) => {
    // Browsers always send Origin on a cross-origin POST; no Origin means no browser we serve.
    if (!originAllowed(c.get("cfg"), c.req.header("Origin")))
      throw new ApiError("forbidden", "Votes are accepted only from the sites this worker serves");
    const { id } = valid(ArticleParams, { id: c.req.param("id") }, "Bad article id");
    // Requiring JSON also means a cross-site form cannot vote: it would need a preflight we refuse.
    if (!isJson(c.req.header("Content-Type")))
      throw new ApiError("bad_request", "Send the vote as Content-Type: application/json");
    const { vote } = valid(VoteBody, parseJson(await readBoundedText(c.req.raw, MAX_VOTE_BODY)), 'vote must be "up" or "down"');
    const viewer = c.get("viewer");
    const client = c.get("client");
    const who = voterSource(viewer, c.req.header("X-HJ-Visitor"), client ?? "");
    if (!who.ok) throw new ApiError("bad_request", who.message);

    const cfg = c.get("cfg");
    // Visibility, with no upstream read for an anonymous vote the article cache or the edge index can
    // decide; else (a cold start) the outbox checks at delivery and drops the vote if the article is not
    // public. A signed user's vote keeps its own check, as that user (never cached where others could read it).
    let check = false;
    if (viewer.kind === "user") {
      const { value } = await readArticle(c, id, undefined);
      if (value.status !== 200) throw new ApiError("not_found", "No such article");
    } else {
      const known = await knownVisibility(c.env, cfg, id);
      if (known === "invisible") throw new ApiError("not_found", "No such article");
      check = known === "unknown";
      if (known === "unlisted") await requirePublicByRead(c, id);
    }

    const voter = await voterId(who.source);
    const ledger = ledgerFor(c.env.VOTES, id);
    const claim = await ledger.claim(voter, vote);
    if (claim.kind === "failed") throw toApiError(new UpstreamError(claim.fault, claim.retryAfterMs));
    if (claim.kind === "recorded") return answer(c, claim.vote, false);

    // Charged only for a vote that would reach Helpjuice: a repeat costs nothing upstream, while a client
    // trying visitor ids makes new votes. A request with no address is not limited (core/client-address.ts).
    if (!(await withinClientLimit(c.env.VOTE_LIMITER, client && addressKey(client)))) {
      await ledger.settle(voter, claim.token, { keep: false, fault: "client_limited", retryAfterMs: CLIENT_LIMIT_PERIOD_S * 1000 });
      throw new ApiError("rate_limited", "Too many votes; try again shortly", CLIENT_LIMIT_PERIOD_S);
    }

    // Accepted once the outbox holds it; it reaches Helpjuice as the gate allows (platform/votes/outbox.ts),
    // so no vote is refused for lack of upstream budget.
    try {
      await outboxFor(c.env.VOTES).enqueue(cfg, {
        key: `${id}:${voter}`,
        articleId: id,
        vote,
        user: viewer.kind === "user" ? viewer.email : null,
        check,
      });
    } catch {
      // The outbox could not be reached (or is full): nothing was recorded, so the visitor may try again.
      await ledger.settle(voter, claim.token, { keep: false, fault: "gate_closed", retryAfterMs: OUTBOX_TROUBLE_RETRY_MS });
      throw new ApiError("upstream_unavailable", "The vote could not be recorded; try again shortly", seconds(OUTBOX_TROUBLE_RETRY_MS));
    }
    await ledger.settle(voter, claim.token, { keep: true });
    recordVote(c, id, vote); // insights: a counted vote (after the response; never a repeat)
    return answer(c, vote, true);
  });
}

/**
 * An article the ready index lacks, read as an anonymous visitor reads it (cached, through the gate): it
 * passes when public, and is a 404 when not. When Helpjuice cannot answer, the read's error (503 or 504 with Retry-After,
 * 429 for a client over its share), as GET /v1/articles/:id would answer: taking the vote for a check at
 * delivery would let anyone queue votes on any id while the gate is closed.
 */
async function requirePublicByRead(c: Context<AppEnv>, id: number): Promise<void> {
  const { status } = (await readArticle(c, id, undefined)).value;
  if (status !== 200) throw new ApiError("not_found", "No such article");
}

/**
 * A new vote is answered `delivered: false`: it is recorded and on its way. A repeat says only that the
 * first vote stands. The widget's voted state rests on `counted`/200, never on delivery.
 */
function answer(c: Context<AppEnv>, vote: "up" | "down", counted: boolean) {
  const res = c.json(counted ? { vote, counted, delivered: false } : { vote, counted }, 200);
  res.headers.set("Cache-Control", "no-store");
  return res;
}
