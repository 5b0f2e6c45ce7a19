/** axe-core over the page in each state: no serious or critical violations, light and dark, ltr and rtl. */
import { $, cleanup, focused, mount, noSeriousA11yViolations, press, search, until } from "./test/helpers.js";

document.documentElement.lang = "en";
document.title = "hj-search accessibility";

describe("accessibility (axe-core)", () => {
  afterEach(cleanup);

  for (const scheme of ["light", "dark"] as const) {
    it(`inline: closed, results open, reader (${scheme})`, async () => {
      // The theme attribute puts the widget in the scheme a user's preference would, in every engine (no
      // driver's media emulation needed); theme.test.ts checks that the preference itself is followed.
      const el = await mount({ theme: scheme });
      await noSeriousA11yViolations(`closed, ${scheme}`);
      await search(el, "password", 2);
      await press("ArrowDown");
      await noSeriousA11yViolations(`results open, ${scheme}`);
      await press("Enter");
      await until(() => $(el, "[part~=vote-up]"), "reader");
      await until(() => focused() === $(el, "[part~=heading]"), "title focused");
      await noSeriousA11yViolations(`reader, ${scheme}`);
    });
  }

  it("modal: closed, open, results, reader", async () => {
    const el = await mount({ mode: "modal" });
    await noSeriousA11yViolations("modal closed");
    el.show();
    await until(() => $<HTMLDialogElement>(el, "dialog")!.open, "open");
    await noSeriousA11yViolations("modal open");
    await search(el, "invoice");
    await press("ArrowDown");
    await noSeriousA11yViolations("modal results");
    await press("Enter");
    await until(() => $(el, "[part~=vote-up]"), "reader");
    await noSeriousA11yViolations("modal reader");
  });

  it("panel's empty box: suggested for this page, recent and popular groups, deep-linked results", async () => {
    const el = await mount({ mode: "panel", context: "invoice", "deep-link": "", recent: "on" });
    await search(el, "password", 2);
    await press("ArrowDown");
    await noSeriousA11yViolations("results as links");
    await press("Enter");
    await until(() => $(el, "[part~=copy]"), "reader with Copy link");
    await noSeriousA11yViolations("reader with Copy link");
    $(el, "[part~=back]")!.click();
    await until(() => focused() === $(el, "input"), "back in the box");
    $<HTMLInputElement>(el, "input")!.select();
    await press("Backspace");
    await until(() => $(el, "[part~=recent-group]") && $(el, "[part~=popular-group]"), "the empty box's groups");
    await press("ArrowDown");
    await noSeriousA11yViolations("empty box groups");
    history.replaceState(null, "", location.pathname + location.search);
  });

  it("panel in Arabic, with no results and with an error", async () => {
    const el = await mount({ mode: "panel", lang: "ar", "contact-url": "https://example.com/contact" });
    await noSeriousA11yViolations("panel hint, rtl");
    await search(el, "zzzqqqxx", 0);
    await until(() => $(el, "[part~=none]"), "no results");
    await noSeriousA11yViolations("panel no results, rtl");
  });
});
