// The fake's Hono context and settings, apart from app.ts so its route modules can name them.
import type { LogEntry } from "./state";
import type { Viewer } from "./visibility";

export type FakeEnv = { Variables: { viewer: Viewer; entry: LogEntry } };

export interface AppConfig {
  apiKey: string;
  now: () => number;
}
