/**
 * Ask's daily Workers AI budget, counted across every location in one Durable Object (a per-isolate or
 * per-location count would let a hundred locations spend a hundred budgets). A request reserves the most
 * its answer can cost before it calls the model, so concurrent questions can never overrun the day's
 * neurons; it settles to what the answer did cost once the stream ends. Days are UTC, as Workers AI's are.
 */
import { DurableObject } from "cloudflare:workers";

export interface Reservation {
  ok: boolean;
  spent: number;
}

const day = (now: number) => new Date(now).toISOString().slice(0, 10);

export class AskBudget extends DurableObject {
  /** Reserves `neurons` of today's `limit`, or refuses without reserving anything. */
  async reserve(neurons: number, limit: number, now = Date.now()): Promise<Reservation> {
    const key = day(now);
    const spent = (await this.ctx.storage.get<number>(key)) ?? 0;
    if (spent + neurons > limit) return { ok: false, spent };
    await this.ctx.storage.put(key, spent + neurons);
    // Yesterday's count is of no more use.
    const keys = await this.ctx.storage.list({ limit: 10 });
    for (const k of keys.keys()) if (k !== key) await this.ctx.storage.delete(k);
    return { ok: true, spent: spent + neurons };
  }

  /** Gives back what a reservation did not use (`reserved` - `used`), on the day it was made. */
  async settle(reserved: number, used: number, reservedAt: number): Promise<void> {
    const key = day(reservedAt);
    const spent = await this.ctx.storage.get<number>(key);
    if (spent === undefined) return;
    await this.ctx.storage.put(key, Math.max(0, spent - Math.max(0, reserved - used)));
  }

  async spent(now = Date.now()): Promise<number> {
    return (await this.ctx.storage.get<number>(day(now))) ?? 0;
  }
}

export function askBudget(ns: DurableObjectNamespace<AskBudget>): DurableObjectStub<AskBudget> {
  return ns.get(ns.idFromName("global"));
}
