/**
 * What a question asks for, read from its words in the languages the widget speaks. The extractive answerer
 * prefers a sentence holding that kind of answer (a date for "when", a number for "how many"…), and the
 * question's own function words ("how", "do", "I") say nothing about which passage answers it, so they are
 * left out of its terms.
 */
import { fold } from "../index/text/fold";
import { baseLanguage } from "../index/text/languages";

export type AnswerKind = "when" | "count" | "who" | "where" | "steps" | "other";

/**
 * Each language's question words. The kind is read where the first of them stands, so a question that opens
 * with its context ("In 1932, what was…", "I forgot it: how do I…") is read like one that opens with it.
 */
const ASKING: Record<string, RegExp> = {
  en: /(?<![\p{L}\p{N}])(?:how|what|when|where|which|who|whom|whose|is there)(?![\p{L}\p{N}])/u,
  es: /(?<![\p{L}\p{N}])(?:¿|c[oó]mo|cu[aá]nd|cu[aá]nt|d[oó]nde|ad[oó]nde|qui[eé]n|en qu[eé])/u,
  pt: /(?<![\p{L}\p{N}])(?:como|quando|quant|onde|aonde|quem|em que)/u,
  fr: /(?<![\p{L}\p{N}])(?:comment|combien|quand|o[uù]|qui|en quelle|à quelle)(?![\p{L}\p{N}])/u,
  de: /(?<![\p{L}\p{N}])(?:wie|wieviel|wann|seit wann|in welchem|wo|wohin|woher|wer|wem|wen|wessen)(?![\p{L}\p{N}])/u,
};

const KINDS: Record<string, [AnswerKind, RegExp][]> = {
  en: [
    ["count", /^(?:how (?:many|much|long|often|old|far|big|large|tall|high)|(?:what|which) (?:is the |was the )?(?:number|amount|size|price|cost|percentage|proportion))\b/],
    ["when", /^(?:when|(?:what|which) (?:year|date|time|day|month|century|decade|period)|by when|since when)\b/],
    ["who", /^(?:who|whom|whose|(?:what|which) (?:person|people|company|team|group|organi[sz]ation))\b/],
    ["where", /^(?:where|(?:what|which) (?:country|city|place|region|state|town|location))\b/],
    // A procedure is asked for in the first or second person ("how do I", "how can we", "how to"); "how did
    // the Normans…" asks for an account, not steps.
    ["steps", /^(?:how (?:do|can|could|should|would|will|may|must) (?:i|we|you|one)|how to|what (?:are the )?steps|is there a way)\b/],
  ],
  es: [
    ["count", /^¿?\s*(?:cu[aá]nt[oa]s?)\b/],
    ["when", /^¿?\s*(?:cu[aá]ndo|en qu[eé] (?:a[nñ]o|fecha|momento))\b/],
    ["who", /^¿?\s*(?:qui[eé]n(?:es)?)\b/],
    ["where", /^¿?\s*(?:d[oó]nde|ad[oó]nde)\b/],
    ["steps", /^¿?\s*(?:c[oó]mo|qu[eé] pasos)\b/],
  ],
  pt: [
    ["count", /^(?:quant[oa]s?)\b/],
    ["when", /^(?:quando|em que (?:ano|data))\b/],
    ["who", /^(?:quem)\b/],
    ["where", /^(?:onde|aonde)\b/],
    ["steps", /^(?:como)\b/],
  ],
  fr: [
    ["count", /^(?:combien)\b/],
    ["when", /^(?:quand|en quelle ann[ée]e|à quelle (?:date|heure))\b/],
    ["who", /^(?:qui)\b/],
    ["where", /^(?:o[uù])\b/],
    ["steps", /^(?:comment)\b/],
  ],
  de: [
    ["count", /^(?:wie (?:viele?|lange|oft|alt|gro[sß])|wieviel)\b/],
    ["when", /^(?:wann|seit wann|in welchem jahr)\b/],
    ["who", /^(?:wer|wem|wen|wessen)\b/],
    ["where", /^(?:wo|wohin|woher)\b/],
    ["steps", /^(?:wie)\b/],
  ],
};

/** Words that frame a question rather than name its subject, by base language. */
const FRAME_WORDS: Record<string, string> = {
  en: "how what when where who whom whose which why do does did doing done can could should would may might must shall i me my mine we us our you your yours he she him her his its am is are was were been being get got have has had please tell know want need",
  es: "como cómo que qué cuando cuándo donde dónde quien quién quienes cuanto cuánto cuanta cuánta cuantos cuántos por para puedo puede pueden debo hay es son está están fue mi mis me yo tu tus su sus se el la los las un una unos unas de del en y o al lo le",
  pt: "como que quando onde quem quanto quanta quantos quantas por para posso pode podem devo há e é são está estão foi meu minha meus minhas me eu o a os as um uma de do da dos das em no na e ou ao",
  fr: "comment que quoi quand où ou qui combien pourquoi est-ce est ce je me mon ma mes nous vous votre vos il elle le la les un une des de du en et à au aux puis peux peut dois faut y a sont",
  de: "wie was wann wo wer wen wem wessen warum welche welcher welches kann können muss müssen soll ich mich mein meine wir unser sie ihr ist sind war waren hat haben der die das ein eine einen und oder zu im in am von mit",
};

const FRAME = Object.fromEntries(Object.entries(FRAME_WORDS).map(([l, w]) => [l, new Set(w.split(" ").map(fold))]));

/** The kind of answer a question asks for ("other" when its words say nothing of it). */
export function answerKind(question: string, lang: string): AnswerKind {
  const base = baseLanguage(lang);
  let q = question.trim().toLowerCase();
  const at = ASKING[base]?.exec(q)?.index ?? 0;
  q = q.slice(at);
  for (const [kind, re] of KINDS[base] ?? []) if (re.test(q)) return kind;
  return "other";
}

/** Is this folded word only the question's frame in this language? */
export function isFrameWord(word: string, lang: string): boolean {
  return FRAME[baseLanguage(lang)]?.has(word) ?? false;
}
