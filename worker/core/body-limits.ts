/** The largest body each POST route reads (platform/bounded-body.ts); past it, 413. The description quotes them. */

/** `{"vote":"down"}` is 15 bytes; a kilobyte leaves room for white space and nothing else. */
export const MAX_VOTE_BODY = 1024;

/** The largest beacon: a 200-character query in four-byte characters, with room for the other fields. */
export const MAX_EVENT_BODY = 2048;

/** Activity payloads carry an article's fields, not its body; 64 kB is generous. */
export const MAX_WEBHOOK_BODY = 64 * 1024;

/** A question (300 characters) and three turns of history (300 + 2,000 each), in four-byte characters at worst. */
export const MAX_ASK_BODY = 32 * 1024;
