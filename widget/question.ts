/**
 * Does the box hold a question? Enter asks (rather than searches) when the text ends in a question mark
 * (?, the full-width ？, the Arabic ؟) or starts with a question word of the UI language. In the results
 * chunk: Enter reaches nothing before it.
 */
const STARTS: Record<string, RegExp> = {
  en: /^(?:how|what|when|where|why|who|which|can|could|should|does|do|is|are|will)\b/i,
  es: /^¿|^(?:c[oó]mo|qu[eé]|cu[aá]ndo|d[oó]nde|por qu[eé]|qui[eé]n|cu[aá]l|cu[aá]nto|puedo|se puede)\b/i,
  de: /^(?:wie|was|wann|wo|warum|wer|welche[rsn]?|kann|muss|ist|gibt)\b/i,
  fr: /^(?:comment|que|quoi|quand|o[uù]|pourquoi|qui|quel(?:le)?s?|combien|est-ce|puis-je|peut-on)\b/i,
  pt: /^(?:como|o que|quando|onde|por que|quem|qual|quanto|posso|[eé] poss[ií]vel)\b/i,
  ja: /(?:か|ですか|ますか|には|とは|方法)$|^(?:どう|なぜ|いつ|どこ|何|誰)/,
  ar: /^(?:كيف|ما|ماذا|متى|أين|لماذا|من|هل|كم)\s/,
};

export function isQuestion(text: string, code: string | undefined): boolean {
  const t = text.trim();
  if (/[?？؟]$/.test(t)) return true;
  return STARTS[(code ?? "").slice(0, 2)]?.test(t) ?? false;
}
