/** The largest body each POST route reads (platform/bounded-body.ts); past it, 413. The description quotes them. */

/** `{"vote":"down"}` is 15 bytes; a kilobyte leaves room for white space and nothing else. */
export const MAX_VOTE_BODY = 1024;

/**
 * The largest beacon: a "what was missing" comment of 500 characters as JSON.stringify writes it, at most
 * six bytes each (a control character's `\u0001`; UTF-8 takes four at most), is 3,000 bytes, and the other
 * fields fit in what is left. (2 KB before comments.)
 */
export const MAX_EVENT_BODY = 4096;

/** Activity payloads carry an article's fields, not its body; 64 kB is generous. */
export const MAX_WEBHOOK_BODY = 64 * 1024;

/** A question (300 characters) and three turns of history (300 + 2,000 each), in four-byte characters at worst. */
export const MAX_ASK_BODY = 32 * 1024;
