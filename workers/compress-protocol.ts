// Task and result shapes of the compress, decompress and test job kinds (types and constants only).
import type { MessagePort } from 'node:worker_threads';
import type { FileRef, OutputId } from './file-protocol.js';

export type Algorithm = 'gzip' | 'deflate' | 'brotli' | 'zstd';
export const ALGORITHMS: readonly Algorithm[] = ['gzip', 'deflate', 'brotli', 'zstd'];
export const EXTENSIONS: Readonly<Record<Algorithm, string>> = { gzip: '.gz', deflate: '.zz', brotli: '.br', zstd: '.zst' };
/** gzip/deflate 6 like gzip, brotli 11 like the brotli CLI, zstd 3 like the zstd CLI. */
export const DEFAULT_LEVELS: Readonly<Record<Algorithm, number>> = { gzip: 6, deflate: 6, brotli: 11, zstd: 3 };
export const LEVEL_RANGES: Readonly<Record<Algorithm, readonly [number, number]>> = {
  gzip: [1, 9], deflate: [1, 9], brotli: [0, 11], zstd: [1, 19],
};
export const ZSTD_UNAVAILABLE_TEXT =
  'zstd is unavailable: this Node has no built-in zstd (needs ≥ 22.15) and the optional package zstd-napi did not load';

export interface CompressSpec {
  readonly algorithm: Algorithm;
  readonly level: number;
}

export interface CodecFile {
  /** Absolute input path. */
  readonly abs: string;
  /** The path as the user would print it; results name this one. */
  readonly path: string;
  /** Final output paths: one per spec for compress, one for decompress, none for test. Results name these. */
  readonly outputs: readonly string[];
  /** The input through its folder's handle (absent: `abs` as given, a link at its end followed). */
  readonly at?: FileRef;
  /** Each output through its folder's handle (absent: each path of `outputs` as given). */
  readonly outputsAt?: readonly FileRef[];
  /**
   * Per output, the file the previous run recorded writing there (manifest): it may be replaced without force when
   * the input changed, as long as the name still holds that very file (same inode and size).
   */
  readonly owned?: readonly (OutputId | undefined)[];
}

interface CommonTask {
  readonly files: readonly CodecFile[];
  /** Replace existing outputs (and, for compress, accept already-compressed inputs). */
  readonly force: boolean;
  /** fsync each output and its folder before and after the rename. */
  readonly fsync: boolean;
  /** Delete each input once all its outputs are renamed into place. */
  readonly remove: boolean;
  /** Inputs of this size or more are not processed in this task but returned with `big` set (the main thread routes them). */
  readonly bigFileMin: number;
  /** Stop starting files once this many input bytes were done; the rest come back `deferred` (load balance). */
  readonly maxBytes: number;
  /** compress only: inputs smaller than this are skipped (`skipped: 'small'`). */
  readonly minSize: number;
  /** Return the inode of each output written (a manifest records them). */
  readonly identify?: boolean;
}

export interface CompressTask extends CommonTask {
  readonly specs: readonly CompressSpec[];
  /** Keep an output only when bytesOut × minRatio < bytesIn (0 keeps every output; 1 = --remove-larger). */
  readonly minRatio: number;
}

export interface DecompressTask extends CommonTask {
  /** Decompressed size limit per file, against decompression bombs; null = the default guard (see outputLimit). */
  readonly maxOutput: number | null;
}

/** Without an explicit limit, a file may decompress to MAX_OUTPUT_RATIO × its size, and always to DEFAULT_MAX_OUTPUT. */
export const DEFAULT_MAX_OUTPUT = 1 << 30;
export const MAX_OUTPUT_RATIO = 1000;

/** The decompressed size a file may reach: the explicit limit, else max(1 GiB, 1000 × the compressed size). */
export function outputLimit(maxOutput: number | null, inputSize: number): number {
  return maxOutput ?? Math.max(DEFAULT_MAX_OUTPUT, MAX_OUTPUT_RATIO * inputSize);
}

