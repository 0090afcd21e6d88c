import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import type { Corpus } from '../corpus/spec.js';
import { digestOf } from '../naive/digest.js';
import type { HashAlgo } from '../naive/digest.js';
import type { Limit } from './types.js';

export type Work =
  | { readonly kind: 'gzip'; readonly level: number }
  | { readonly kind: 'gunzip' }
  | { readonly kind: 'brotli'; readonly quality: number }
  | { readonly kind: 'zstd'; readonly level: number }
  | { readonly kind: 'hash'; readonly algo: HashAlgo };

/** The same files (or the head of one big file) as the case, up to `cap` bytes, read into memory. */
function sampleOf(corpus: Corpus, cap: number): Buffer[] {
  const out: Buffer[] = [];
  let total = 0;
  const step = Math.max(1, Math.floor(corpus.bytes / cap));
  for (let i = 0; i < corpus.files.length && total < cap; i += corpus.files.length > 1 ? Math.min(step, 7) : 1) {
    const f = corpus.files[i];
    if (f === undefined) break;
    const buf = Buffer.allocUnsafe(Math.min(f.size, cap - total));
    const fd = openSync(join(corpus.dir, f.path), 'r');
    try {
      readSync(fd, buf, 0, buf.byteLength, 0);
    } finally {
      closeSync(fd);
    }
    out.push(buf);
    total += buf.byteLength;
  }
  return out;
}

type Zstd = { compress(data: Uint8Array, params?: object): Buffer };

/** pario's whole-file gzip engine (libdeflate) where it loads; big files (8 MiB blocks) stay on Node's zlib, as in pario. */
const libdeflate = await import('libdeflate').then(
  (m) => m as { gzip(input: Uint8Array, level: number): Uint8Array },
  () => undefined,
);
const WHOLE_FILE_MAX = 8 << 20;

function loadZstd(): Zstd | undefined {
  try {
    return createRequire(import.meta.url)('zstd-napi') as Zstd;
  } catch {
    return undefined;
  }
}

/** One piece of work on one buffer, synchronous, on this thread (what one worker does per file or block). */
function operation(work: Work): ((b: Buffer) => unknown) | undefined {
  switch (work.kind) {
    case 'gzip':
      return (b) => (libdeflate !== undefined && b.byteLength < WHOLE_FILE_MAX
        ? libdeflate.gzip(b, work.level)
        : zlib.gzipSync(b, { level: work.level }));
    case 'brotli':
      return (b) => zlib.brotliCompressSync(b, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: work.quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.byteLength },
      });
    case 'zstd': {
      const z = loadZstd();
      return z === undefined ? undefined : (b) => z.compress(b, { compressionLevel: work.level });
    }
    case 'hash':
      return (b) => digestOf(work.algo, b);
    case 'gunzip':
      return (b) => zlib.gunzipSync(b);
  }
}

/**
 * The physical limit of a case: one core's throughput for the same work on (a sample of) the same data,
 * measured here with the engines pario uses (Node's zlib, libdeflate for whole files under 8 MiB, crypto, the native
 * hashes), times the number of cores.
 * Throughput counts the uncompressed bytes, as every other figure of the report does.
 */
export function physicalLimit(corpus: Corpus, work: Work, cap: number, cores = availableParallelism()): Limit | undefined {
  const op = operation(work);
  if (op === undefined) return undefined;
  let sample = sampleOf(corpus, cap);
  const bytes = sample.reduce((sum, b) => sum + b.byteLength, 0);
  if (work.kind === 'gunzip') sample = sample.map((b) => zlib.gzipSync(b, { level: 6 }));
  if (bytes === 0) return undefined;
  for (const b of sample.slice(0, 2)) op(b); // warm the code paths
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const b of sample) op(b);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const perCore = bytes / 1e6 / seconds;
  // The codec's CPU (not wall: on a busy machine this thread waits for a core too) for the per-file figure.
  const cpuSeconds = Math.max((used.user + used.system) / 1e6, 1e-6);
  const label = work.kind === 'hash' ? work.algo : work.kind;
  const coreMbPerSecond = bytes / 1e6 / cpuSeconds;
  return { label: `${cores} × one core's ${label} (${perCore.toFixed(0)} MB/s)`, mbPerSecond: perCore * cores, coreMbPerSecond };
}
