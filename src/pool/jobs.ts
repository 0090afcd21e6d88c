// How many worker threads a run starts when nobody says: one per available core, fewer when the open-file limit
// (ulimit -n) could not hold them. Each worker thread holds ~5 descriptors for its event loop and up to 3 for its
// files (input, temp output, folder); Node itself and the main thread's walk, lock and manifest need ~32.
import { availableParallelism } from 'node:os';
import { openFileLimit } from '../limits.js';

export { openFileLimit } from '../limits.js';

const RESERVED_FDS = 32;
const FDS_PER_WORKER = 8;

let cached: number | undefined;

/** os.availableParallelism(), capped by the open-file limit (at least 1). */
export function defaultJobs(): number {
  if (cached !== undefined) return cached;
  const limit = openFileLimit();
  const fit = limit === undefined ? Infinity : Math.floor((limit - RESERVED_FDS) / FDS_PER_WORKER);
  cached = Math.max(1, Math.min(availableParallelism(), fit));
  return cached;
}
