/**
 * The answerer with no model: at most two sentences and MAX_WORDS words, taken as written from the best
 * passages and cited. Passages are ranked first (the caller's order), then sentences within them by how
 * much of the question's weight each holds (and, less, the sentence before it, which often names its
 * subject), with a lift for a sentence that holds the kind of answer the question asks for (a date for
 * "when", a number for "how many", a name for "who", an instruction for "how do I"). A sentence is never
 * rewritten, so the answer can say nothing the knowledge base does not.
 */
import type { AnswerKind } from "./question";
import { share, termSet, type WeightedTerm } from "./ground";
import { sentences } from "../index/text/sentences";

export const MAX_SENTENCES = 2;
export const MAX_WORDS = 60;
/** The least share of the question's weight the answer's own sentences must hold (see ground.ts). */
export const MIN_ANSWER_SHARE = 0.3;
/** What holding the asked-for kind of answer is worth, as a share of the question's weight. */
const KIND_LIFT = 0.3;
/**
 * The passage's own share counts for each of its sentences at this weight: of two sentences that hold the
 * same words, the one in the passage about the question reads better.
 */
const PASSAGE_WEIGHT = 0.3;
/**
 * What the sentence before adds to a sentence's share counts at this weight: a sentence is read after the one
 * before it, which often names its subject ("It manipulates symbols on a strip of tape").
 */
const BEFORE_WEIGHT = 0.3;
/** A second sentence from elsewhere must weigh nearly as much as the first to earn a place. */
const SECOND_AT_LEAST = 0.7;

export interface RankedPassage {
  /** The number it is cited by. */
  n: number;
  title: string;
  heading: string;
  text: string;
}

export interface Extracted {
  text: string;
  citations: number[];
}

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro";
const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|uno|dos|tres|cuatro|cinco|diez|cien|mil|millón|millones|un|deux|trois|quatre|cinq|dix|cent|mille|zwei|drei|vier|fünf|zehn|hundert|tausend|um|dois|três|quatro|cinco";
const KIND_TEST: Record<Exclude<AnswerKind, "other">, RegExp> = {
  when: new RegExp(`\\b(?:1\\d{3}|20\\d{2})s?\\b|\\b(?:${MONTHS})\\b|\\b\\d{1,2}:\\d{2}\\b|\\b\\d+\\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|h|min)\\b|\\b(?:centur(?:y|ies)|decades?|daily|weekly|monthly|yearly|annually|before|after|until|within|since|during)\\b|\\b\\d{1,2}(?:st|nd|rd|th)\\b|\\d{4}年|\\d+月`, "iu"),
  count: new RegExp(`\\d|\\b(?:${NUMBER_WORDS})\\b`, "iu"),
  // A capitalised word that does not open the sentence: most often a name.
  who: /(?<=\S\s+)\p{Lu}[\p{Ll}\p{Lu}]+/u,
  where: /(?<=\S\s+)\p{Lu}[\p{Ll}\p{Lu}]+|\b(?:in|at|on|under|from|en|à|em|im|an)\s+(?:the\s+)?\p{L}/u,
  // An instruction: a verb a help article tells people to do, or a numbered step.
  steps: /\b(?:click|go to|open|select|choose|enter|type|tap|press|sign in|log in|navigate|set|turn on|turn off|enable|disable|add|remove|use|follow|visit|haz clic|abre|selecciona|ve a|cliquez|ouvrez|sélectionnez|klicken|öffnen|wählen|clique|abra|selecione)\b|^\s*\d+[.)]/iu,
};

/** A sentence that opens with a word pointing back ("It", "They", "This"…) reads only with the one before. */
const LEANS_BACK = /^(?:it|its|they|their|them|this|these|those|that|he|she|his|her|such|there|then|also|el|ella|ellos|esto|este|esta|es|er|sie|es|dies|il|elle|ils|elles|cela|ceci|ele|ela|eles|isso|isto)\b/i;

const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;


