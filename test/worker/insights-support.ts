/** For the insights tests: catching what the worker sends to its queue, and delivering it to queue() as Queues would. */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import worker from "../../worker/index";
import type { Env } from "../../worker/env";

/** A stand-in for HJ_EVENTS that keeps what the worker sends, so the test decides when it is consumed. */
export function capture(more: Record<string, string> = {}) {
  const sent: unknown[] = [];
  const queue = {
    send: async (body: unknown) => void sent.push(structuredClone(body)),
    sendBatch: async (msgs: Iterable<{ body: unknown }>) => {
      for (const m of msgs) sent.push(structuredClone(m.body));
    },
  };
  return { sent, vars: { HJ_EVENTS: queue, ...more } as unknown as Partial<Record<keyof Env, string>> };
}

/** Runs the worker's queue() on these bodies, as Queues would deliver them. */
export async function deliver(bodies: unknown[], vars: Partial<Record<keyof Env, string>> = {}) {
  const batch = createMessageBatch(
    "hj-events",
    bodies.map((body, i) => ({ id: `msg-${i}-${Math.random()}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  const queue = worker.queue as unknown as (b: MessageBatch<unknown>, e: Env, c: ExecutionContext) => Promise<void>;
  await queue(batch as MessageBatch<unknown>, { ...env, ...vars } as Env, ctx);
  return getQueueResult(batch, ctx);
}
