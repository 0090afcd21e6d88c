// What the main thread sends with every codec task, built once per run from the resolved options.
import type { CompressTask, DecompressTask } from '../../workers/compress-protocol.js';
import type { ResolvedCompressOptions } from './options.js';
import { BATCH_MAX_BYTES, BATCH_MAX_FILES, BIG_FILE_MIN, bigFileMin } from './route.js';
import type { CompressSpec } from '../../workers/compress-protocol.js';
import { libdeflateAllowed } from '../../workers/compress-protocol.js';
import type { WorkerModule } from '../../workers/protocol.js';

export type CodecKind = 'compress' | 'decompress' | 'test';
export type TaskBase = Omit<CompressTask, 'files'> & Omit<DecompressTask, 'files'>;

/** `many`: the run names several files, a folder or a glob (big gzip files then stay in the batches: route.ts). */
export function taskBase(kind: CodecKind, o: ResolvedCompressOptions, many = false): TaskBase {
  const blockSettings = o.bigFile.blockSize !== undefined || o.bigFile.io !== undefined;
  const route = { many, algorithms: o.specs.map((s) => s.algorithm), blockSettings, libdeflate: libdeflateAllowed() };
  return {
    specs: o.specs,
    force: o.force,
    fsync: o.fsync,
    remove: kind !== 'test' && o.remove,
    minRatio: o.minRatio,
    maxOutput: o.maxOutput,
    bigFileMin: kind === 'compress' ? bigFileMin(route) : BIG_FILE_MIN,
    maxBytes: batchLimits(kind, o).bytes,
    minSize: kind === 'compress' ? o.minSize : 0,
  };
}

/**
 * How much one task holds: up to `files` files, and the worker hands the rest back once it has done `bytes`. Brotli ≥ 9
 * and zstd ≥ 15 run at a few MB/s or less (brotli 11: ~1 MB/s), so their tasks are a few files and 64 KiB: an idle
 * worker then never waits long for a hand-back (a Vite build's 58 assets at gzip 9 + brotli 11 on 2 workers: the step
 * took 750 ms with 64-file, 256 KiB tasks, where one worker held the biggest chunks and the other had run dry).
 */
export function batchLimits(kind: CodecKind, o: ResolvedCompressOptions): { files: number; bytes: number } {
  const slowRun = kind === 'compress' && o.specs.some(slow);
  return slowRun ? { files: SLOW_BATCH_FILES, bytes: SLOW_BATCH_BYTES } : { files: BATCH_MAX_FILES, bytes: BATCH_MAX_BYTES };
}

const SLOW_BATCH_BYTES = 64 << 10;
const SLOW_BATCH_FILES = 4;
function slow(spec: CompressSpec): boolean {
  return (spec.algorithm === 'brotli' && spec.level >= 9) || (spec.algorithm === 'zstd' && spec.level >= 15);
}

/**
 * The worker modules a codec run uses: compress routes big gzip/zstd files to block tasks (big brotli stays
 * 'compress'); a rerun stats its inputs there ('stat').
 */
export function codecModules(kind: CodecKind): WorkerModule[] {
  return kind === 'compress' ? ['compress', 'blocks', 'stat'] : ['decompress', 'frames', 'stat'];
}
