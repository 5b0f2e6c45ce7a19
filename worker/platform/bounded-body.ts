/**
 * Bodies read with a ceiling. Content-Length is only a claim (chunked bodies have none, and a sender may
 * send more than it said), so the bytes are counted as they arrive and reading stops at the cap instead of
 * buffering whatever was sent.
 */
import { ApiError } from "../core/errors";

/**
 * The whole stream, or null as soon as it passes `maxBytes` (the rest is cancelled). `race` wraps each
 * read, so a caller can give up on a stalled one (a deadline).
 */
export async function readCapped(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  race: (read: Promise<ReadableStreamReadResult<Uint8Array>>) => Promise<ReadableStreamReadResult<Uint8Array>> = (r) => r,
): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  try {
    for (;;) {
      const r = await race(reader.read());
      if (r.done) {
        done = true;
        break;
      }
      size += r.value.byteLength;
      if (size > maxBytes) return null;
      chunks.push(r.value);
    }
  } finally {
    if (!done) reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

/** A request body as UTF-8 text, at most `maxBytes`: 413 past it, 400 when it is not UTF-8. */
export async function readBoundedText(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get("Content-Length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const all = await readCapped(req.body, maxBytes);
  if (!all) throw tooLarge(maxBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(all);
  } catch {
    throw new ApiError("bad_request", "The body must be UTF-8 JSON");
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError("payload_too_large", `The body must be at most ${maxBytes} bytes`);
}

/** JSON.parse with the contract's 400 instead of a SyntaxError (whose message would quote the body). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The body must be valid JSON");
  }
}
