// Builds the <hj-search> widget twice:
//   dist/public/ — what the worker serves as static assets under `npm start`, `npm run dev` and the tests: a
//                  minified ESM entry `hj-search.js` with Lit inside, lazy chunks under chunks/ (reader,
//                  languages), and `_headers` for them (`--wrangler` builds the same into dist/site, what
//                  deploys: see wranglerBuild);
//   dist/npm/    — an ESM package for bundlers: one file per module, `lit` left as a dependency,
//                  .d.ts declarations and a custom-elements.json manifest.
// `buildPublic()` is also used by web-test-runner.config.mjs, which serves the real bundle to a strict-CSP page.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { buildOpenApi } from "./build-openapi.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const widget = join(root, "widget");
const dist = join(root, "dist");
const tsconfig = join(widget, "tsconfig.json");

// Chunk names carry a content hash, so they can be cached for good; the entry's name is fixed (it is in
// every host page), so it gets a short max-age, and a short stale window so a page never pairs a stale
// entry with chunks a later deploy removed for long.
const HEADERS = `/hj-search.js
  Content-Type: text/javascript; charset=utf-8
  Cache-Control: public, max-age=300, stale-while-revalidate=60
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  X-Content-Type-Options: nosniff

/chunks/*
  Content-Type: text/javascript; charset=utf-8
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
  Cross-Origin-Resource-Policy: cross-origin
  X-Content-Type-Options: nosniff
`;

/**
 * Lit's templates are strings esbuild cannot see into: squeeze the white space out of html`` templates
 * (a run with a line break becomes one space, which HTML treats the same; the widget has no <pre>) and
 * minify css`` ones with esbuild's own CSS minifier. A scanner, not a regex, so nested ${html`…`}
 * expressions, strings and escapes are walked correctly.
 */
export function minifyTemplates(src) {
  let out = "";
  let i = 0;
  const tag = /\b(html|css|svg)`/g;
  for (let m; (m = tag.exec(src)); ) {
    if (m.index < i) continue;
    out += src.slice(i, m.index + m[0].length);
    const end = scanTemplate(src, m.index + m[0].length, m[1]);
    out += end.text;
    i = tag.lastIndex = end.index;
  }
  return out + src.slice(i);
}

function scanTemplate(src, start, kind) {
  let text = "";
  let chunk = "";
  let i = start;
  const flush = () => {
    if (kind === "css") {
      if (chunk.trim()) chunk = esbuild.transformSync(chunk, { loader: "css", minify: true }).code.trim();
    } else chunk = chunk.replace(/\s*\n\s*/g, " ");
    text += chunk;
    chunk = "";
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      chunk += src.slice(i, i + 2);
      i += 2;
    } else if (c === "`") {
      flush();
      return { text: text + "`", index: i + 1 };
    } else if (c === "$" && src[i + 1] === "{") {
      if (kind === "css") throw new Error("css`` with ${} is not minified safely; keep styles static");
      flush();
      const end = scanExpression(src, i + 2);
      text += "${" + minifyTemplates(src.slice(i + 2, end - 1)) + "}";
      i = end;
    } else {
      chunk += c;
      i++;
    }
  }
  throw new Error("unterminated template literal");
}

/** From just inside `${` to just past its `}`; nested templates inside are minified too. */
function scanExpression(src, i) {
  let depth = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
    else if (c === "'" || c === '"') {
      for (i++; src[i] !== c; i++) if (src[i] === "\\") i++;
    } else if (c === "`") {
      // Only skipped here; the caller runs minifyTemplates over the whole expression afterwards.
      i = skipTemplate(src, i + 1) - 1;
    }
    i++;
  }
  throw new Error("unterminated ${ expression");
}

function skipTemplate(src, i) {
  while (i < src.length) {
    if (src[i] === "\\") i += 2;
    else if (src[i] === "`") return i + 1;
    else if (src[i] === "$" && src[i + 1] === "{") i = scanExpression(src, i + 2);
    else i++;
  }
  throw new Error("unterminated template literal");
}

