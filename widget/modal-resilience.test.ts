/**
 * The modal when its chunk (modal.ts: the dialog's styles, the scroll lock) is slow, never comes, fails to
 * load (a page left open across a deploy asks for a hashed chunk that is gone) or fails to start: the dialog
 * is still seen, and Escape, the close button and a click on the backdrop still close it. A modal dialog
 * makes the page inert, so a dialog that cannot be seen or closed would shut the user out of the page.
 *
 * A real import() cannot be made to stall or fail, so these swap the element's chunk loaders (`chunks`, a
 * test seam) for ones that do.
 */
import { $, assert, cleanup, equal, focused, input, mount, press, sleep, type, until } from "./test/helpers.js";
import type { HjSearch } from "./hj-search.js";

document.documentElement.lang = "en";
document.title = "hj-search modal resilience";

const dialog = (el: Element) => $<HTMLDialogElement>(el, "dialog")!;
const closeButton = (el: Element) => $<HTMLButtonElement>(el, "[part~=close]");

/** Open, and there to see: not transparent (the entry hides it only while its chunk is due), with a size. */
function seen(el: Element) {
  const d = dialog(el);
  if (!d.open || getComputedStyle(d).opacity !== "1") return false;
  const r = d.getBoundingClientRect();
  return r.width > 50 && r.height > 20;
}

/** The modal chunk's styles are in: the plain dialog has no shadow, the chunk's has one. */
const styled = (el: Element) => getComputedStyle(dialog(el)).boxShadow !== "none";

type Chunks = HjSearch["chunks"];
const never = () => new Promise<never>(() => {});
/** What a hashed chunk gone after a deploy does: the import rejects (the message is Chromium's). */
const gone = () => Promise.reject(new TypeError("Failed to fetch dynamically imported module: /chunks/modal-OLD.js"));

/** The element's own loader for the modal chunk. */
const realModal = () => document.createElement("hj-search").chunks.modal;

/** A modal whose modal chunk (and, if asked, search chunk) comes from these loaders instead. */
async function modal(loaders: Partial<Chunks>) {
  const el = await mount({ mode: "modal" });
  el.chunks = { ...el.chunks, ...loaders };
  return el;
}

/** A click that lands on the backdrop: outside the dialog's box, so the event's target is the dialog itself. */
function clickBackdrop(el: HjSearch) {
  const d = dialog(el);
  const r = d.getBoundingClientRect();
  const x = Math.max(1, r.left / 2);
  const y = Math.max(1, r.top / 2);
  assert(x < r.left && y < r.top, `room for a backdrop above and beside the dialog (${JSON.stringify(r)})`);
  // Where a real pointer would land: the backdrop hit-tests as the dialog.
  equal(el.shadowRoot!.elementFromPoint(x, y), d, "what a click at the backdrop lands on");
  d.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y }));
}

describe("the modal without its chunk", () => {
  let before: HTMLButtonElement;
  beforeEach(() => {
    before = Object.assign(document.createElement("button"), { textContent: "page button" });
    document.body.append(before);
  });
  afterEach(() => {
    before.remove();
    cleanup();
  });

  it("shows the dialog plainly soon after opening when the chunk never comes, usable, and one Escape closes it", async () => {
    const el = await modal({ modal: never });
    const trigger = $<HTMLButtonElement>(el, "[part~=trigger]")!;
    trigger.focus();
    const t0 = performance.now();
    el.show();
    assert(dialog(el).open, "open at once");
    equal(focused(), input(el), "focus in the box at once, so what is typed lands there");
    await until(() => seen(el), "the dialog seen without its chunk", 3000);
    const took = performance.now() - t0;
    assert(took < 1500, `seen within the timeout, not ${Math.round(took)} ms later`);
    assert(!styled(el), "plain: the chunk never came");
    const close = closeButton(el);
    assert(close && close.getBoundingClientRect().width > 0, "a close button to see");
    assert(close.getAttribute("aria-label"), "the close button has a name");
    await type("sso");
    equal(input(el).value, "sso", "typing lands in the box");
    await press("Escape");
    await until(() => !dialog(el).open, "one Escape closes it");
    equal(focused(), trigger, "focus back on the trigger");
  });

  it("one Escape closes it with the list open before the search chunk is in either", async () => {
    const el = await modal({ modal: never, results: never });
    before.focus();
    el.show();
    await until(() => seen(el), "the dialog seen", 3000);
    // Focus opened the list (modal mode shows the popular articles), which has nothing in it yet.
    assert(el.cb.open, "the list is open");
    await press("Escape");
    await until(() => !dialog(el).open, "one Escape closes the dialog, not just the list");
    equal(focused(), before, "focus back where it was");
    // Still so once the user has typed.
    el.show();
    await until(() => seen(el), "open again", 3000);
    await type("password");
    await press("Escape");
    await until(() => !dialog(el).open, "one Escape from a typed box closes the dialog");
  });

  it("shows it at once when the chunk fails to load, and the close button and the backdrop close it", async () => {
    let asked = 0;
    const el = await modal({ modal: () => (asked++, gone()) });
    el.show();
    await until(() => seen(el), "the dialog seen", 3000);
    assert(!styled(el), "plain: the chunk failed");
    closeButton(el)!.click();
    await until(() => !dialog(el).open, "the close button closes it");

    el.show();
    await until(() => seen(el), "open again", 3000);
    equal(asked, 2, "the failed chunk is asked for again on the next open");
    // A click inside the dialog is not on the backdrop.
    input(el).dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
    $(el, ".in")!.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
    await sleep(50);
    assert(dialog(el).open, "a click inside leaves it open");
    clickBackdrop(el);
    await until(() => !dialog(el).open, "a click on the backdrop closes it");
  });

  it("shows it when the chunk loads but fails to start, and takes the chunk the next time it works", async () => {
    const real = realModal();
    // What a browser without constructable style sheets would do in the chunk's constructor.
    const broken = () =>
      Promise.resolve({
        Modal: class {
          constructor() {
            throw new TypeError("Illegal constructor");
          }
        },
      } as unknown as Awaited<ReturnType<Chunks["modal"]>>);
    const el = await modal({ modal: broken });
    el.show();
    await until(() => seen(el), "the dialog seen although the chunk threw", 3000);
    await press("Escape");
    await until(() => !dialog(el).open, "Escape closes it");

    el.chunks.modal = real;
    el.show();
    await until(() => seen(el) && styled(el), "the next open has the chunk's styles (the failure was not kept)", 5000);
    closeButton(el)!.click();
    await until(() => !dialog(el).open, "closed");
  });

  it("takes a late chunk once it comes: its styles, and the page held still", async () => {
    const tall = Object.assign(document.createElement("div"), { textContent: "a long page" });
    tall.style.height = "4000px";
    document.body.append(tall);
    try {
      let arrive!: () => void;
      const arrived = new Promise<void>((r) => (arrive = r));
      const real = realModal();
      const el = await modal({ modal: () => arrived.then(real) });
      el.show();
      await until(() => seen(el), "seen plainly while the chunk is late", 3000);
      assert(!styled(el), "plain for now");
      arrive();
      await until(() => styled(el), "the chunk's styles once it comes", 5000);
      assert(seen(el), "still seen");
      equal(getComputedStyle(document.documentElement).overflow, "hidden", "the page held still behind it");
      await press("Escape");
      await until(() => !dialog(el).open, "closed");
      await until(() => document.documentElement.style.overflow === "", "the page scrolls again");
    } finally {
      tall.remove();
      scrollTo(0, 0);
    }
  });
});
