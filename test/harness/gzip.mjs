// Compressed sizes, one way for every script that reports or budgets them (the bench: the widget's chunks and
// the worker's deployable bundle): gzip at level 9, as `gzip -9`, per file; a group of files is the sum of
// its files. Plain ESM for Node 20.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

/** Bytes of `data` (a Buffer or string) after gzip -9. */
export function gzipBytes(data) {
  return gzipSync(data, { level: 9 }).length;
}

/** Raw and gzip -9 bytes of one file. */
export function fileSize(path) {
  const data = readFileSync(path);
  return { rawBytes: data.length, gzipBytes: gzipBytes(data) };
}

/** Raw and gzip -9 bytes of several files, each compressed on its own and the results added up. */
export function filesSize(paths) {
  let rawBytes = 0;
  let gz = 0;
  for (const p of paths) {
    const s = fileSize(p);
    rawBytes += s.rawBytes;
    gz += s.gzipBytes;
  }
  return { rawBytes, gzipBytes: gz };
}
