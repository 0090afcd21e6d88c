// What the main thread sends with every codec task, built once per run from the resolved options.
import type { CompressTask, DecompressTask } from '../../workers/compress-protocol.js';
import type { ResolvedCompressOptions } from './options.js';
import { BATCH_MAX_BYTES, BIG_FILE_MIN } from './route.js';
import type { CompressSpec } from '../../workers/compress-protocol.js';
import type { WorkerModule } from '../../workers/protocol.js';

export type CodecKind = 'compress' | 'decompress' | 'test';
export type TaskBase = Omit<CompressTask, 'files'> & Omit<DecompressTask, 'files'>;

export function taskBase(kind: CodecKind, o: ResolvedCompressOptions): TaskBase {
  return {
    specs: o.specs,
    force: o.force,
    fsync: o.fsync,
    remove: kind !== 'test' && o.remove,
    minRatio: o.minRatio,
    maxOutput: o.maxOutput,
    bigFileMin: BIG_FILE_MIN,
    maxBytes: kind === 'compress' && o.specs.some(slow) ? SLOW_BATCH_BYTES : BATCH_MAX_BYTES,
    minSize: kind === 'compress' ? o.minSize : 0,
  };
}

/** Brotli ≥ 9 and zstd ≥ 15 run at a few MB/s or less: smaller task budgets keep every worker busy. */
const SLOW_BATCH_BYTES = 256 << 10;
function slow(spec: CompressSpec): boolean {
  return (spec.algorithm === 'brotli' && spec.level >= 9) || (spec.algorithm === 'zstd' && spec.level >= 15);
}

/** The worker modules a codec run uses: compress routes big gzip/zstd files to block tasks (big brotli stays 'compress'). */
export function codecModules(kind: CodecKind): WorkerModule[] {
  return kind === 'compress' ? ['compress', 'blocks'] : ['decompress', 'frames'];
}
