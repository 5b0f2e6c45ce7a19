/**
 * Text → sentences (Intl.Segmenter), without the breaks it makes after an initial or a common abbreviation:
 * ICU's default rules split "J. F. D. Shrewsbury" and "e.g. Settings" in two, since the segmenter has no
 * list of exceptions. A segment that ends that way is joined to the next.
 */
const segmenters = new Map<string, Intl.Segmenter>();

/** A single letter ("J."), or an abbreviation people write with a full stop, at the end of a segment. */
const NOT_AN_END = /(?:^|[\s(])(?:\p{Lu}|[Ee]\.g|[Ii]\.e|[Ee]tc|[Vv]s|[Mm]rs?|[Mm]s|[Dd]r|[Pp]rof|[Ss]t|[Nn]o|[Ff]ig|[Aa]pprox|[Ii]nc|[Ll]td|[Cc]o|U\.S|U\.K|[Jj]an|[Ff]eb|[Aa]ug|[Ss]ept?|[Oo]ct|[Nn]ov|[Dd]ec|[Zz]\.B|[Bb]zw|[Ss]r|[Ss]ra|[Pp]\.ej)\.\s*$/u;

export function sentences(text: string, lang: string): string[] {
  const base = lang.slice(0, 2);
  let seg = segmenters.get(base);
  if (!seg) segmenters.set(base, (seg = new Intl.Segmenter(base, { granularity: "sentence" })));
  const out: string[] = [];
  let carry = "";
  for (const { segment } of seg.segment(text)) {
    const s = carry + segment;
    if (NOT_AN_END.test(s)) {
      carry = s;
      continue;
    }
    carry = "";
    out.push(s);
  }
  if (carry) out.push(carry);
  return out.map((s) => s.trim()).filter(Boolean);
}