/** The error of a file refused by its output limit (its message says which limit and how to change it). */
export function outputTooLarge(limit: number, explicit: boolean): Error {
  const which = explicit
    ? `the limit of ${limit} bytes (--max-output)`
    : `the default limit of ${limit} bytes (${MAX_OUTPUT_RATIO} × the input size, at least ${DEFAULT_MAX_OUTPUT} bytes; `
      + '--max-output N to change it, 0 for none)';
  return Object.assign(new Error(`refused as a possible decompression bomb: output exceeds ${which}`), { code: 'ERR_PARIO_TOO_LARGE' });
}

export type OutputStatus = 'written' | 'exists' | 'larger' | 'failed' | 'tested';

export interface OutputResult {
  readonly algorithm: Algorithm;
  /** Final output path ('' for test and stdout). */
  readonly path: string;
  readonly bytes: number;
  readonly status: OutputStatus;
  readonly code?: string;
  readonly message?: string;
  /** The inode of the file written (with `identify`). */
  readonly ino?: number;
}

export interface CodecFileResult {
  /** false when the input could not be read or any output failed. */
  readonly ok: boolean;
  readonly path: string;
  readonly bytesIn: number;
  readonly ms: number;
  readonly outputs: readonly OutputResult[];
  /** The input was deleted (--rm) after every output was in place. */
  readonly removed: boolean;
  readonly code?: string;
  readonly message?: string;
  /** Not processed: the input's size, at or above the task's bigFileMin. */
  readonly big?: number;
  /** Not processed: the task's byte budget ran out first; the main thread sends it again. */
  readonly deferred?: true;
  /** Not processed: smaller than minSize. */
  readonly skipped?: 'small';
}

/**
 * Whether the workers compress whole gzip and .zz buffers with libdeflate (workers/libdeflate.ts): not with
 * PARIO_NO_LIBDEFLATE=1, nor without WebAssembly (node --jitless). The main thread routes files by it (route.ts).
 */
export function libdeflateAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['PARIO_NO_LIBDEFLATE'] !== '1' && typeof (globalThis as { WebAssembly?: unknown }).WebAssembly === 'object';
}

/** Inputs up to this size are read whole into the worker's reused buffer; larger ones are streamed. */
export const WHOLE_READ_MAX = 32 << 20;
/**
 * Compressed inputs up to this size are decoded in one call when their output fits in MEMORY_OUTPUT_MAX; the rest
 * are streamed in bounded memory. Both bound what one worker holds, whatever --max-output is.
 */
export const DECODE_WHOLE_MAX = 8 << 20;
export const MEMORY_OUTPUT_MAX = 16 << 20;
export const STREAM_CHUNK = 1 << 20;
/** Temp names (`.<name>.pario-<pid>-<start>-<owner>-<rand>.tmp` beside the final name): see temp-name.ts. */
export { TEMP_NAME } from './temp-name.js';

/** Job kind `encode` (-c/--stdout): one file compressed into shared memory, or decompressed through a port. */
export interface EncodeTask {
  /** The input file; '' for standard input, which then comes in through `port` (decompress only). */
  readonly abs: string;
  /** The input through its folder's handle (absent: `abs` as given). */
  readonly at?: FileRef;
  readonly path: string;
  /** Compress with this spec, or decompress when absent. */
  readonly spec?: CompressSpec;
  readonly maxOutput: number | null;
  /** decompress: output chunks go out through this port as they are made (see DecodePortMessage)… */
  readonly port?: MessagePort;
  /** …copied into these DECODE_PORT_WINDOW slots of STREAM_CHUNK bytes, each reused once acknowledged. */
  readonly ring?: SharedArrayBuffer;
}
export type EncodeResult =
  | { readonly ok: true; readonly data: SharedArrayBuffer }
  /** Decompressed through the port: every chunk was acknowledged before this result. */
  | { readonly ok: true; readonly streamed: number }
  | { readonly ok: false; readonly path: string; readonly code: string; readonly message: string };

/** Worker → main on a decode port: an output chunk (in a ring slot), or a request for input. */
export type DecodePortMessage = { readonly kind: 'output'; readonly slot: number; readonly bytes: number } | { readonly kind: 'pull' };
/** Main → worker: an output chunk was written; the next input chunk (null: end of input). */
export type DecodePortReply = { readonly kind: 'written' } | { readonly kind: 'input'; readonly chunk: Uint8Array | null };
/** Output chunks a decode port may have unacknowledged (each at most STREAM_CHUNK bytes). */
export const DECODE_PORT_WINDOW = 4;
