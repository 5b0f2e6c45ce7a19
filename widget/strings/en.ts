/**
 * The English UI text, which is also the shape every other language and the `strings` property follow.
 * `{n}` and `{q}` are filled in at render time; keep them when translating.
 */
export const en = {
  label: "Search help articles",
  placeholder: "Search help…",
  open: "Search help",
  close: "Close",
  hint: "Type to search the help center.",
  loading: "Searching…",
  results: "{n} results",
  one: "1 result",
  none: "No articles match “{q}”.",
  contact: "Contact support",
  error: "Search is unavailable right now.",
  busy: "Too many requests. Please wait a moment.",
  denied: "Your session has expired. Please sign in again.",
  retry: "Try again",
  back: "Back to results",
  article: "Loading article…",
  missing: "This article isn't available.",
  view: "Open in the help center",
  helpful: "Was this helpful?",
  up: "Yes",
  down: "No",
  thanks: "Thanks for your feedback!",
};

/**
 * `partial` (Helpjuice could not answer; the edge index's public results stand in) is rare, so its text
 * ships with the search chunk (results.ts), not in the first load; `strings` may still override it.
 */
export type Strings = typeof en & { partial?: string };
