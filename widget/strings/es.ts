import type { Strings } from "./en.js";

export default {
  label: "Buscar artículos de ayuda",
  placeholder: "Buscar ayuda…",
  open: "Buscar ayuda",
  help: "Ayuda",
  close: "Cerrar",
  hint: "Escribe para buscar en el centro de ayuda.",
  loading: "Buscando…",
  error: "La búsqueda no está disponible ahora mismo.",
  retry: "Reintentar",
} satisfies Strings;
