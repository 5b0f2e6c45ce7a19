import type { Strings } from "./en.js";

export default {
  label: "Pesquisar artigos de ajuda",
  placeholder: "Pesquisar ajuda…",
  open: "Pesquisar ajuda",
  close: "Fechar",
  hint: "Digite para pesquisar na central de ajuda.",
  loading: "Pesquisando…",
  error: "A pesquisa não está disponível no momento.",
  busy: "Muitas solicitações. Aguarde um momento.",
  denied: "Sua sessão expirou. Entre novamente.",
  retry: "Tentar novamente",
  back: "Voltar aos resultados",
  article: "Carregando artigo…",
  missing: "Este artigo não está disponível.",
} satisfies Strings;
