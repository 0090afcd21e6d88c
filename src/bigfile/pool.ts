// The pool block tasks run on: the caller's, or one started (and closed) for this call.
import { Piscina } from 'piscina';
import type { BlockPool, ResolvedBigFileOptions } from './options.js';

const BLOCKS_ENTRY = new URL('../../workers/blocks.js', import.meta.url);

function startPool(jobs: number): BlockPool & { close(): Promise<void>; destroy(): Promise<void> } {
  const piscina = new Piscina({ filename: BLOCKS_ENTRY.href, minThreads: jobs, maxThreads: jobs, concurrentTasksPerWorker: 1 });
  return {
    jobs,
    run: <R>(name: string, task: object, options: { readonly signal?: AbortSignal | undefined } = {}) =>
      piscina.run(task, options.signal === undefined ? { name } : { name, signal: options.signal }) as Promise<R>,
    close: () => piscina.close(),
    destroy: () => piscina.destroy(),
  };
}

export async function withPool<T>(options: ResolvedBigFileOptions, body: (pool: BlockPool) => Promise<T>): Promise<T> {
  if (options.pool !== undefined) return body(options.pool);
  const pool = startPool(options.jobs);
  try {
    return await body(pool);
  } finally {
    await (options.signal?.aborted === true ? pool.destroy() : pool.close());
  }
}
