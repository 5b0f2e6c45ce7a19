/**
 * What went wrong upstream, and what the edge answers for it. Messages are ours: an upstream body,
 * URL or key never ends up in one.
 */
import { ApiError } from "../errors";

export type UpstreamFault =
  | "timeout" //       no answer within UPSTREAM_TIMEOUT_MS
  | "bad_answer" //    5xx, 422, non-JSON or a shape we cannot read
  | "refused" //       403: the key is missing or wrong, which is our configuration, not the visitor's fault
  | "unknown_user" //  an impersonated user Helpjuice does not know
  | "not_found" //     404
  | "gate_closed" //   our gate, or Helpjuice's 429
  | "client_limited"; // this visitor's share of the gate is used up

export class UpstreamError extends Error {
  constructor(
    readonly fault: UpstreamFault,
    readonly retryAfterMs = 0,
    /** Might a second try cure it (a 5xx, a dropped connection, a load balancer's page)? A 4xx will not. */
    readonly retryable = false,
  ) {
    // The fault's name only: never a URL (which can carry api_key), an upstream body or a status line.
    super(fault);
    this.name = "UpstreamError";
  }
}

/**
 * Helpjuice answers 401/403 when the key is missing or wrong, or when the account does not take API keys
 * ("Require token for API?" off in Settings → API Credentials); a worker with no key or account gets the same.
 */
export const REFUSED =
  "The knowledge base refused the worker's credentials: check HELPJUICE_API_KEY (wrangler secret put " +
  "HELPJUICE_API_KEY, or .dev.vars for npm run dev) and that \"Require token for API?\" is enabled in Helpjuice " +
  "under Settings → API Credentials; /v1/health lists what is missing";

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function toApiError(e: UpstreamError): ApiError {
  switch (e.fault) {
    case "timeout":
      return new ApiError("upstream_timeout", "The knowledge base did not answer in time");
    case "bad_answer":
      return new ApiError("upstream_error", "The knowledge base gave an answer we could not use");
    case "refused":
      // Our configuration, not the visitor's doing: name what to check (no value, only where it is set).
      return new ApiError("upstream_error", REFUSED);
    case "unknown_user":
      return new ApiError("unauthorized", "The signed-in user is not known to the knowledge base");
    case "not_found":
      return new ApiError("not_found", "No such article");
    case "gate_closed":
      return new ApiError(
        "upstream_unavailable",
        "The knowledge base is busy; try again shortly",
        seconds(e.retryAfterMs),
      );
    case "client_limited":
      return new ApiError("rate_limited", "Too many requests; slow down", seconds(e.retryAfterMs));
  }
}