const minifyPlugin = {
  name: "minify-lit-templates",
  setup(build) {
    build.onLoad({ filter: /widget[\\/].*\.ts$/ }, async (args) => {
      // TypeScript first: the JavaScript that comes out has no comments left to mislead the scanner.
      const { code } = await esbuild.transform(await readFile(args.path, "utf8"), {
        loader: "ts",
        sourcefile: args.path,
        target: "es2022",
        tsconfigRaw: await readFile(tsconfig, "utf8"),
      });
      return { contents: minifyTemplates(code), loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

/**
 * `clean` empties `out` first (`npm run dev`, and wrangler's `[build]` for dist/site, what deploys).
 * Otherwise only our own chunks go, so the demo pages stay for `npm start` and the tests.
 */
export async function buildPublic({ quiet = false, clean = false, out = join(dist, "public") } = {}) {
  await rm(clean ? out : join(out, "chunks"), { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { "hj-search": join(widget, "hj-search.ts") },
    outdir: out,
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    target: ["es2022", "chrome111", "firefox113", "safari16.4"],
    tsconfig,
    legalComments: "linked",
    // Text as UTF-8, not \u escapes (6 bytes a character, and worse to gzip): module scripts are always
    // decoded as UTF-8, and _headers says so too.
    charset: "utf8",
    metafile: true,
    plugins: [minifyPlugin],
    logLevel: quiet ? "warning" : "info",
  });
  await writeFile(join(out, "_headers"), HEADERS);
  await copyDashboard(out);
  await buildOpenApi(join(out, "openapi.json"));
  // check-size.mjs reads which chunks the entry imports statically from here; it is not served.
  await writeFile(join(dist, `${basename(out)}-meta.json`), JSON.stringify(result.metafile, null, 1));
  return result.metafile;
}

/**
 * The insights dashboard's page, script and styles (worker/insights-page/) go out as static assets beside
 * the widget, outside the worker's bundle; the worker serves them at /insights behind its own checks
 * (wrangler.toml's run_worker_first).
 */
export async function copyDashboard(out) {
  await mkdir(out, { recursive: true });
  for (const f of ["insights.html", "insights.js", "insights.css"]) await copyFile(join(root, "worker", "insights-page", f), join(out, f));
}

/** widget/manifest.ts, loaded through esbuild so Node can read the TypeScript. */
async function loadSurface() {
  const r = await esbuild.build({
    entryPoints: [join(widget, "manifest.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    logLevel: "warning",
  });
  const url = `data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString("base64")}`;
  return (await import(url)).surface;
}

function manifest(s) {
  const declaration = {
    kind: "class",
    name: s.className,
    tagName: s.tagName,
    customElement: true,
    description: s.description,
    superclass: { name: "LitElement", package: "lit" },
    attributes: s.attributes.map(([name, fieldName, type, description, dflt]) => ({
      name,
      fieldName,
      type: { text: type },
      description,
      ...(dflt ? { default: dflt } : {}),
    })),
    members: [
      ...s.attributes.map(([name, fieldName, type, description]) => ({
        kind: "field",
        name: fieldName,
        type: { text: type },
        description,
        attribute: name,
      })),
      ...s.properties.map(([name, type, description]) => ({ kind: "field", name, type: { text: type }, description })),
      ...s.methods.map(([name, description, params = [], ret = "void"]) => ({
        kind: "method",
        name,
        description,
        parameters: params.map(([pname, type]) => ({ name: pname, type: { text: type } })),
        return: { type: { text: ret } },
      })),
    ],
    events: s.events.map(([name, type, description]) => ({
      name,
      type: { text: `CustomEvent<${type}>` },
      description,
    })),
    cssParts: s.parts.map(([name, description]) => ({ name, description })),
    cssProperties: s.cssProperties.map(([name, description, dflt]) => ({
      name,
      description,
      ...(dflt ? { default: dflt } : {}),
    })),
  };
  return {
    schemaVersion: "2.1.0",
    modules: [
      {
        kind: "javascript-module",
        path: "hj-search.js",
        declarations: [declaration],
        exports: [
          { kind: "js", name: s.className, declaration: { name: s.className, module: "hj-search.js" } },
          { kind: "custom-element-definition", name: s.tagName, declaration: { name: s.className, module: "hj-search.js" } },
        ],
      },
    ],
  };
}

async function sources(dir) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const rel = relative(widget, path);
    if (entry.isFile() && rel.endsWith(".ts") && !rel.endsWith(".test.ts") && !rel.startsWith("test/") && rel !== "manifest.ts")
      files.push(path);
  }
  return files;
}

export async function buildNpm() {
  const out = join(dist, "npm");
  await rm(out, { recursive: true, force: true });
  // One output file per module: consumers' bundlers do the splitting, and the .d.ts files line up.
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: await sources(widget),
    outdir: out,
    outbase: widget,
    bundle: false,
    format: "esm",
    target: "es2022",
    tsconfig,
    logLevel: "warning",
  });
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(widget, "tsconfig.build.json")], {
    stdio: "inherit",
  });
  const surface = await loadSurface();
  await writeFile(join(out, "custom-elements.json"), JSON.stringify(manifest(surface), null, 2) + "\n");
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
  const npmPkg = {
    name: "hj-search",
    version: pkg.version,
    description: "<hj-search>: Helpjuice knowledge-base search, reader and votes via the hj-search edge API.",
    type: "module",
    main: "./index.js",
    module: "./index.js",
    types: "./index.d.ts",
    exports: {
      ".": { types: "./index.d.ts", default: "./index.js" },
      "./hj-search.js": { types: "./hj-search.d.ts", default: "./hj-search.js" },
    },
    customElements: "./custom-elements.json",
    sideEffects: ["./hj-search.js", "./index.js"],
    dependencies: { lit: pkg.dependencies.lit },
  };
  await writeFile(join(out, "package.json"), JSON.stringify(npmPkg, null, 2) + "\n");
}

/** What deploys (wrangler.toml's [assets] directory): never read by `npm start`, `npm run dev` or the tests. */
export const SITE = join(dist, "site");

/**
 * wrangler.toml's `[build]` command. wrangler runs it before `deploy`, `versions upload` (and `--dry-run`):
 * dist/site is emptied and built afresh, so a fresh clone deploys without a build step and nothing but the
 * widget, the dashboard and openapi.json ships. A running demo never notices: it serves dist/public.
 * `wrangler dev` and `wrangler types` run it too (wrangler says which in WRANGLER_COMMAND): those ship
 * nothing, so it builds only when the widget is missing (a fresh clone's `npx wrangler dev`) and otherwise
 * leaves what is there alone.
 */
async function wranglerBuild() {
  const command = process.env.WRANGLER_COMMAND ?? "";
  const local = command === "dev" || command === "types";
  if (local && existsSync(join(SITE, "hj-search.js"))) {
    console.log(`widget: wrangler ${command} serves dist/site as built`);
    return;
  }
  await mkdir(dist, { recursive: true });
  await buildPublic({ clean: true, quiet: true, out: SITE });
  const files = (await readdir(SITE, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  console.log(`widget: dist/site emptied and built for wrangler ${command || "(unknown command)"}: ${files.length} files, no demo pages`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href && process.argv.includes("--wrangler")) {
  await wranglerBuild();
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await mkdir(dist, { recursive: true });
  await buildPublic({ clean: process.argv.includes("--clean") });
  await buildNpm();
  console.log("widget: dist/public (served by the worker) and dist/npm (package) built");
}
