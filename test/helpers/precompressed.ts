// Checks a precompressed build folder: which files have outputs, the system tools accept them, and they round-trip.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { has } from './oracle.js';

const SUFFIX = { gzip: '.gz', brotli: '.br', zstd: '.zst', deflate: '.zz' } as const;
export type Algo = keyof typeof SUFFIX;

/** Every file under `dir`, by path from it (with `/`), sorted. */
export function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** The originals that have an output of `algorithm` beside them. */
export function compressedOriginals(dir: string, algorithm: Algo): string[] {
  return filesUnder(dir).filter((f) => f.endsWith(SUFFIX[algorithm])).map((f) => f.slice(0, -SUFFIX[algorithm].length));
}

/** Each output of `originals` tests good with the system tool and decompresses to the original's bytes. */
export function expectValidOutputs(dir: string, originals: readonly string[], algorithms: readonly Algo[], originalsKept = true): void {
  for (const algorithm of algorithms) {
    const outputs = originals.map((f) => join(dir, f + SUFFIX[algorithm]));
    const tool = algorithm === 'gzip' ? 'gzip' : algorithm === 'brotli' ? 'brotli' : algorithm === 'zstd' ? 'zstd' : undefined;
    if (tool !== undefined && outputs.length > 0 && has(tool)) {
      const r = spawnSync(tool, ['-t', ...outputs], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    if (!originalsKept) continue;
    for (const [i, f] of originals.entries()) {
      const packed = readFileSync(outputs[i] ?? '');
      const unpacked = algorithm === 'gzip' ? gunzipSync(packed) : algorithm === 'brotli' ? brotliDecompressSync(packed)
        : algorithm === 'deflate' ? inflateSync(packed) : spawnSync('zstd', ['-dc', outputs[i] ?? ''], { maxBuffer: 1 << 30 }).stdout;
      expect(unpacked.equals(readFileSync(join(dir, f))), `${f}${SUFFIX[algorithm]} round trip`).toBe(true);
    }
  }
}

/** No temp file of pario's (`.<name>.pario-<pid>-<rand>.tmp`) is left under `dir`. */
export function expectNoTemps(dir: string): void {
  expect(filesUnder(dir).filter((f) => /\.pario-\d+-[0-9a-z]+\.tmp$/.test(f))).toEqual([]);
}
