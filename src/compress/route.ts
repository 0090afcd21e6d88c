// The seam between the many-small-files path and the big-file path.
import { WHOLE_READ_MAX } from '../../workers/compress-protocol.js';

/**
 * Files at or above this size leave the batches for the block-parallel path (src/bigfile), except in a run over many
 * files to gzip or .zz (WHOLE_IN_MANY_MAX). @default 8 MiB
 */
export const BIG_FILE_MIN = 8 << 20;
export const BATCH_MAX_FILES = 64;
export const BATCH_MAX_BYTES = 4 << 20;

/**
 * In a run over many files, gzip and .zz inputs below this size (the whole-read limit) are compressed whole by one
 * worker with libdeflate, not split into blocks: the other workers have other files meanwhile. On the three 10–24 MB
 * files of the project's node_modules, libdeflate took 1.18 s of CPU where the block path (Node's zlib, pigz's method)
 * took 1.55 s, and wrote 2.6% fewer bytes; `npm run bench`'s real/node_modules-gzip-6 went from 0.97× the xargs
 * one-liner's time to 0.90× (Node 20, README). The costs: a file met last holds one worker for up to ~0.5 s (32 MiB
 * at ~60 MB/s) while the others have run dry; each worker's WebAssembly memory grows to hold such a file and its
 * output (~65 MiB) and keeps that size; and these outputs carry no gzip index, so `pario decompress` decodes each on
 * one thread (~0.1 s for 32 MiB).
 */
export const WHOLE_IN_MANY_MAX = WHOLE_READ_MAX;

/** What decides the route besides the file's size: the run's shape and options. */
export interface RouteRun {
  /** Several patterns, a folder or a glob: the run may find many files. */
  readonly many: boolean;
  readonly algorithms: readonly string[];
  /** --block-size or --io given: the user asked for the block path's settings. */
  readonly blockSettings: boolean;
  /** libdeflate may load in the workers (not PARIO_NO_LIBDEFLATE=1, WebAssembly present). */
  readonly libdeflate: boolean;
}

/**
 * The size from which a task hands a file back to the block path: WHOLE_IN_MANY_MAX for a compress run over many files
 * to gzip and .zz only (with libdeflate and no block settings), else BIG_FILE_MIN. A rule of the command line, not of
 * timing: one command's outputs are the same bytes every time (the same file compressed alone, or in a Vite rebuild
 * that recompresses only it, takes the block path: other bytes, the same content).
 */
export function bigFileMin(run: RouteRun): number {
  const whole = run.many && run.libdeflate && !run.blockSettings && run.algorithms.every((a) => a === 'gzip' || a === 'deflate');
  return whole ? WHOLE_IN_MANY_MAX : BIG_FILE_MIN;
}
