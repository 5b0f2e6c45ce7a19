import { expect, it } from "vitest";
import { sentences } from "./sentences";

it("splits sentences, but not after an initial or a common abbreviation", () => {
  expect(sentences("It was challenged by J. F. D. Shrewsbury in 1970. Others agreed.", "en_US")).toEqual([
    "It was challenged by J. F. D. Shrewsbury in 1970.",
    "Others agreed.",
  ]);
  expect(sentences("Open a tab, e.g. Billing. Then save.", "en_US")).toEqual(["Open a tab, e.g. Billing.", "Then save."]);
  expect(sentences("パスワードを変更します。次に保存します。", "ja_JP")).toEqual(["パスワードを変更します。", "次に保存します。"]);
});
