import type { Later } from "./en.js";

/**
 * The text of the lazy chunks (results.ts, reader.ts), by language: it is needed only once someone has
 * focused or typed in the box, so it travels with them instead of with the language packs of the first load.
 */
export const LATER: Record<string, Later> = {
  en: { partial: "Public articles only for now.", popular: "Popular articles", keyMove: "to navigate", keyOpen: "to open", keyClose: "to close", keyBack: "to go back", contact: "Contact support", view: "Open in the help center", helpful: "Was this helpful?", up: "Yes", down: "No", thanks: "Thanks for your feedback!", results: "{n} results", one: "1 result", none: "No articles match “{q}”." },
  es: { partial: "Por ahora, solo artículos públicos.", popular: "Artículos populares", keyMove: "para moverse", keyOpen: "para abrir", keyClose: "para cerrar", keyBack: "para volver", contact: "Contactar con soporte", view: "Abrir en el centro de ayuda", helpful: "¿Te ha resultado útil?", up: "Sí", down: "No", thanks: "¡Gracias por tu opinión!", results: "{n} resultados", one: "1 resultado", none: "Ningún artículo coincide con «{q}»." },
  de: { partial: "Vorerst nur öffentliche Artikel.", popular: "Beliebte Artikel", keyMove: "navigieren", keyOpen: "öffnen", keyClose: "schließen", keyBack: "zurück", contact: "Support kontaktieren", view: "Im Hilfecenter öffnen", helpful: "War das hilfreich?", up: "Ja", down: "Nein", thanks: "Danke für Ihr Feedback!", results: "{n} Ergebnisse", one: "1 Ergebnis", none: "Keine Artikel passen zu „{q}“." },
  fr: { partial: "Articles publics seulement, pour l’instant.", popular: "Articles populaires", keyMove: "pour naviguer", keyOpen: "pour ouvrir", keyClose: "pour fermer", keyBack: "pour revenir", contact: "Contacter le support", view: "Ouvrir dans le centre d’aide", helpful: "Cet article vous a-t-il aidé ?", up: "Oui", down: "Non", thanks: "Merci pour votre avis !", results: "{n} résultats", one: "1 résultat", none: "Aucun article ne correspond à « {q} »." },
  pt: { partial: "Por agora, só artigos públicos.", popular: "Artigos populares", keyMove: "para navegar", keyOpen: "para abrir", keyClose: "para fechar", keyBack: "para voltar", contact: "Falar com o suporte", view: "Abrir na central de ajuda", helpful: "Isso foi útil?", up: "Sim", down: "Não", thanks: "Obrigado pelo seu feedback!", results: "{n} resultados", one: "1 resultado", none: "Nenhum artigo corresponde a “{q}”." },
  ja: { partial: "公開記事のみ表示中です。", popular: "人気の記事", keyMove: "移動", keyOpen: "開く", keyClose: "閉じる", keyBack: "戻る", contact: "サポートに問い合わせる", view: "ヘルプセンターで開く", helpful: "この記事は役に立ちましたか？", up: "はい", down: "いいえ", thanks: "フィードバックありがとうございます！", results: "{n} 件の結果", one: "1 件の結果", none: "「{q}」に一致する記事はありません。" },
  ar: { partial: "المقالات العامة فقط حاليًا.", popular: "المقالات الشائعة", keyMove: "للتنقل", keyOpen: "للفتح", keyClose: "للإغلاق", keyBack: "للرجوع", contact: "تواصل مع الدعم", view: "افتح في مركز المساعدة", helpful: "هل كان هذا مفيدًا؟", up: "نعم", down: "لا", thanks: "شكرًا على ملاحظاتك!", results: "عدد النتائج: {n}", one: "نتيجة واحدة", none: "لا توجد مقالات تطابق «{q}»." },
};

/** This language's chunk text under the host's `strings` overrides (English when the language has none). */
export const later = (t: Partial<Later>, code: string | undefined): Later => ({ ...(LATER[(code ?? "").slice(0, 2)] ?? LATER.en), ...strip(t) });

/** Fills `{n}`/`{q}` (the entry's fmt, which this chunk must not import; see results.ts's Kit). */
export const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));

/** Only the overrides actually set: `{popular: undefined}` must not hide the language's own text. */
const strip = (t: Partial<Later>) => Object.fromEntries(Object.entries(t).filter(([k, v]) => k in LATER.en && v != null));
