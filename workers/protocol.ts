// The contract between the main thread and the workers: types and constants only.
// src/ may import from here; nothing here imports src/.
import type { FileRef } from './file-protocol.js';

/** Data every worker receives once, at start. */
export interface WorkerData {
  /** BigInt64Array counters, indexed by the PROGRESS_* constants. */
  readonly progress: SharedArrayBuffer;
  /** Int32Array flag: non-zero once the pool is ending; tasks stop between files and chunks (workers/stop.ts). */
  readonly stop: SharedArrayBuffer;
}

/** The field run() adds to a task whose call has an AbortSignal: an Int32Array flag raised when it aborts. */
export const STOP_FIELD = 'stopFlag';

export const PROGRESS_FILES = 0;
export const PROGRESS_BYTES_READ = 1;
export const PROGRESS_BYTES_WRITTEN = 2;
export const PROGRESS_FAILURES = 3;
export const PROGRESS_SLOTS = 4;

/** A per-file failure, returned as data: Piscina drops `code` from thrown errors. */
export interface Failure {
  readonly ok: false;
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Code for a path that exists but is not a regular file (FIFO, socket, device). */
export const NOT_REGULAR = 'ERR_NOT_REGULAR_FILE';
/** Code for a file whose size or mtime changed while pario read it. */
export const FILE_CHANGED = 'ERR_FILE_CHANGED';

/** Read a batch of small files whole into one fresh SharedArrayBuffer. */
export interface ReadBatchTask {
  /** The files, through their folders' handles. */
  readonly files: readonly FileRef[];
  /** Stop adding files once the batch holds this many bytes (the first file always fits). */
  readonly maxBytes: number;
  /** Files larger than this are not read but reported as `large`, for a ranged read. */
  readonly largeThreshold: number;
}

export type ReadBatchEntry =
  | { readonly ok: true; readonly index: number; readonly offset: number; readonly size: number }
  | { readonly ok: 'large' | 'deferred'; readonly index: number; readonly size: number }
  | (Failure & { readonly index: number });

export interface ReadBatchResult {
  /** Holds the bytes of every `ok: true` entry, at its offset; null when none was read. */
  readonly buffer: SharedArrayBuffer | null;
  readonly entries: readonly ReadBatchEntry[];
}

/** Fill `[offset, offset + length)` of `target` with the file's bytes from `position`. */
export interface ReadRangeTask {
  readonly at: FileRef;
  readonly target: SharedArrayBuffer;
  readonly offset: number;
  readonly position: number;
  readonly length: number;
  /** The size the main thread saw; a different size now is FILE_CHANGED. */
  readonly expectedSize: number;
}

export type ReadRangeResult = { readonly ok: true; readonly bytes: number } | Failure;

/** The worker modules the job kinds live in; a pool's warm-up task preloads the ones a run will use. */
export const WORKER_MODULES = ['read', 'readRange', 'compress', 'decompress', 'hash', 'encode', 'map', 'blocks', 'frames'] as const;
export type WorkerModule = (typeof WORKER_MODULES)[number];

/** No-op tasks, to measure the pool's own cost; the warm-up task also preloads the modules a run will use. */
export interface NoopTask {
  readonly count: number;
  /** Worker modules to load first. */
  readonly preload?: readonly WorkerModule[];
}
