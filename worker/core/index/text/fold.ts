/**
 * Accent and case folding that keeps every UTF-16 unit where it was, so an offset found in the folded
 * text is the same offset in the original (snippets cut the original around a match found in the fold).
 * "Kündigung" → "kundigung", "Contraseña" → "contrasena". Characters whose fold would change the length
 * (ß → ss, İ → i̇) keep their first unit, which is what a person typing without the key would type anyway.
 */
const MARKS = /\p{M}/gu;
const cache = new Map<string, string>();

/**
 * Scripts whose marks are accents a person may leave out. Elsewhere a mark changes the letter (Japanese パ
 * and バ are different sounds, and so different words), so it stays.
 */
const ACCENTED_SCRIPTS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;

function foldUnit(ch: string): string {
  let f = cache.get(ch);
  if (f === undefined) {
    const stripped = ACCENTED_SCRIPTS.test(ch) ? ch.normalize("NFD").replace(MARKS, "").toLowerCase() : ch.toLowerCase();
    f = stripped.length === 1 ? stripped : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    if (cache.size < 4096) cache.set(ch, f);
  }
  return f;
}

export function fold(text: string): string {
  // Plain ASCII needs only lowercasing, and nearly every character of an English knowledge base is ASCII.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x80 ? text[i].toLowerCase() : foldUnit(text[i]);
  }
  return out;
}
