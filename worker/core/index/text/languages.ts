/**
 * Which analyser a Helpjuice language code gets. Stemmers are Snowball's (the @orama/stemmers build of
 * them), except English, which uses Porter's original algorithm as FTS5's own `porter` tokenizer does.
 * Languages without a stemmer here are still indexed, folded and segmented, just not stemmed.
 */
import { stemmer as en } from "@orama/stemmers/english";
import { stemmer as es } from "@orama/stemmers/spanish";
import { stemmer as de } from "@orama/stemmers/german";
import { stemmer as fr } from "@orama/stemmers/french";
import { stemmer as pt } from "@orama/stemmers/portuguese";

const STEMMERS: Record<string, (word: string) => string> = { en, es, de, fr, pt };

/** "es_ES" → "es". */
export const baseLanguage = (code: string): string => code.slice(0, 2).toLowerCase();

export function stemmerFor(code: string): ((word: string) => string) | null {
  return STEMMERS[baseLanguage(code)] ?? null;
}
