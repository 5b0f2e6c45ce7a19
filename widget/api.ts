/** The edge API as the widget sees it (docs/design.md, "The edge API contract"). */

export interface Hit {
  id: number;
  title: string;
  snippet: string;
  url: string;
  category?: { id: number; name: string } | null;
}

export interface Article {
  id: number;
  title: string;
  description?: string;
  html: string;
  url: string;
  language?: string;
  updated_at?: string;
}

/** A failure as the element shows and reports it. */
export interface Failure {
  code: string;
  message: string;
  /** HTTP status, 0 when no answer came. */
  status: number;
}

/** What every failure becomes: the API's own `{error:{code,message}}`, or a code for what the browser saw. */
export class HjError extends Error implements Failure {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}

export interface Caller {
  endpoint: string;
  /** The bearer token for in-app identity, if any; asked for on every call so a host can refresh it. */
  token(): string | null | undefined | Promise<string | null | undefined>;
}

/** The element's `endpoint`, `token` and `getToken`. */
export interface CallerHost {
  endpoint?: string;
  token?: string;
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
}

// Where this script came from, so `<script src="https://edge/hj-search.js">` needs no endpoint: the chunks
// (where this module lives) sit beside the entry, on its origin.
const scriptOrigin = new URL(import.meta.url).origin;

/** Whom to ask, and as whom: asked afresh for every call, so a new `getToken` or `endpoint` applies at once. */
export const callerOf = (h: CallerHost): Caller => ({
  endpoint: h.endpoint ?? scriptOrigin,
  token: () => (h.getToken ? h.getToken() : h.token),
});

export async function call<T>(
  c: Caller,
  path: string,
  params: Record<string, string | number | undefined>,
  init: { signal?: AbortSignal; body?: unknown; visitor?: string } = {},
): Promise<T> {
  const url = new URL(c.endpoint.replace(/\/+$/, "") + path, document.baseURI);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {};
  const token = await c.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.visitor) headers["X-HJ-Visitor"] = init.visitor;
  if (init.body) headers["Content-Type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.body ? "POST" : "GET",
      headers,
      body: init.body ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
      // Credentials would need a non-wildcard CORS answer and buy nothing: identity travels as a bearer token.
      credentials: "omit",
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new HjError("network", "The help service could not be reached.");
  }
  const body = await res.json().catch(() => null);
  if (res.ok && body) return body as T;
  const err = body?.error;
  throw err?.code
    ? new HjError(err.code, err.message ?? err.code, res.status)
    : new HjError("bad_response", `Unexpected answer (HTTP ${res.status}).`, res.status);
}
