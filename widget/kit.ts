import type { html as litHtml, nothing as litNothing } from "lit";

/**
 * Lit as lent by the element. The lazy chunks import nothing the entry imports (Lit, lang.ts…): esbuild
 * would move any such module out of the entry into a shared chunk, and the first load would be two files
 * (two requests, two gzip dictionaries) instead of one.
 */
export interface Kit {
  html: typeof litHtml;
  nothing: typeof litNothing;
}
