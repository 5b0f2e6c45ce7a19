/**
 * The English UI text, which is also the shape every other language and the `strings` property follow.
 * `{n}` and `{q}` are filled in at render time; keep them when translating.
 */
export const en = {
  label: "Search help articles",
  placeholder: "Search help…",
  open: "Search help",
  /** The launcher's button. */
  help: "Help",
  close: "Close",
  hint: "Type to search the help center.",
  loading: "Searching…",
  error: "Search is unavailable right now.",
  retry: "Try again",
};

/**
 * Text only the lazy chunks show ships with them (strings/later.ts), not in the first load: `partial`
 * (Helpjuice could not answer; the edge index's public results stand in), the popular articles' heading,
 * the modal's key hints, the result count, the contact link, the reader's own text and the messages that
 * only a search or an article can lead to. `strings` may still override each.
 */
export type Strings = typeof en & Partial<Later>;

export interface Later {
  partial: string;
  popular: string;
  keyMove: string;
  keyOpen: string;
  keyClose: string;
  /** The reader's Alt+← (the article a link came from, else the list). */
  keyBack: string;
  /** The live region's count: `{n}` results, one result, none for `{q}`. */
  results: string;
  one: string;
  none: string;
  contact: string;
  view: string;
  helpful: string;
  up: string;
  down: string;
  thanks: string;
  /** The reader's list of articles to read next (GET /v1/articles/:id/related). */
  related: string;
  /** The label of an article's contents list (its headings, when it has three or more). */
  contents: string;
  /** A search or article answered 429/503, 401, 404. */
  busy: string;
  denied: string;
  missing: string;
  back: string;
  /** Said while an article loads. */
  article: string;
  /** The button above the results that asks the box's text (Ask, ask.ts). */
  ask: string;
  /** After 👎 in the reader (missing.ts): the optional comment's label, its note, its count, Send, the outcomes. */
  missingAsk: string;
  missingNote: string;
  /** `{n}` characters typed of `{max}`. */
  missingCount: string;
  missingSend: string;
  missingThanks: string;
  missingFailed: string;
}
