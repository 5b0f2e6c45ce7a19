import type { Strings } from "./en.js";

export default {
  label: "Hilfeartikel durchsuchen",
  placeholder: "Hilfe durchsuchen…",
  open: "Hilfe durchsuchen",
  help: "Hilfe",
  close: "Schließen",
  hint: "Tippen Sie, um das Hilfecenter zu durchsuchen.",
  loading: "Suche läuft…",
  error: "Die Suche ist gerade nicht verfügbar.",
  retry: "Erneut versuchen",
} satisfies Strings;
