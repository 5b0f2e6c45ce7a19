/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, the commonest typo), giving
 * up early once it must exceed `max`: typo correction compares a word against many vocabulary terms and
 * only cares about the near ones. Its three rows live in one buffer kept between calls, since a correction
 * runs it a few thousand times.
 */
let buffer = new Int32Array(96);

export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  const w = n + 1;
  if (buffer.length < 3 * w) buffer = new Int32Array(6 * w);
  const row = buffer;
  // Offsets of the row before last, the last row and the current one.
  let p2 = 0;
  let p = w;
  let c = 2 * w;
  for (let j = 0; j <= n; j++) row[p + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    row[c] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(row[p + j] + 1, row[c + j - 1] + 1, row[p + j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, row[p2 + j - 2] + 1);
      row[c + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = p2;
    p2 = p;
    p = c;
    c = t;
  }
  return row[p + n];
}

/** How many typos a word of this length may carry: none below 4 letters, one up to 7, two beyond. */
export function typoBudget(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}
