// The edge API's OpenAPI description, made at build time from the schemas the worker validates with
// (worker/api-doc/), and written beside the widget as a static asset: dist/public/openapi.json, which the
// worker serves at /v1/openapi.json with its own origin as `servers` (worker/routes/openapi.ts). Made here,
// not in the worker, so neither the JSON Schema converter nor the prose is in the worker's bundle (issue #11).
//   node scripts/build-openapi.mjs [outfile]
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The description as an object (Node runs the TypeScript through esbuild; no Workers APIs are touched). */
export async function openApiDocument() {
  const r = await esbuild.build({
    entryPoints: [join(root, "worker", "api-doc", "document.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  const url = `data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString("base64")}`;
  return (await import(url)).buildDocument();
}

export async function buildOpenApi(outfile = join(root, "dist", "public", "openapi.json")) {
  const doc = await openApiDocument();
  await mkdir(dirname(outfile), { recursive: true });
  await writeFile(outfile, JSON.stringify(doc));
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(`openapi: ${await buildOpenApi(process.argv[2])}`);
}
