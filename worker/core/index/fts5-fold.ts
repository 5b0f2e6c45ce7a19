/**
 * The case folding FTS5's unicode61 tokenizer applies on top of the worker's own (core/index/text/fold.ts):
 * Unicode's simple case folding, which maps a few lowercase letters to others ("µ" micro sign → "μ", "ϵ" →
 * "ε", "ς" → "σ", "ſ" → "s"). docs_vocab holds the folded terms, and a MATCH folds its query alike, so the
 * copy folds the same way. JS has no case folding: upper- then lowercasing one character stands in for it
 * where that gives one character (a full folding such as "ß" → "ss" is not simple, and FTS5 leaves it),
 * and "ı", which Unicode folds only for Turkish, is left alone.
 * Pure.
 */
const NON_ASCII = /[^\x00-\x7f]/;

export function fts5Fold(term: string): string {
  if (!NON_ASCII.test(term)) return term;
  let out = "";
  for (const c of term) {
    if (c === "ı" || c < "\x80") {
      out += c;
      continue;
    }
    const upper = c.toUpperCase();
    const lower = [...upper].length === 1 ? upper.toLowerCase() : c;
    out += [...lower].length === 1 ? lower : c;
  }
  return out;
}
