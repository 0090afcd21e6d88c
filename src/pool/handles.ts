// Which pool a createPario handle stands for. A handle shows no pool (its threads are not part of the public API), but
// the functions that accept one (compress, hash, check, the big-file paths) run their tasks on its threads.
import { OptionError } from '../errors.js';
import type { ParioPool } from './pool.js';

const pools = new WeakMap<object, ParioPool>();

/** Called once by createPario: `handle` now runs on `pool`. */
export function bindPool(handle: object, pool: ParioPool): void {
  pools.set(handle, pool);
}

/** The pool behind a handle from createPario; an OptionError (`option`) for anything else. */
export function poolOf(handle: unknown, option = 'pario'): ParioPool {
  const pool = typeof handle === 'object' && handle !== null ? pools.get(handle) : undefined;
  if (pool === undefined) throw new OptionError(option, 'a handle from createPario()', handle);
  return pool;
}

/**
 * A call's options split into the pool of its `pario` handle (or undefined) and the rest, where `jobs` is then the
 * handle's: a call given a handle runs on its threads and leaves them running. `jobs` beside `pario` is an error.
 */
export function onHandle(options: unknown): { pool: ParioPool | undefined; rest: Record<string, unknown> } {
  if (options === undefined || typeof options !== 'object' || options === null || !('pario' in options)) {
    return { pool: undefined, rest: options as Record<string, unknown> };
  }
  const { pario, ...rest } = options as Record<string, unknown>;
  if (pario === undefined) return { pool: undefined, rest };
  const pool = poolOf(pario);
  if (rest['jobs'] !== undefined) throw new OptionError('jobs', 'unset when `pario` is given (its handle has the threads)', rest['jobs']);
  return { pool, rest: { ...rest, jobs: pool.jobs } };
}
