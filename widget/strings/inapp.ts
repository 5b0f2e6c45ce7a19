/**
 * The in-app help's own text (page suggestions, recent, links into the widget), by language. It travels
 * with the results chunk, which shows it, never with the first load. `{title}` is filled in at render time.
 */
export interface InAppText {
  /** The empty box's first group: suggestions for the page the visitor is on. */
  suggested: string;
  recent: string;
  /** Empties the recent group. */
  clear: string;
  /** A recent entry's ×, and what Delete on it does (the accessible description says so). */
  remove: string;
  copy: string;
  copied: string;
}

export const INAPP: Record<string, InAppText> = {
  en: { suggested: "Suggested for this page", recent: "Recent", clear: "Clear", remove: "Remove “{title}” from recent (Delete)", copy: "Copy link", copied: "Link copied." },
  es: { suggested: "Sugerencias para esta página", recent: "Recientes", clear: "Borrar", remove: "Quitar «{title}» de recientes (Supr)", copy: "Copiar enlace", copied: "Enlace copiado." },
  de: { suggested: "Vorschläge für diese Seite", recent: "Zuletzt", clear: "Leeren", remove: "„{title}“ aus Zuletzt entfernen (Entf)", copy: "Link kopieren", copied: "Link kopiert." },
  fr: { suggested: "Suggestions pour cette page", recent: "Récents", clear: "Effacer", remove: "Retirer « {title} » des récents (Suppr)", copy: "Copier le lien", copied: "Lien copié." },
  pt: { suggested: "Sugestões para esta página", recent: "Recentes", clear: "Limpar", remove: "Remover “{title}” dos recentes (Delete)", copy: "Copiar link", copied: "Link copiado." },
  ja: { suggested: "このページのおすすめ", recent: "最近", clear: "クリア", remove: "「{title}」を最近から削除（Delete）", copy: "リンクをコピー", copied: "リンクをコピーしました。" },
  ar: { suggested: "مقترحات لهذه الصفحة", recent: "الأخيرة", clear: "مسح", remove: "إزالة «{title}» من الأخيرة (Delete)", copy: "نسخ الرابط", copied: "تم نسخ الرابط." },
};

export const inAppText = (code: string | undefined): InAppText => INAPP[(code ?? "").slice(0, 2)] ?? INAPP.en;
