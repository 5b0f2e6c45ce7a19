/**
 * Fault injection for tests. A rule matches a request by a regular expression over its path (and
 * optionally a method and a substring of its query string); the first active match applies. Kinds:
 *   error     answer `status` (default 500) with Rails' or a load balancer's HTML page, or JSON (`format`),
 *             or the given `body`
 *   latency   wait `ms` (default 1000) and then answer normally
 *   timeout   never answer; hold until the request is aborted, `ms` passes (default 60 000) or the fake is
 *             reset, then give a 504 (499 in the log when the client went away)
 *   429       Helpjuice's rate-limit answer, exactly
 *   non-json  200 with an HTML page (or the given `body`)
 * `times` makes a rule expire after that many matches. Faulted requests (other than latency) are answered
 * before the rate limiter and authentication, like an outage in front of the app, and do not count.
 */
import { gatewayError, html, json, maintenancePage, railsServerError, tooManyRequests } from "./responses";

export const FAULT_KINDS = ["error", "latency", "timeout", "429", "non-json"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** Regular expression source, tested against the path (e.g. "^/api/v3/search$" or "/articles/12"). */
  path: string;
  kind: FaultKind;
  /** Substring the query string must contain (raw or decoded), e.g. "query=password". */
  query?: string;
  /** Only this method (case-insensitive). */
  method?: string;
  /** "error": the status, default 500. */
  status?: number;
  /** "error": "html" (default) or "json". */
  format?: "html" | "json";
  /** "error" and "non-json": the exact body to send instead. */
  body?: string;
  /** "latency": the delay; "timeout": the longest hold. */
  ms?: number;
  /** Expire after this many matches. */
  times?: number;
}

export interface ActiveFault extends FaultRule {
  id: number;
  /** How many requests this rule has caught. */
  hits: number;
}

export const MAX_HOLD_MS = 60_000;

/** Validates a rule from JSON; returns the rule or a message saying what is wrong. */
export function parseFaultRule(input: unknown): FaultRule | string {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "a fault rule is a JSON object";
  const r = input as Record<string, unknown>;
  if (typeof r.path !== "string" || !r.path) return "path (a regular expression) is required";
  try {
    new RegExp(r.path);
  } catch {
    return "path is not a valid regular expression";
  }
  if (!FAULT_KINDS.includes(r.kind as FaultKind)) return `kind must be one of ${FAULT_KINDS.join(", ")}`;
  const rule: FaultRule = { path: r.path, kind: r.kind as FaultKind };
  if (r.query !== undefined) {
    if (typeof r.query !== "string") return "query must be a string";
    rule.query = r.query;
  }
  if (r.method !== undefined) {
    if (typeof r.method !== "string") return "method must be a string";
    rule.method = r.method.toUpperCase();
  }
  if (r.status !== undefined) {
    if (!Number.isInteger(r.status) || (r.status as number) < 200 || (r.status as number) > 599) return "status must be an integer 200–599";
    rule.status = r.status as number;
  }
  if (r.format !== undefined) {
    if (r.format !== "html" && r.format !== "json") return 'format must be "html" or "json"';
    rule.format = r.format;
  }
  if (r.body !== undefined) {
    if (typeof r.body !== "string") return "body must be a string";
    rule.body = r.body;
  }
  if (r.ms !== undefined) {
    if (typeof r.ms !== "number" || !Number.isFinite(r.ms) || r.ms < 0 || r.ms > 10 * MAX_HOLD_MS) return "ms must be 0–600000";
    rule.ms = r.ms;
  }
  if (r.times !== undefined) {
    if (!Number.isInteger(r.times) || (r.times as number) < 1) return "times must be a positive integer";
    rule.times = r.times as number;
  }
  return rule;
}

export class FaultBook {
  readonly rules: ActiveFault[] = [];
  private seq = 0;

  add(rule: FaultRule): ActiveFault {
    const active = { ...rule, id: ++this.seq, hits: 0 };
    this.rules.push(active);
    return active;
  }

  remove(id: number): boolean {
    const i = this.rules.findIndex((r) => r.id === id);
    if (i === -1) return false;
    this.rules.splice(i, 1);
    return true;
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The first rule matching this request, counted (and dropped when its `times` are used up). */
  take(method: string, url: URL): ActiveFault | null {
    const search = url.search.replace(/^\?/, "");
    let decoded = search;
    try {
      decoded = decodeURIComponent(search.replace(/\+/g, " "));
    } catch {
      /* keep the raw form */
    }
    const i = this.rules.findIndex(
      (r) =>
        new RegExp(r.path).test(url.pathname) &&
        (!r.method || r.method === method.toUpperCase()) &&
        (r.query === undefined || search.includes(r.query) || decoded.includes(r.query)),
    );
    if (i === -1) return null;
    const rule = this.rules[i];
    rule.hits++;
    if (rule.times !== undefined && rule.hits >= rule.times) this.rules.splice(i, 1);
    return rule;
  }
}

/** Pending holds (latency and timeout), so a reset can let them all go and no timer outlives a test. */
export class Holds {
  private releases = new Set<() => void>();

  /** Waits `ms`; resolves early with "aborted" or "released". Never rejects; never keeps a process alive. */
  wait(ms: number, signal?: AbortSignal): Promise<"elapsed" | "aborted" | "released"> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve("aborted");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (why: "elapsed" | "aborted" | "released") => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.releases.delete(release);
        resolve(why);
      };
      const onAbort = () => finish("aborted");
      const release = () => finish("released");
      timer = setTimeout(() => finish("elapsed"), ms);
      (timer as unknown as { unref?: () => void }).unref?.();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.releases.add(release);
    });
  }

  get pending(): number {
    return this.releases.size;
  }

  releaseAll(): void {
    for (const release of [...this.releases]) release();
  }
}

/** The status a client that went away gets in the log (nginx's convention). */
export const CLIENT_CLOSED = 499;

/**
 * Applies a fault: a Response to send instead of the real answer, or null to carry on (latency).
 */
export async function applyFault(rule: FaultRule, holds: Holds, signal?: AbortSignal): Promise<Response | null> {
  switch (rule.kind) {
    case "latency": {
      const why = await holds.wait(rule.ms ?? 1_000, signal);
      return why === "aborted" ? new Response(null, { status: CLIENT_CLOSED }) : null;
    }
    case "timeout": {
      const why = await holds.wait(rule.ms ?? MAX_HOLD_MS, signal);
      return why === "aborted" ? new Response(null, { status: CLIENT_CLOSED }) : gatewayError(504);
    }
    case "429":
      return tooManyRequests();
    case "non-json":
      return rule.body !== undefined ? html(200, rule.body) : maintenancePage();
    case "error": {
      const status = rule.status ?? 500;
      if (rule.body !== undefined) return rule.format === "json" ? json(status, rule.body) : html(status, rule.body);
      if (rule.format === "json") return json(status, { status, error: statusText(status) });
      return status >= 502 && status <= 504 ? gatewayError(status) : railsServerError(status);
    }
  }
}

function statusText(status: number): string {
  const known: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    422: "Unprocessable Entity",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return known[status] ?? "Error";
}
