// The handle (createPario) and the one-call readers. Light on purpose: the engines load when a call first runs, so
// a handle starts its threads before the code that feeds them has loaded (the CLI starts one that way).
import { resolve } from 'node:path';
import { OptionError } from './errors.js';
import { checkObject, checkPatterns, resolveBase } from './options.js';
import type { BaseOptions } from './options.js';
import type { MapResult, MapValue, Mapper, MapperModule } from './map/define.js';
import type { MapOptions } from './map/map-files.js';
import { resolveModule } from './map/module-url.js';
import { createPool } from './pool/pool.js';
import { PARIO_MODULES } from './pool/modules.js';
import { bindPool } from './pool/handles.js';
import { WORKER_MODULES } from '../workers/protocol.js';
import type { WorkerModule } from '../workers/protocol.js';
import type { ParioPool } from './pool/pool.js';
import type { ProgressSnapshot } from './pool/progress.js';
import type { ReadResult } from './read/engine.js';
import { resolveReadOptions } from './read/options.js';
import type { ReadOptions, ResolvedReadOptions } from './read/options.js';
import { normalizeCompressOptions } from './compress/options.js';
import type { CompressOptions } from './compress/options.js';
import type { CompressResult } from './compress/result.js';

export type PerCall<O> = Omit<O, 'jobs' | 'pario'>;

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
  /** Lets running tasks finish, then ends the threads. */
  close(): Promise<void>;
  /** Ends the threads now: queued tasks are dropped, running ones stop at their next file or chunk. */
  destroy(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The kinds of work a worker thread can load (`preload`); a kind not preloaded loads on its first task. */
export type WorkerKind = WorkerModule;

export interface ParioOptions extends Pick<BaseOptions, 'jobs'> {
  /**
   * What every thread loads as it starts, while the caller is still busy: `read`, `readRange` and `map` for the
   * readers, `compress` and `blocks` (big files) for compressing, `decompress` and `frames` (multi-frame .zst) for
   * decompressing and testing, `hash` for hashing and checking, `encode` for one stream. @default ['read', 'readRange', 'map']
   */
  readonly preload?: readonly WorkerKind[];
  /**
   * Start the threads with the first task instead of at once: for work that may need none, such as an incremental
   * run where nothing changed. @default false
   */
  readonly lazy?: boolean;
}

export function createPario(options: ParioOptions = {}): Pario {
  const preload = checkObject(options)['preload'];
  if (preload !== undefined && (!Array.isArray(preload) || preload.some((m) => !(WORKER_MODULES as readonly unknown[]).includes(m)))) {
    throw new OptionError('preload', `a list of ${WORKER_MODULES.join(', ')}`, preload);
  }
  const lazy = checkObject(options)['lazy'];
  if (lazy !== undefined && typeof lazy !== 'boolean') throw new OptionError('lazy', 'a boolean', lazy);
  const { jobs } = resolveBase(checkObject(options) as BaseOptions); // the thread count; a handle has no other base option
  const pool = createPool(jobs, (preload as readonly WorkerModule[] | undefined) ?? PARIO_MODULES, { lazy: lazy === true });
  const perCall = <O>(callOptions: O | undefined): O => {
    if (checkObject(callOptions)['jobs'] !== undefined) {
      throw new OptionError('jobs', 'unset on a call (set it on createPario)', checkObject(callOptions)['jobs']);
    }
    return { ...callOptions, jobs } as O;
  };
  const handle: Pario = {
    jobs,
    readFiles: (patterns, callOptions) => {
      const list = checkPatterns(patterns);
      return readFilesWith(() => pool, false, list, resolveReadOptions(perCall(callOptions)));
    },
    readFile: (path, callOptions) => {
      const o = resolveBase(perCall(callOptions) as BaseOptions);
      const abs = resolve(o.cwd, checkPath(path));
      return import('./read/read-file.js').then((m) => m.readOneFile(path, abs, o.signal, (read) => read(pool)));
    },
    mapFiles: <M>(patterns: string | readonly string[], workerModule: MapperModule<M>, callOptions?: PerCall<MapOptions>) => {
      const list = checkPatterns(patterns);
      const module = resolveModule(workerModule);
      const o = resolveReadOptions(perCall(callOptions));
      return mapFilesWith(() => pool, false, list, module, o) as AsyncIterable<MapResult<MapValue<M>>>;
    },
    compressFiles: (patterns, callOptions) => {
      const list = checkPatterns(patterns);
      const o = normalizeCompressOptions(perCall(callOptions));
      return lazily(async () => (await import('./compress/api.js')).codecFiles('compress', list, o, handle));
    },
    progress: () => pool.progress.snapshot(),
    close: () => pool.close(),
    destroy: () => pool.destroy(),
    [Symbol.asyncDispose]: () => pool.close(),
  };
  bindPool(handle, pool);
  return handle;
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

/** Reads one file into a Buffer; a large file is read by several workers at once, each filling its own range. */
export async function readFile(path: string, options?: Pick<BaseOptions, 'cwd' | 'jobs' | 'signal'>): Promise<Buffer> {
  const o = resolveBase(checkObject(options) as BaseOptions);
  const abs = resolve(o.cwd, checkPath(path));
  const { readOneFile } = await import('./read/read-file.js');
  return readOneFile(path, abs, o.signal, async (read) => {
    const pool = createPool(o.jobs, ['readRange']);
    try {
      return await read(pool);
    } finally {
      await pool.destroy();
    }
  });
}

async function* readFilesWith(
  getPool: () => ParioPool, owned: boolean, patterns: readonly string[], o: ResolvedReadOptions,
): AsyncGenerator<ReadResult> {
  const [{ runFiles }, { readIndexed }] = await Promise.all([import('./read/run-files.js'), import('./read/engine.js')]);
  yield* runFiles<ReadResult>(getPool, owned, patterns, o, (pool, files, admit) => readIndexed(pool, files, o, admit));
}

async function* mapFilesWith(
  getPool: () => ParioPool, owned: boolean, patterns: readonly string[], module: string, o: ResolvedReadOptions,
): AsyncGenerator<MapResult<unknown>> {
  yield* (await import('./map/map-files.js')).mapFilesWith(getPool, owned, patterns, module, o);
}

/** The results of a call whose engine loads on first use. */
async function* lazily<T>(start: () => Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await start();
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new OptionError('path', 'a non-empty string', path);
  return path;
}
