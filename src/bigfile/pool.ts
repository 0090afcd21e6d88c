// The pool block tasks run on: the caller's (shared with other work, not closed here), or one started for this call.
import { createPool } from '../pool/pool.js';
import type { BlockPool, ResolvedBigFileOptions } from './options.js';

export async function withPool<T>(options: ResolvedBigFileOptions, body: (pool: BlockPool) => Promise<T>): Promise<T> {
  if (options.pool !== undefined) return body(options.pool);
  const pool = createPool(options.jobs, ['blocks']);
  try {
    return await body(pool);
  } finally {
    await (options.signal?.aborted === true ? pool.destroy() : pool.close());
  }
}
