/**
 * Workers AI as Ask's model answerer: one streamed chat completion, read as text chunks and, where the
 * model reports it, its token usage. The stream is Server-Sent Events of `{"response": "…"}` objects, ending
 * with `[DONE]`; some models add a `usage` object near the end.
 */
import { MAX_TOKENS, type Message } from "../../core/ask/prompt";

export interface Usage {
  input: number;
  output: number;
}

export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

export interface ModelStream {
  chunks: AsyncGenerator<string>;
  /** Known once `chunks` is done: the model's own counts, or null when it did not say. */
  usage(): Usage | null;
}

export async function streamAnswer(ai: AiBinding, model: string, messages: Message[]): Promise<ModelStream> {
  const out = await ai.run(model, { messages, stream: true, max_tokens: MAX_TOKENS });
  if (!(out instanceof ReadableStream)) throw new Error("Workers AI did not stream");
  let usage: Usage | null = null;
  async function* chunks(): AsyncGenerator<string> {
    const reader = (out as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, cut).trim();
          buffer = buffer.slice(cut + 1);
          if (!line.startsWith("data:")) continue;
          const data = line.slice(5).trim();
          if (data === "[DONE]") return;
          let event: { response?: unknown; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
          try {
            event = JSON.parse(data);
          } catch {
            continue;
          }
          const u = event.usage;
          if (u && typeof u.prompt_tokens === "number" && typeof u.completion_tokens === "number")
            usage = { input: u.prompt_tokens, output: u.completion_tokens };
          if (typeof event.response === "string" && event.response) yield event.response;
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
  return { chunks: chunks(), usage: () => usage };
}
