/** Scrolling the reader to a part of the article: inside the widget's area only, and no motion when asked for none. */
import { assert, equal } from "./test/helpers.js";

/** Within a pixel or two: engines round sub-pixel offsets differently. */
const near = (got: number, want: number, what: string) => assert(Math.abs(got - want) <= 2, `${what}: expected ${want}, got ${got}`);
import { moveTo, reveal } from "./reveal.js";

/** An area that scrolls (as the reader's does), with a target 600px down; removed by the returned function. */
function area() {
  const box = document.createElement("div");
  box.className = "area";
  box.style.cssText = "height: 100px; overflow: auto";
  box.innerHTML = '<div style="height: 600px"></div><h2>Target</h2><div style="height: 600px"></div>';
  document.body.append(box);
  return { box, target: box.querySelector("h2")!, done: () => box.remove() };
}

describe("reveal", () => {
  const real = window.matchMedia;
  afterEach(() => {
    window.matchMedia = real;
  });
  const motion = (reduce: boolean) =>
    (window.matchMedia = ((q: string) => ({ ...real.call(window, q), matches: /reduce/.test(q) ? reduce : real.call(window, q).matches })) as typeof matchMedia);

  it("scrolls the area at once when the visitor prefers reduced motion, and never the page", () => {
    motion(true);
    const { box, target, done } = area();
    try {
      const y = scrollY;
      reveal(target, "start");
      near(box.scrollTop, target.offsetTop - box.offsetTop, "at once, the heading at the top");
      equal(scrollY, y, "the page stays");
    } finally {
      done();
    }
  });

  it("otherwise gets there too (smoothly where the engine scrolls so), focus moved to the target", async () => {
    motion(false);
    const { box, target, done } = area();
    try {
      moveTo(target);
      equal(document.activeElement, target, "focus on the target");
      equal(target.getAttribute("tabindex"), "-1", "focusable by script only");
      const want = target.offsetTop - box.offsetTop;
      const end = performance.now() + 3000;
      while (performance.now() < end && Math.abs(box.scrollTop - want) > 2) await new Promise((r) => setTimeout(r, 20));
      near(box.scrollTop, want, "the heading at the top of the area");
    } finally {
      done();
    }
  });
});
