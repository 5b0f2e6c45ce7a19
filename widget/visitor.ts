/**
 * The anonymous visitor id the worker counts votes by, and the votes this browser already cast. Storage may
 * be missing, full or forbidden (private modes, sandboxed iframes, cookies blocked): then both live in
 * memory for the page's life and voting still works.
 */
const memory = new Map<string, string>();

function read(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

function write(key: string, value: string) {
  memory.set(key, value);
  try {
    localStorage.setItem(key, value);
  } catch {
    /* memory has it */
  }
}

/** A random v4 UUID from getRandomValues, which (unlike randomUUID) also exists on plain-http pages. */
function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function visitorId(): string {
  let id = read("hj-search:visitor");
  if (!id) write("hj-search:visitor", (id = uuid()));
  return id;
}

export type Vote = "up" | "down";

export const votedOn = (article: number) => read(`hj-search:vote:${article}`) as Vote | null;

export const rememberVote = (article: number, vote: Vote) => write(`hj-search:vote:${article}`, vote);
