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
  /** Helpjuice could not answer a signed-in user; the edge index's public results stand in. */
  partial: "Showing public articles only: search is limited right now.",
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

export type Strings = typeof en;
