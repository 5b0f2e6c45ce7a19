// A seeded, deterministic Zipf sampler: rank k (1-based) of n is drawn with probability ∝ 1/k^s.
// Same seed, same sequence, on any machine: mulberry32 for the uniform draws, a precomputed CDF and a
// binary search for the rank.

/** mulberry32: a small 32-bit PRNG, good enough for load shapes (not for anything secret). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @param {number} n     how many ranks (items)
 * @param {number} s     the exponent (≈1.1 for search queries)
 * @param {number} seed  any 32-bit integer
 * @returns {{ next(): number }} next() gives a 0-based index, 0 the most popular
 */
export function zipf(n, s, seed) {
  if (!(n >= 1) || !(s > 0)) throw new Error("zipf: n ≥ 1 and s > 0");
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = sum += 1 / k ** s;
  for (let i = 0; i < n; i++) cdf[i] /= sum;
  cdf[n - 1] = 1;
  const rand = mulberry32(seed);
  return {
    next() {
      const u = rand();
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}
