import { resolve } from 'node:path';
import { OptionError } from './errors.js';
import { checkObject, checkPatterns, resolveBase } from './options.js';
import type { BaseOptions } from './options.js';
import type { MapResult, MapValue, Mapper, MapperModule } from './map/define.js';
import { mapFilesWith, resolveModule } from './map/map-files.js';
import type { MapOptions } from './map/map-files.js';
import { PARIO_MODULES, createPool } from './pool/pool.js';
import type { WorkerModule } from '../workers/protocol.js';
import type { ParioPool } from './pool/pool.js';
import type { ProgressSnapshot } from './pool/progress.js';
import { readIndexed } from './read/engine.js';
import type { ReadResult } from './read/engine.js';
import { resolveReadOptions } from './read/options.js';
import type { ReadOptions, ResolvedReadOptions } from './read/options.js';
import { readFileWithPool, readSmallFile, statRegular } from './read/read-file.js';
import { withPool } from './compress/api.js';
import { normalizeCompressOptions } from './compress/options.js';
import type { CompressOptions } from './compress/options.js';
import type { CompressResult } from './compress/result.js';
import { runFiles } from './read/run-files.js';

export type PerCall<O> = Omit<O, 'jobs'>;

/** A handle that keeps one warm pool for many calls. Close it (or `await using` it) when done. */
export interface Pario {
  readonly jobs: number;
  readFiles(patterns: string | readonly string[], options?: PerCall<ReadOptions>): AsyncIterable<ReadResult>;
  readFile(path: string, options?: Pick<BaseOptions, 'cwd' | 'signal'>): Promise<Buffer>;
  mapFiles<M = Mapper>(
    patterns: string | readonly string[], workerModule: MapperModule<M>, options?: PerCall<MapOptions>,
  ): AsyncIterable<MapResult<MapValue<M>>>;
  /**
   * compressFiles on this handle's threads (the codecs load on first use). Drain the results: stopping early (break,
   * abort, failFast) ends the handle's threads mid-write so that their temp files can be removed.
   */
  compressFiles(patterns: string | readonly string[], options?: PerCall<CompressOptions>): AsyncIterable<CompressResult>;
  /** Files done and bytes read/written so far, sampled from shared counters (no message to any worker). */
  progress(): ProgressSnapshot;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export function createPario(options: Pick<BaseOptions, 'jobs'> = {}): Pario {
  return createParioLoading(options, PARIO_MODULES);
}

/**
 * createPario whose threads load `modules` as they start (internal: the Vite plugin starts its handle when the build
 * starts, so that the codecs load while the bundler works, not when the first file is compressed).
 */
export function createParioLoading(options: Pick<BaseOptions, 'jobs'>, modules: readonly WorkerModule[]): Pario {
  const { jobs } = resolveBase(checkObject(options) as BaseOptions);
  const pool = createPool(jobs, modules);
  const perCall = <O>(callOptions: O | undefined): O => {
    if (checkObject(callOptions)['jobs'] !== undefined) {
      throw new OptionError('jobs', 'unset on a call (set it on createPario)', checkObject(callOptions)['jobs']);
    }
    return { ...callOptions, jobs } as O;
  };
  return {
    jobs,
    readFiles: (patterns, callOptions) => {
      const list = checkPatterns(patterns);
      return readFilesWith(() => pool, false, list, resolveReadOptions(perCall(callOptions)));
    },
    readFile: (path, callOptions) => {
      const o = resolveBase(perCall(callOptions) as BaseOptions);
      return readFileWithPool(pool, checkPath(path), resolve(o.cwd, path), o.signal);
    },
    mapFiles: <M>(patterns: string | readonly string[], workerModule: MapperModule<M>, callOptions?: PerCall<MapOptions>) => {
      const list = checkPatterns(patterns);
      const module = resolveModule(workerModule);
      const o = resolveReadOptions(perCall(callOptions));
      return mapFilesWith(() => pool, false, list, module, o) as AsyncIterable<MapResult<MapValue<M>>>;
    },
    compressFiles: (patterns, callOptions) => {
      const list = checkPatterns(patterns);
      return withPool('compress', list, normalizeCompressOptions(perCall(callOptions)), pool);
    },
    progress: () => pool.progress.snapshot(),
    close: () => pool.close(),
    [Symbol.asyncDispose]: () => pool.close(),
  };
}

/**
 * Reads every matching file on all cores; yields `{ ok: true, path, size, data }` or `{ ok: false, path, error }`
 * per file, in completion order (or planner order with `ordered: true`). Options are checked now, not at first use.
 */
export function readFiles(patterns: string | readonly string[], options?: ReadOptions): AsyncIterable<ReadResult> {
  const list = checkPatterns(patterns);
  const o = resolveReadOptions(options);
  return readFilesWith(() => createPool(o.jobs, ['read', 'readRange']), true, list, o);
}

/** Files below this size are read with one async read; above it, by several workers at once. */
const PARALLEL_READ_MIN = 32 << 20;

/** Reads one file into a Buffer; a large file is read by several workers at once, each filling its own range. */
export async function readFile(path: string, options?: Pick<BaseOptions, 'cwd' | 'jobs' | 'signal'>): Promise<Buffer> {
  const o = resolveBase(checkObject(options) as BaseOptions);
  const abs = resolve(o.cwd, checkPath(path));
  if ((await statRegular(path, abs)).size < PARALLEL_READ_MIN) return readSmallFile(path, abs, o.signal);
  const pool = createPool(o.jobs, ['readRange']);
  try {
    return await readFileWithPool(pool, path, abs, o.signal);
  } finally {
    await pool.destroy();
  }
}

function readFilesWith(
  getPool: () => ParioPool, owned: boolean, patterns: readonly string[], o: ResolvedReadOptions,
): AsyncGenerator<ReadResult> {
  return runFiles<ReadResult>(getPool, owned, patterns, o, (pool, files, admit) => readIndexed(pool, files, o, admit));
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new OptionError('path', 'a non-empty string', path);
  return path;
}
