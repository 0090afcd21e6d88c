import { checkPatterns } from '../options.js';
import { createPool } from '../pool/pool.js';
import type { ParioPool } from '../pool/pool.js';
import { resolveReadOptions } from '../read/options.js';
import type { ReadOptions, ResolvedReadOptions } from '../read/options.js';
import { runFiles } from '../read/run-files.js';
import type { MapResult, MapValue, Mapper, MapperModule } from './define.js';
import { mapIndexed } from './engine.js';
import { resolveModule } from './module-url.js';

/** mapFiles takes the same options as readFiles: globs, excludes, batching, in-flight bytes, order, signal, jobs, failFast. */
export type MapOptions = ReadOptions;

/**
 * Runs the default export of `workerModule` over every matching file, on every core: each worker thread imports the
 * module once, then calls it for batches of files whose bytes it read with positional reads. Yields
 * `{ ok: true, path, size, value }` or `{ ok: false, path, error: { name, code, message } }` per file (an exception
 * thrown by the mapper is data, the run goes on), in completion order or, with `ordered: true`, in the order found.
 * Options and the module's location are checked now, not at the first `next()`.
 */
export function mapFiles<M = Mapper>(
  patterns: string | readonly string[],
  workerModule: MapperModule<M>,
  options?: MapOptions,
): AsyncIterable<MapResult<MapValue<M>>> {
  const list = checkPatterns(patterns);
  const module = resolveModule(workerModule);
  const o = resolveReadOptions(options);
  return mapFilesWith(() => createPool(o.jobs, ['map']), true, list, module, o) as AsyncIterable<MapResult<MapValue<M>>>;
}

/** The engine behind `mapFiles` and `Pario#mapFiles`: an owned pool is destroyed at the end, a borrowed one kept warm. */
export function mapFilesWith(
  getPool: () => ParioPool, owned: boolean, patterns: readonly string[], module: string, o: ResolvedReadOptions,
): AsyncGenerator<MapResult<unknown>> {
  return runFiles<MapResult<unknown>>(getPool, owned, patterns, o, (pool, files, admit) => mapIndexed(pool, files, module, o, admit));
}
