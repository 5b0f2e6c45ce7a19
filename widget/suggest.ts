/**
 * Page suggestions: the host's `suggestions` rules ("on pages like this, suggest that") matched against
 * where the visitor is. In the results chunk: rules are only looked at once someone is about to see them.
 */

/** A rule as a host writes it: a URLPattern (a path such as `/settings/billing*`, or a whole URL), a query and/or article ids. */
export interface Rule {
  match: string;
  query?: string;
  articles?: number[];
}

interface Compiled {
  test(href: string): boolean;
  query?: string;
  articles: number[];
}

/** What a page gets suggested: article ids first, then a query's best matches. */
export interface Pick {
  ids: number[];
  q?: string;
}

/**
 * The rules from the `suggestions` property: an array, JSON text, or the id of a
 * `<script type="application/json">` holding it. A bad rule (or bad JSON) is left out and reported through
 * `warn`, once per source, so a typo in one rule never stops the widget or the other rules.
 */
export function compile(src: unknown, warn: (problems: string[]) => void): Compiled[] {
  const problems: string[] = [];
  let rules: unknown = src;
  if (typeof src === "string") {
    const text = src.trim();
    const script = /^[[{]/.test(text) ? null : document.getElementById(text.replace(/^#/, ""));
    try {
      rules = text ? JSON.parse(script ? script.textContent ?? "" : text) : [];
    } catch (e) {
      problems.push(`suggestions is not JSON (${(e as Error).message})`);
      rules = [];
    }
  }
  if (rules == null) rules = [];
  if (!Array.isArray(rules)) {
    problems.push("suggestions must be an array of rules");
    rules = [];
  }
  const out: Compiled[] = [];
  for (const r of rules as Rule[]) {
    const ids = r?.articles ?? [];
    const okIds = Array.isArray(ids) && ids.every((n) => Number.isInteger(n) && n > 0);
    const test = typeof r?.match === "string" ? matcher(r.match) : null;
    if (!test || !okIds || (r.query !== undefined && typeof r.query !== "string") || (!r.query && !ids.length)) {
      problems.push(`rule ${JSON.stringify(r)} is not {"match": pattern, "query"?: text, "articles"?: [ids]}`);
      continue;
    }
    out.push({ test, query: r.query?.trim() || undefined, articles: ids });
  }
  if (problems.length) warn(problems);
  return out;
}

/**
 * A URLPattern's test. A path alone (anything but a whole URL) matches on any origin, query and hash (the dictionary form leaves them
 * wildcards; the string form with a base URL would pin them to the page's own).
 */
function matcher(pattern: string): ((href: string) => boolean) | null {
  const P = (globalThis as { URLPattern?: new (p: unknown) => { test(u: string): boolean } }).URLPattern;
  try {
    if (P) {
      const p = new P(pattern.includes("://") ? pattern : { pathname: pattern });
      return (href) => p.test(href);
    }
    // Engines without URLPattern: the common case, a path with `*` and `:name`.
    if (pattern.includes("://")) return null;
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/:\w+/g, "[^/]+")}$`);
    return (href) => re.test(new URL(href).pathname);
  } catch {
    return null;
  }
}

/** Every matching rule's ids (in rule order, once each), the first matching query, else `context`. */
export function pick(rules: Compiled[], href: string, context?: string): Pick {
  const ids: number[] = [];
  let q: string | undefined;
  for (const r of rules) {
    if (!r.test(href)) continue;
    for (const id of r.articles) if (!ids.includes(id)) ids.push(id);
    q ??= r.query;
  }
  return { ids: ids.slice(0, 20), q: q ?? (context?.trim() || undefined) };
}

/**
 * Calls `moved` whenever a single-page app changes the URL: the Navigation API where there is one, else
 * `popstate` and the history methods, wrapped once per page (wrapping keeps the app's own calls intact).
 * Returns the way to stop listening.
 */
export function follow(moved: () => void): () => void {
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  if (nav) {
    nav.addEventListener("navigatesuccess", moved);
    return () => nav.removeEventListener("navigatesuccess", moved);
  }
  const w = window as Window & { __hjHistory?: boolean };
  if (!w.__hjHistory) {
    w.__hjHistory = true;
    for (const m of ["pushState", "replaceState"] as const) {
      const own = history[m];
      history[m] = function (this: History, ...a: Parameters<History["pushState"]>) {
        own.apply(this, a);
        dispatchEvent(new Event("hj-locationchange"));
      };
    }
  }
  addEventListener("popstate", moved);
  addEventListener("hj-locationchange", moved);
  return () => {
    removeEventListener("popstate", moved);
    removeEventListener("hj-locationchange", moved);
  };
}
