/**
 * Bringing a part of the article into view. The reader scrolls inside the widget's own area (the modal's
 * dialog, a panel, the inline dropdown), so only that area moves: scrollIntoView would scroll the host page
 * too, under a reader that already shows. Smooth unless the visitor asks for reduced motion.
 */
export function reveal(el: Element, where: "start" | "center") {
  const behavior: ScrollBehavior = matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  const area = el.closest<HTMLElement>(".area");
  // An area as tall as its content (a panel the page does not size) does not scroll: the page is what shows more.
  if (!area || area.scrollHeight <= area.clientHeight) return el.scrollIntoView({ block: where, behavior });
  const box = el.getBoundingClientRect();
  const top = box.top - area.getBoundingClientRect().top + area.scrollTop;
  area.scrollTo({ top: where === "center" ? top - (area.clientHeight - box.height) / 2 : top, behavior });
}

/**
 * A section the reader was asked to go to (a contents entry, an in-article link): in view, with focus, so
 * that Tab goes on from there. Focus does not scroll: the scroll is reveal's.
 */
export function moveTo(to: HTMLElement) {
  if (!to.matches("[href],[tabindex]")) to.tabIndex = -1;
  reveal(to, "start");
  to.focus({ preventScroll: true });
}
