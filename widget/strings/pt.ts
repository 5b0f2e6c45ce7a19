import type { Strings } from "./en.js";

export default {
  label: "Pesquisar artigos de ajuda",
  placeholder: "Pesquisar ajuda…",
  open: "Pesquisar ajuda",
  help: "Ajuda",
  close: "Fechar",
  hint: "Digite para pesquisar na central de ajuda.",
  loading: "Pesquisando…",
  error: "A pesquisa não está disponível no momento.",
  retry: "Tentar novamente",
} satisfies Strings;
