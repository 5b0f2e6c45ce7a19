/** npm entry: importing it defines `<hj-search>`. */
export { HjSearch, type Mode } from "./hj-search.js";
export type { Article, Hit, HjError } from "./api.js";
export type { Strings } from "./strings/en.js";
export { helpjuiceLang } from "./lang.js";
