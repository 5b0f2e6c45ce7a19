import { articles, type ArticleHost } from "./article-cache.js";

/**
 * How long a result must stay active before its article is fetched. The same for the pointer and the
 * keys: a pointer crossing the list on its way elsewhere, or a held arrow key (repeating every ~30 ms),
 * passes each result in less, so only the one the user stops on is fetched; and a person takes longer than
 * this to read a title and press Enter, so the article is usually in before they do.
 */
const DWELL_MS = 100;

/**
 * Fetches the article of the result the user lingers on, into the element's ArticleCache, so that opening
 * it shows it at once. Lives in the results chunk: a page pays for it only once someone searches.
 */
export class Prefetch {
  private timer?: ReturnType<typeof setTimeout>;
  private waiting?: number;

  constructor(private h: ArticleHost) {}

  /** Result `id` became active (arrow keys) or the pointer entered it; the latest one wins. */
  want(id: number) {
    if (id === this.waiting) return;
    this.cancel();
    // The user asked their browser to spare their data: fetch only what they open.
    if ((navigator as { connection?: { saveData?: boolean } }).connection?.saveData) return;
    this.waiting = id;
    this.timer = setTimeout(() => {
      this.waiting = undefined;
      // Failures are the open's to report, if it comes (the cache keeps none).
      articles(this.h).get(id).catch(() => {});
    }, DWELL_MS);
  }

  /** The result stopped being active, or the pointer left it (only `id`'s wait, if given), before the dwell. */
  cancel(id?: number) {
    if (id !== undefined && id !== this.waiting) return;
    clearTimeout(this.timer);
    this.waiting = undefined;
  }
}
