import type { Strings } from "./en.js";

export default {
  label: "Hilfeartikel durchsuchen",
  placeholder: "Hilfe durchsuchen…",
  open: "Hilfe durchsuchen",
  close: "Schließen",
  hint: "Tippen Sie, um das Hilfecenter zu durchsuchen.",
  loading: "Suche läuft…",
  error: "Die Suche ist gerade nicht verfügbar.",
  busy: "Zu viele Anfragen. Bitte warten Sie einen Moment.",
  denied: "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
  retry: "Erneut versuchen",
  back: "Zurück zu den Ergebnissen",
  article: "Artikel wird geladen…",
  missing: "Dieser Artikel ist nicht verfügbar.",
} satisfies Strings;
