// The seam between the many-small-files path and the big-file path.

/** Files at or above this size leave the batches. @default 8 MiB */
export const BIG_FILE_MIN = 8 << 20;
export const BATCH_MAX_FILES = 64;
export const BATCH_MAX_BYTES = 4 << 20;

export type Route = 'batch' | 'big';

/**
 * In a run over many files, gzip and .zz inputs below this size are compressed whole by one worker (libdeflate), not
 * split into blocks: the other workers have other files meanwhile. On the three 10–24 MB files of the project's
 * node_modules, libdeflate took 1.18 s of CPU where the block path (Node's zlib, pigz's method) took 1.55 s, and wrote
 * 2.6% fewer bytes; the tree's gzip -6 run took 0.88× the wall time on tmpfs, 0.87× on ext4 (Node 20). The cost: a file
 * met last holds one worker for up to ~0.5 s (32 MiB at ~60 MB/s) while the others have run dry.
 */
export const WHOLE_IN_MANY_MAX = 32 << 20;

/**
 * The size from which a task hands a file back to the block path: WHOLE_IN_MANY_MAX for a compress run over many files
 * (several patterns, a folder or a glob) to gzip and .zz only, else BIG_FILE_MIN. A rule of the command line, not of
 * timing: one run's outputs are the same bytes every time.
 */
export function bigFileMin(many: boolean, algorithms: readonly string[]): number {
  const whole = many && algorithms.every((a) => a === 'gzip' || a === 'deflate');
  return whole ? WHOLE_IN_MANY_MAX : BIG_FILE_MIN;
}

/**
 * Decides how one input is processed. 'batch': with other small files in one worker task. 'big': alone. Today a big
 * file is one worker task with streaming positional reads; a block-parallel path (src/bigfile) plugs in here.
 */
export function routeFor(size: number | undefined): Route {
  return size !== undefined && size >= BIG_FILE_MIN ? 'big' : 'batch';
}
