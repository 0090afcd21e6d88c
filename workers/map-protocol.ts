// The contract of the `map` job kind: types only. src/map/ imports these; nothing here imports src/.
import type { FileRef } from './file-protocol.js';

/** What the user's function receives for each file. `data` is valid only during the call (the memory is reused). */
export interface MappedFile {
  /** The path as pario prints it: relative to `cwd`, or as given. */
  readonly path: string;
  /** The absolute path pario opened. */
  readonly abs: string;
  readonly size: number;
  /** The file's bytes, read with positional reads. Copy what you keep: the view is reused after the call returns. */
  readonly data: Uint8Array;
}

/** An exception the user's function threw (or a read failure), as data: Piscina would drop `code`. */
export interface MapError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

/** Run the mapper over a batch of files, one after the other, in one worker. */
export interface MapTask {
  /** The mapper module's URL (file:), resolved on the main thread. */
  readonly module: string;
  /** `at`: the file through its folder's handle (absent: `abs` as given). */
  readonly files: readonly { readonly path: string; readonly abs: string; readonly at?: FileRef }[];
  /** Stop starting files once the batch has read this many bytes; the rest come back as `deferred`. */
  readonly maxBytes: number;
  /** Files larger than this are not read but come back as `large`, for a task of their own. */
  readonly largeThreshold: number;
  /** A task of one large file: read it whatever its size, into memory of its own. */
  readonly single: boolean;
}

export type MapEntry =
  | { readonly ok: true; readonly index: number; readonly size: number; readonly value: unknown }
  | { readonly ok: false; readonly index: number; readonly error: MapError }
  | { readonly ok: 'large' | 'deferred'; readonly index: number; readonly size: number };

export interface MapBatchResult {
  /** Set when the module could not be loaded or has no default-exported function: the whole call fails. */
  readonly loadError?: MapError;
  readonly entries: readonly MapEntry[];
}

/** Code of an exception the user's function threw without a string `code` of its own. */
export const MAPPER_THREW = 'ERR_MAPPER_THREW';
