import type { Strings } from "./en.js";

export default {
  label: "ヘルプ記事を検索",
  placeholder: "ヘルプを検索…",
  open: "ヘルプを検索",
  close: "閉じる",
  hint: "キーワードを入力してヘルプセンターを検索してください。",
  loading: "検索中…",
  error: "現在、検索を利用できません。",
  busy: "リクエストが多すぎます。しばらくお待ちください。",
  denied: "セッションの有効期限が切れました。もう一度サインインしてください。",
  retry: "再試行",
  back: "検索結果に戻る",
  article: "記事を読み込み中…",
  missing: "この記事は利用できません。",
} satisfies Strings;
