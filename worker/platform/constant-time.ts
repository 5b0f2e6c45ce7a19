/**
 * Secret comparison that tells an attacker nothing. `===` stops at the first differing character, so its
 * timing leaks how much of a guess was right; timingSafeEqual does not, but throws on unequal lengths, and
 * that would leak the secret's length. Comparing SHA-256 digests gives both sides the same length.
 */
const encoder = new TextEncoder();

export async function constantTimeEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}
