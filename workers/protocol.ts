// The contract between the main thread and the workers: types and constants only.
// src/ may import from here; nothing here imports src/.
import type { BlockResult, DeflateBlockTask, InflateSpanTask, ZstdBlockTask, ZstdFrameTask } from './blocks-protocol.js';
import type { CodecFileResult, CompressTask, DecompressTask, EncodeResult, EncodeTask } from './compress-protocol.js';
import type { ParioCode } from './codes.js';
import type { FileRef } from './file-protocol.js';
import type { HashResult, HashTask, HashTreeResult, HashTreeTask } from './hash-protocol.js';
import type { MapBatchResult, MapTask } from './map-protocol.js';

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
export const NOT_REGULAR = 'ERR_NOT_REGULAR_FILE' satisfies ParioCode;
/** Code for a file whose size or mtime changed while pario read it. */
export const FILE_CHANGED = 'ERR_FILE_CHANGED' satisfies ParioCode;
/** Code for each file of a task whose worker thread died (the pool starts another; the run goes on). */
export const WORKER_DIED = 'ERR_WORKER_DIED' satisfies ParioCode;

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

/** The files whose size, mtime and inode the cron stage needs (a manifest's unchanged check). */
export interface StatTask {
  readonly files: readonly FileRef[];
}

/** By file, in order: size (-1 when it is not a regular file or the lookup failed), inode, mtime (ns as decimal, ms). */
export interface StatResult {
  readonly size: number[];
  readonly ino: number[];
  readonly mtimeNs: string[];
  readonly mtimeMs: number[];
}

/** The worker modules the job kinds live in; a pool's warm-up task preloads the ones a run will use. */
export const WORKER_MODULES = ['read', 'readRange', 'compress', 'decompress', 'hash', 'encode', 'map', 'blocks', 'frames', 'stat'] as const;
export type WorkerModule = (typeof WORKER_MODULES)[number];

/** No-op tasks, to measure the pool's own cost; the warm-up task also preloads the modules a run will use. */
export interface NoopTask {
  readonly count: number;
  /** Worker modules to load first. */
  readonly preload?: readonly WorkerModule[];
}

/**
 * Every job kind: the task it takes and what its run() resolves with on the main thread. workers/index.ts must
 * satisfy this table and ParioPool.run is typed by it, so no call site names a result type by hand.
 */
export interface Jobs {
  readonly noop: { readonly task: NoopTask; readonly result: number };
  readonly read: { readonly task: ReadBatchTask; readonly result: ReadBatchResult };
  readonly readRange: { readonly task: ReadRangeTask; readonly result: ReadRangeResult };
  readonly compress: { readonly task: CompressTask; readonly result: CodecFileResult[] };
  readonly decompress: { readonly task: DecompressTask; readonly result: CodecFileResult[] };
  readonly test: { readonly task: DecompressTask; readonly result: CodecFileResult[] };
  readonly hash: { readonly task: HashTask; readonly result: HashResult };
  readonly hashTree: { readonly task: HashTreeTask; readonly result: HashTreeResult };
  readonly encode: { readonly task: EncodeTask; readonly result: EncodeResult };
  readonly map: { readonly task: MapTask; readonly result: MapBatchResult };
  readonly deflateBlock: { readonly task: DeflateBlockTask; readonly result: BlockResult };
  readonly zstdBlock: { readonly task: ZstdBlockTask; readonly result: BlockResult };
  readonly zstdFrame: { readonly task: ZstdFrameTask; readonly result: BlockResult };
  readonly inflateSpan: { readonly task: InflateSpanTask; readonly result: BlockResult };
  readonly stat: { readonly task: StatTask; readonly result: StatResult };
}

export type JobKind = keyof Jobs;
export type TaskOf<K extends JobKind> = Jobs[K]['task'];
export type ResultOf<K extends JobKind> = Jobs[K]['result'];
