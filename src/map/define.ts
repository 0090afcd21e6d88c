import type { MappedFile } from '../../workers/map-protocol.js';
import type { FailedFile } from '../results.js';

export type { MappedFile } from '../../workers/map-protocol.js';

/** The user's per-file function: runs in a worker thread, once per file; may be async. */
export type Mapper<T = unknown> = (file: MappedFile) => T;

/**
 * Types a mapper module's default export, so that `file` is typed inside it and `mapFiles` can infer its result:
 * `export default defineMapper((file) => file.data.byteLength)`. At run time it returns the function unchanged.
 */
export function defineMapper<T>(mapper: (file: MappedFile) => T): (file: MappedFile) => T {
  return mapper;
}

/**
 * Where the mapper module is: a `file:` URL, or a path (resolved against `process.cwd()`). The type parameter carries
 * the mapper's type, so that `mapFiles` infers the result: `new URL('./count.js', import.meta.url) as
 * MapperModule<typeof count>`; or pass the module's type instead: `mapFiles<typeof import('./count.js')>(…)`.
 */
export type MapperModule<M = Mapper> = (URL | string) & { readonly __parioMapper?: M };

/** The value a mapper (or a module whose default export is one) produces for a file, once awaited. */
export type MapValue<M> = M extends { readonly default: infer F } ? MapValue<F>
  : M extends (file: MappedFile) => infer R ? Awaited<R> : unknown;

export interface MapFileOk<T> {
  readonly ok: true;
  readonly path: string;
  readonly size: number;
  /** What the mapper returned, structured-cloned across the thread boundary (ArrayBuffers and typed arrays moved). */
  readonly value: T;
}

/** One per file: the mapper's value, or why there is none (read failure, or what the mapper threw: name, code, message). */
export type MapResult<T> = MapFileOk<T> | FailedFile;
