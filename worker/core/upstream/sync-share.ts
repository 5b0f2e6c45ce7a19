/**
 * How much of the visitors' share of the upstream budget the index sync may borrow (platform/upstream/gate.ts).
 *
 * The sync has its reserved tenth (core/config.ts syncShare). Beyond it, it may use slots the visitors left
 * unused over the last window, but only half of them: the other half stays free, so visitors whose traffic
 * suddenly grows find room at once, and the sync stops borrowing the moment their use rises (the room shrinks
 * with every visitor call). Slots it borrowed come back to the visitors as they leave the window. Visitors
 * therefore always have at least as many free slots as the sync holds of theirs, and all of their share
 * whenever the sync is not borrowing.
 */

/**
 * May the sync take one more of the visitors' slots now?
 * @param visitorShare slots a window the visitors may use (the limit less the sync's reserve)
 * @param visitorsUsed visitors' own calls in the window
 * @param borrowed the sync's calls in the window that were borrowed from the visitors
 */
export function mayBorrow(visitorShare: number, visitorsUsed: number, borrowed: number): boolean {
  const unused = visitorShare - visitorsUsed - borrowed;
  // After this call the sync would hold borrowed + 1; the visitors must still have at least as many free.
  return unused - 1 >= borrowed + 1;
}
