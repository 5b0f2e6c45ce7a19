// The worker's own query normaliser for Node scripts (the bench, the harness), taken from its TypeScript
// source rather than copied: worker/core/cache/key.ts is bundled with esbuild when this module loads (a few
// ms) and imported from memory. So a script that counts distinct cache keys, or skips a query it has already
// sent, agrees with the worker's keys by construction, and keeps agreeing when the worker's rule changes.
// Plain ESM for Node 20 (which cannot import .ts itself).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "worker", "core", "cache", "key.ts");

const out = await build({ entryPoints: [SOURCE], bundle: true, platform: "node", format: "esm", target: "node20", write: false, logLevel: "warning" });
// A data: URL may import Node's built-ins (node:crypto), and nothing relative is left after bundling.
const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);

/** The worker's normaliseQuery: "  Reset   PASSWORD " and "reset password" are one key. */
export const normaliseQuery = mod.normaliseQuery;
/** The worker's KV key of a search (generation, normalised query, category). */
export const searchKey = mod.searchKey;
