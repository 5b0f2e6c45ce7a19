import type { Strings } from "./en.js";

export default {
  label: "Rechercher dans les articles d’aide",
  placeholder: "Rechercher de l’aide…",
  open: "Rechercher de l’aide",
  help: "Aide",
  close: "Fermer",
  hint: "Saisissez votre recherche dans le centre d’aide.",
  loading: "Recherche…",
  error: "La recherche est indisponible pour le moment.",
  retry: "Réessayer",
} satisfies Strings;
