import type { Strings } from "./en.js";

export default {
  label: "Buscar artículos de ayuda",
  placeholder: "Buscar ayuda…",
  open: "Buscar ayuda",
  close: "Cerrar",
  hint: "Escribe para buscar en el centro de ayuda.",
  loading: "Buscando…",
  error: "La búsqueda no está disponible ahora mismo.",
  busy: "Demasiadas solicitudes. Espera un momento.",
  denied: "Tu sesión ha caducado. Vuelve a iniciar sesión.",
  retry: "Reintentar",
  back: "Volver a los resultados",
  article: "Cargando artículo…",
  missing: "Este artículo no está disponible.",
} satisfies Strings;
