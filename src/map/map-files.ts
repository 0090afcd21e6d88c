import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OptionError } from '../errors.js';
import { checkPatterns } from '../options.js';
import { createPool } from '../pool/pool.js';
import type { ParioPool } from '../pool/pool.js';
import { resolveReadOptions } from '../read/options.js';
import type { ReadOptions, ResolvedReadOptions } from '../read/options.js';
import { runFiles } from '../read/run-files.js';
import type { MapResult, MapValue, Mapper, MapperModule } from './define.js';
import { mapIndexed } from './engine.js';

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

/** A `file:` URL (URL or string) or a path resolved against `process.cwd()`, to the `file:` URL workers import. */
export function resolveModule(workerModule: unknown): string {
  let url: URL | undefined;
  if (workerModule instanceof URL) url = workerModule;
  else if (typeof workerModule === 'string' && workerModule.startsWith('file:')) url = new URL(workerModule);
  else if (typeof workerModule === 'string' && workerModule !== '') url = pathToFileURL(resolve(workerModule));
  if (url === undefined || url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) {
    const given = workerModule instanceof URL ? workerModule.href : workerModule;
    throw new OptionError('workerModule', 'a file: URL or a path of an existing module', given);
  }
  return url.href;
}

