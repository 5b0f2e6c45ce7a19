import type { Config } from "./core/config";
import type { Viewer } from "./core/articles/visibility";
import type { Env } from "./env";

/** Hono's typing for this app: the bindings and what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    cfg: Config;
    viewer: Viewer;
    /** The visitor's address, for per-client limits; null when there is none (core/client-address.ts). */
    client: string | null;
  };
}
