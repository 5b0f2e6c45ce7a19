// The rules the import check keeps (scripts/check-imports.mjs reads the files; this judges the graph), plain
// so the Workers tests can try them on made-up graphs.

/** Every specifier a module names: static, type-only, re-exported and dynamic imports alike. */
export function specifiersOf(source) {
  const found = [];
  const re = /(?:^|[;}])[ \t]*(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
  for (const m of source.matchAll(re)) found.push(m[1] ?? m[2]);
  return found;
}

/** Each import circle once, as the files in order (Tarjan's strongly connected components; a self-import counts). */
export function circles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const part = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      part.unshift(w);
    } while (w !== v);
    if (part.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(part.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

/** Floors core/ must never reach: it stays free of I/O and of the runtime, so it is testable anywhere. */
const ABOVE_CORE = ["worker/platform/", "worker/routes/", "worker/middleware/"];
const NODE_ALLOWED = new Set(["node:crypto"]);

/**
 * What a core module may not import. `resolved` is the repository path a relative specifier names (null for a
 * package); a package is fine unless it is the runtime's (`cloudflare:*`) or Node's I/O.
 */
export function purityProblem(file, specifier, resolved) {
  if (!file.startsWith("worker/core/")) return null;
  if (specifier.startsWith("cloudflare:")) return `${file} imports ${specifier}: core/ stays runtime-free`;
  if (specifier.startsWith("node:") && !NODE_ALLOWED.has(specifier)) return `${file} imports ${specifier}: core/ does no I/O`;
  const up = resolved && ABOVE_CORE.find((floor) => resolved.startsWith(floor));
  if (up) return `${file} imports ${resolved}: core/ never imports from ${up.slice("worker/".length)}`;
  return null;
}
