import type { Strings } from "./en.js";

export default {
  label: "ヘルプ記事を検索",
  placeholder: "ヘルプを検索…",
  open: "ヘルプを検索",
  help: "ヘルプ",
  close: "閉じる",
  hint: "キーワードを入力してヘルプセンターを検索してください。",
  loading: "検索中…",
  error: "現在、検索を利用できません。",
  retry: "再試行",
} satisfies Strings;
