import type { Strings } from "./en.js";

export default {
  label: "ابحث في مقالات المساعدة",
  placeholder: "ابحث في المساعدة…",
  open: "ابحث في المساعدة",
  help: "مساعدة",
  close: "إغلاق",
  hint: "اكتب للبحث في مركز المساعدة.",
  loading: "جارٍ البحث…",
  error: "البحث غير متاح حاليًا.",
  retry: "أعد المحاولة",
} satisfies Strings;