/** At most `max` words of a sentence, marked as cut. */
function clip(sentence: string, max: number): string {
  const ws = sentence.split(/\s+/);
  return ws.length <= max ? sentence : `${ws.slice(0, max).join(" ")}…`;
}

interface Scored {
  n: number;
  passage: number;
  index: number;
  text: string;
  score: number;
}

/**
 * The answer from `passages` (best first; all of them are read, as all of them may be cited), or null when no
 * sentence holds any of the question.
 */
export function extract(passages: RankedPassage[], question: readonly WeightedTerm[], kind: AnswerKind, lang: string): Extracted | null {
  const scored: Scored[] = [];
  const bySentence: string[][] = [];
  passages.forEach((p, pi) => {
    const said = sentences(p.text, lang);
    bySentence.push(said);
    // The passage's own place: its title and heading count for each of its sentences at half weight.
    const context = share(question, termSet(`${p.title} ${p.heading}`, lang)) / 2 + PASSAGE_WEIGHT * share(question, termSet(p.text, lang));
    said.forEach((text, index) => {
      let own = share(question, termSet(text, lang));
      if (own === 0) return;
      if (index > 0) own += BEFORE_WEIGHT * (share(question, termSet(`${said[index - 1]} ${text}`, lang)) - own);
      const lift = kind !== "other" && KIND_TEST[kind].test(text) ? KIND_LIFT : 0;
      // Earlier passages rank higher: a small tie-break, never enough to outweigh a term.
      scored.push({ n: p.n, passage: pi, index, text, score: own + lift + context - pi * 0.01 });
    });
  });
  if (!scored.length) return null;
  scored.sort((a, b) => b.score - a.score || a.passage - b.passage || a.index - b.index);
  let best = scored[0];
  const own = bySentence[best.passage];
  if (kind === "steps" && KIND_TEST.steps.test(best.text)) {
    // "How do I…" is answered by the procedure from its start: the first instruction of the run of
    // instructions the best sentence belongs to, not a step from its middle.
    let start = best.index;
    while (start > 0 && KIND_TEST.steps.test(own[start - 1])) start--;
    if (start !== best.index) best = { ...best, index: start, text: own[start] };
  }
  const chosen: Scored[] = [best];
  const next = own[best.index + 1];
  const previous = own[best.index - 1];
  const room = MAX_WORDS - wordCount(best.text);
  if (previous && LEANS_BACK.test(best.text) && wordCount(previous) <= room) {
    // "It appoints the Commissioners…": the sentence before says what "it" is.
    chosen.unshift({ ...best, index: best.index - 1, text: previous });
  } else if (kind === "steps" && next && wordCount(next) <= room) {
    // Instructions read on: the step after the best one belongs with it.
    chosen.push({ ...best, index: best.index + 1, text: next });
  } else {
    const second = scored.find((s) => s !== best && s.score >= best.score * SECOND_AT_LEAST && wordCount(s.text) <= room && s.text !== best.text);
    // Else the sentence after it, which most often goes on about the same thing.
    if (second) chosen.push(second);
    else if (next && wordCount(next) <= room) chosen.push({ ...best, index: best.index + 1, text: next });
  }
  chosen.splice(MAX_SENTENCES);
  // In the order they are written when from one passage, so the two read as the article reads.
  chosen.sort((a, b) => (a.passage === b.passage ? a.index - b.index : 0));
  let words = 0;
  const parts: string[] = [];
  const citations: number[] = [];
  for (const s of chosen) {
    const text = clip(s.text, MAX_WORDS - words);
    words += wordCount(text);
    parts.push(`${text} [${s.n}]`);
    if (!citations.includes(s.n)) citations.push(s.n);
  }
  // The quoted sentences (with the title and heading they stand under) must themselves say a fair part of
  // what was asked: a passage can hold the words between its sentences while no sentence of it answers.
  const said = chosen.map((c) => `${passages[c.passage].title} ${passages[c.passage].heading} ${c.text}`).join(" ");
  if (share(question, termSet(said, lang)) < MIN_ANSWER_SHARE) return null;
  return { text: parts.join(" "), citations };
}
