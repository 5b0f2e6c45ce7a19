/** Modal (trigger + native dialog, hotkey) and panel modes, by keyboard. */
import { $, assert, cleanup, equal, focused, input, mount, options, press, search, sleep, type, until, visible } from "./test/helpers.js";

document.documentElement.lang = "en";

const dialog = (el: Element) => $<HTMLDialogElement>(el, "dialog")!;

describe("<hj-search mode=modal>", () => {
  let before: HTMLButtonElement;
  beforeEach(() => {
    before = document.createElement("button");
    before.textContent = "page button";
    document.body.append(before);
  });
  afterEach(() => {
    before.remove();
    cleanup();
  });

  it("renders a trigger that opens a modal dialog with the search box focused, and closes back to it", async () => {
    const el = await mount({ mode: "modal" });
    const trigger = $<HTMLButtonElement>(el, "[part~=trigger]")!;
    assert(visible(trigger), "trigger visible");
    equal(trigger.getAttribute("aria-haspopup"), "dialog", "announces a dialog");
    assert(!dialog(el).open, "dialog closed at first");
    trigger.focus();
    await press("Enter");
    await until(() => dialog(el).open, "dialog open");
    equal(focused(), input(el), "focus in the search box");
    assert(dialog(el).matches(":modal"), "a modal dialog (the page behind is inert)");
    await press("Escape");
    await until(() => !dialog(el).open, "Escape on an empty box closes the dialog");
    equal(focused(), trigger, "focus back on the trigger");
  });

  it("opens with Ctrl+K by default, but not while the user types in another field", async () => {
    const el = await mount({ mode: "modal" });
    equal($(el, "[part~=trigger]")!.getAttribute("aria-keyshortcuts"), "Control+k", "aria-keyshortcuts");
    assert($(el, "[part~=hotkey]")!.textContent!.includes("K"), "hint shows the shortcut");
    before.focus();
    await press("Control+k");
    await until(() => dialog(el).open, "Ctrl+K opens");
    equal(focused(), input(el), "search box focused");
    await press("Escape");
    await until(() => !dialog(el).open, "closed");
    equal(focused(), before, "focus restored to where the user was");

    for (const make of [
      () => document.createElement("input"),
      () => document.createElement("textarea"),
      () => Object.assign(document.createElement("div"), { contentEditable: "true" }),
    ]) {
      const field = make();
      document.body.append(field);
      field.focus();
      await press("Control+k");
      await sleep(50);
      assert(!dialog(el).open, `not taken from a focused ${field.tagName.toLowerCase()}`);
      field.remove();
    }
  });

  it("Ctrl+K opens the dialog from the page's inline <hj-search> box too (a bare / hotkey stays typed there)", async () => {
    const el = await mount({ mode: "modal" });
    const inline = await mount({ mode: "inline" });
    input(inline).focus();
    await press("Control+k");
    await until(() => dialog(el).open, "Ctrl+K in the inline box opens the modal");
    equal(focused(), input(el), "the modal's box has focus");
    await press("Escape");
    await until(() => !dialog(el).open, "closed");
    equal(focused(), input(inline), "focus back in the inline box");
    cleanup();
    const slash = await mount({ mode: "modal", hotkey: "/" });
    const box = await mount({ mode: "inline" });
    input(box).focus();
    await press("/");
    await sleep(50);
    assert(!dialog(slash).open, "a bare / is typed in the inline box");
    equal(input(box).value, "/", "and lands there");
  });

  it("honours hotkey=\"/\" and hotkey=\"off\"", async () => {
    const slash = await mount({ mode: "modal", hotkey: "/" });
    before.focus();
    await press("/");
    await until(() => dialog(slash).open, "/ opens");
    await press("Escape");
    await until(() => !dialog(slash).open, "closed");
    cleanup();
    const off = await mount({ mode: "modal", hotkey: "off" });
    before.focus();
    await press("Control+k");
    await sleep(50);
    assert(!dialog(off).open, "hotkey off");
    equal($(off, "[part~=hotkey]"), null, "no hint when off");
  });

  it("one Escape closes the dialog from any state: results, the reader, a typed box", async () => {
    const el = await mount({ mode: "modal" });
    const trigger = $<HTMLButtonElement>(el, "[part~=trigger]")!;
    trigger.focus();
    await press("Enter");
    await until(() => dialog(el).open, "open");
    await until(() => visible($(el, "[part~=hint]")) || visible($(el, "[part~=group-label]")), "a hint or the empty box's lists before typing");
    await search(el, "password");
    await press("ArrowDown");
    await press("Enter");
    const heading = await until(() => $(el, "[part~=heading]"), "reader in the dialog");
    await until(() => focused() === heading, "title focused");
    await press("Escape");
    await until(() => !dialog(el).open, "one Escape from the reader closes the dialog");
    equal(focused(), trigger, "focus back on the trigger");

    // Again with the list open and an option active, and with only text in the box.
    el.show();
    await until(() => dialog(el).open, "open again");
    input(el).select();
    await search(el, "invoice");
    await press("ArrowDown");
    await press("Escape");
    await until(() => !dialog(el).open, "one Escape from the list closes the dialog");
    el.show();
    await until(() => dialog(el).open, "open a third time");
    input(el).select();
    await type("sso");
    await press("Escape");
    await until(() => !dialog(el).open, "one Escape from a typed box closes the dialog");
  });

  it("in the reader, Alt+ArrowLeft, the Back key and a phone's Back step back to the list and keep the dialog open", async () => {
    const el = await mount({ mode: "modal" });
    el.show();
    await until(() => dialog(el).open, "open");
    await search(el, "password");
    for (const key of ["Alt+ArrowLeft", "BrowserBack"]) {
      await press("ArrowDown");
      await press("Enter");
      const heading = await until(() => $(el, "[part~=heading]"), "reader in the dialog");
      await until(() => focused() === heading, "title focused");
      // No driver types the Back key (a keyboard's or a remote's); it arrives as the browser would send it.
      if (key === "BrowserBack") heading.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true }));
      else await press(key);
      await until(() => !$(el, "[part~=reader]") && focused() === input(el), `${key}: back to the list, focus in the box`);
      assert(dialog(el).open, `${key}: the dialog stays open`);
      equal(input(el).getAttribute("aria-expanded"), "true", `${key}: the list is shown again`);
    }
    // A mouse's Back button over the reader.
    await press("ArrowDown");
    await press("Enter");
    await until(() => focused() === $(el, "[part~=heading]"), "reader, for the mouse");
    const click = new MouseEvent("mouseup", { button: 3, bubbles: true, composed: true, cancelable: true });
    $(el, "[part~=body]")!.dispatchEvent(click);
    assert(click.defaultPrevented, "the host page does not go back");
    await until(() => !$(el, "[part~=reader]") && focused() === input(el), "mouse Back: back to the list");
    // A phone's Back gesture reaches the dialog as a close request (a cancelable "cancel" event).
    await press("ArrowDown");
    await press("Enter");
    await until(() => focused() === $(el, "[part~=heading]"), "reader again");
    const request = new Event("cancel", { cancelable: true });
    dialog(el).dispatchEvent(request);
    assert(request.defaultPrevented, "the reader takes the close request");
    await until(() => !$(el, "[part~=reader]") && focused() === input(el), "Back gesture: back to the list");
    assert(dialog(el).open, "the dialog stays open");
    const again = new Event("cancel", { cancelable: true });
    dialog(el).dispatchEvent(again);
    equal(again.defaultPrevented, false, "from the list, a close request closes the dialog");
  });

  it("has a labelled close button", async () => {
    const el = await mount({ mode: "modal" });
    el.show();
    // Rendered by the entry itself, so it is there even when the modal chunk cannot load.
    const close = await until(() => $<HTMLButtonElement>(el, "[part~=close]"), "the close button");
    assert(close.getAttribute("aria-label"), "close button has a name");
    // Beside the box, not in it (a × in a search box reads as "clear"), so focusing it rings it alone.
    const box = $(el, "[part~=search]")!;
    assert(!box.contains(close), "the close button is outside the search box");
    close.focus();
    assert(!box.matches(":focus-within"), "the box shows no ring while the close button has focus");
    close.click();
    await until(() => !dialog(el).open, "closed by the button");
  });
});

describe("<hj-search mode=panel>", () => {
  afterEach(cleanup);

  it("shows hint, results and the reader in place, and stays open when focus leaves", async () => {
    const el = await mount({ mode: "panel" });
    el.style.height = "400px";
    // Always on screen, so it shows the popular articles from the start (the hint until they are in).
    await until(() => visible($(el, "[part~=hint]")) || visible($(el, "[part~=group-label]")), "a hint or the empty box's lists at first");
    await until(() => visible($(el, "[part~=popular]")) && options(el).length > 0, "the popular articles before any focus");
    assert(document.activeElement !== el, "without taking focus");
    await search(el, "password");
    const outside = document.createElement("button");
    document.body.append(outside);
    outside.focus();
    outside.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, composed: true }));
    await sleep(50);
    assert(options(el).length && visible(options(el)[0]), "results stay in a panel");
    outside.remove();
    input(el).focus();
    await press("ArrowDown");
    await press("Enter");
    const heading = await until(() => $(el, "[part~=heading]"), "reader in place");
    await until(() => focused() === heading, "title focused");
    assert(visible(input(el)), "the search box stays visible above the reader");
  });
});
