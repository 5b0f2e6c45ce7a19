/**
 * The edge index as routes see it: whether it is ready (remembered briefly per isolate, so a search does not
 * pay a readiness query), a read session on the nearest replica, and the sync object to wake.
 */
import type { Config } from "../../core/config";
import { indexAnswers } from "./answers";
import type { Env } from "../../env";
import { readMeta } from "./store";
import { resetReplica } from "./replica";
import type { IndexSync } from "./sync";

/** How long an isolate trusts what it learnt about readiness. */
const READY_MEMO_MS = 10_000;
/** How often one isolate may ask the sync to start the first build. */
const ENSURE_EVERY_MS = 10_000;

let readyUntil = 0;
let lastEnsure = 0;

/** Whether this isolate knows the index is ready without asking D1 (the hot path never waits to find out). */
export function indexKnownReady(now = Date.now()): boolean {
  return now < readyUntil;
}

/** For tests that empty the index between cases. */
export function forgetIndexReadiness(): void {
  readyUntil = 0;
  lastEnsure = 0;
  indexAnswers.clear();
  resetReplica();
}

export interface EdgeIndex {
  /** Has a build ever completed? */
  ready(): Promise<boolean>;
  /** Reads through D1's Sessions API: the nearest replica, sequentially consistent within the session. */
  reader(): D1Database | D1DatabaseSession;
  /** The primary: for reads that must never see older content than an earlier read did. */
  primary: D1Database;
  sync(): DurableObjectStub<IndexSync>;
  /** Starts the first build, in the background, if nothing was ever built. */
  ensureBuilt(waitUntil: (p: Promise<unknown>) => void): void;
  /**
   * For any request: in the background, start the first build if there is none (docs/design.md: the first
   * request after a deploy starts it). At most one look every ENSURE_EVERY_MS per isolate, none once ready.
   */
  warm(waitUntil: (p: Promise<unknown>) => void): void;
}

export function edgeIndex(env: Env, cfg: Config): EdgeIndex | null {
  const db = env.HJ_INDEX;
  const ns = env.INDEX_SYNC;
  if (!db || !ns) return null;
  const sync = () => ns.get(ns.idFromName("global"));
  return {
    async ready() {
      if (Date.now() < readyUntil) return true;
      let ok = false;
      try {
        ok = (await readMeta(db, "synced_at")) !== null;
      } catch {
        // No schema yet (migrations not applied) or D1 trouble: not ready, so Helpjuice answers.
      }
      if (ok) readyUntil = Date.now() + READY_MEMO_MS;
      return ok;
    },
    reader: () => (typeof db.withSession === "function" ? db.withSession("first-unconstrained") : db),
    primary: db,
    sync,
    ensureBuilt(waitUntil) {
      if (Date.now() - lastEnsure < ENSURE_EVERY_MS) return;
      lastEnsure = Date.now();
      waitUntil(sync().ensureBuilt(cfg).catch(() => {}));
    },
    warm(waitUntil) {
      if (Date.now() < readyUntil || Date.now() - lastEnsure < ENSURE_EVERY_MS) return;
      waitUntil(
        this.ready().then((ok) => {
          if (!ok) this.ensureBuilt(waitUntil);
        }),
      );
    },
  };
}
