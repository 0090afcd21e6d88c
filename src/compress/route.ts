// The seam between the many-small-files path and the big-file path.

/** Files at or above this size leave the batches. @default 8 MiB */
export const BIG_FILE_MIN = 8 << 20;
export const BATCH_MAX_FILES = 64;
export const BATCH_MAX_BYTES = 4 << 20;

export type Route = 'batch' | 'big';

/**
 * Decides how one input is processed. 'batch': with other small files in one worker task. 'big': alone. Today a big
 * file is one worker task with streaming positional reads; a block-parallel path (src/bigfile) plugs in here.
 */
export function routeFor(size: number | undefined): Route {
  return size !== undefined && size >= BIG_FILE_MIN ? 'big' : 'batch';
}
