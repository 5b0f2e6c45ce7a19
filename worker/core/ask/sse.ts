/** Server-Sent Events as Ask sends them: a named event and one line of JSON data each. */
export type AskEvent = "sources" | "delta" | "done" | "error";

export function sseEvent(event: AskEvent, data: unknown): string {
  // JSON.stringify never emits a raw line break, so the data is one `data:` line.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
