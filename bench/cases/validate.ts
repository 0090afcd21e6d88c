import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Corpus } from '../corpus/spec.js';
import { findTool } from '../run/tools.js';

export type Format = 'gz' | 'br' | 'zst';

/** How many files each integrity-test command gets at once. */
const CHUNK = 400;

function integrity(format: Format, files: readonly string[]): void {
  const tool = format === 'gz' ? 'gzip' : format === 'zst' ? 'zstd' : 'brotli';
  const exe = findTool(tool);
  if (exe === undefined) return;
  for (let i = 0; i < files.length; i += CHUNK) {
    execFileSync(exe, ['-t', ...(format === 'zst' ? ['-q'] : []), '--', ...files.slice(i, i + CHUNK)], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
}

function decode(format: Format, path: string): Buffer {
  const data = readFileSync(path);
  if (format === 'gz') return gunzipSync(data);
  if (format === 'br') return brotliDecompressSync(data);
  return execFileSync(findTool('zstd') ?? 'zstd', ['-dc', '--', path], { maxBuffer: 4 << 30 });
}

/** Every n-th index plus the first and the last: the files whose bytes are round-tripped. */
function sample(count: number, every: number): number[] {
  const picks = new Set<number>([0, count - 1]);
  for (let i = 0; i < count; i += every) picks.add(i);
  return [...picks].filter((i) => i >= 0 && i < count);
}

/**
 * Checks compressed outputs: `out(rel)` maps a corpus path to its archive. Every archive passes the format's own
 * `-t` test, and a sample round-trips to the original bytes. With `expectAll`, every input must have an output.
 */
export function checkArchives(corpus: Corpus, format: Format, out: (rel: string) => string, present: ReadonlySet<string>, expectAll: boolean): string | undefined {
  const pairs = corpus.files.map((f) => ({ rel: f.path, archive: out(f.path) })).filter((p) => present.has(p.archive));
  if (pairs.length === 0) return 'no output written';
  if (expectAll && pairs.length !== corpus.files.length) return `expected ${corpus.files.length} outputs, found ${pairs.length}`;
  try {
    integrity(format, pairs.map((p) => p.archive));
  } catch (error) {
    return `${format} -t failed: ${String((error as { stderr?: Buffer }).stderr ?? error).slice(0, 300)}`;
  }
  for (const i of sample(pairs.length, 97)) {
    const p = pairs[i];
    if (p === undefined) continue;
    if (!decode(format, p.archive).equals(readFileSync(join(corpus.dir, p.rel)))) return `${p.archive} does not restore ${p.rel}`;
  }
  return undefined;
}

/** Checks decompressed outputs: same size as each original, and a sample byte-equal. */
export function checkRestored(corpus: Corpus, restored: (rel: string) => string, expectAll: boolean): string | undefined {
  let found = 0;
  for (const [i, f] of corpus.files.entries()) {
    let data: Buffer | undefined;
    try {
      if (i % 53 === 0 || i === corpus.files.length - 1) data = readFileSync(restored(f.path));
      else if (readFileSync(restored(f.path)).byteLength !== f.size) return `${restored(f.path)} has the wrong size`;
    } catch {
      if (expectAll) return `${restored(f.path)} missing`;
      continue;
    }
    found += 1;
    if (data !== undefined && !data.equals(readFileSync(join(corpus.dir, f.path)))) return `${restored(f.path)} differs from ${f.path}`;
  }
  return found === 0 ? 'nothing restored' : undefined;
}
