// How a seed article is written down (seed/articles.ts, seed/hostile.ts), before it is built into the fake's state.
import type { Accessibility } from "../types";

export interface ArticleDef {
  id: number;
  cat: number;
  also?: number[];
  name: string;
  desc: string;
  tags: string[];
  body: string;
  /** Defaults to the main category's accessibility. */
  access?: Accessibility;
  published?: boolean;
  shape?: "array" | "object";
  author?: number;
  groups?: number[];
}
