// Options of the one-huge-file path, their defaults and their validation (the only place for either).
import type { ParioPool } from '../pool/pool.js';
import { OptionError } from '../errors.js';
import { onHandle } from '../pool/handles.js';
import { MAX_FRAME_CONTENT } from './zstd-frames.js';
import type { Pario } from '../pario.js';
import { defaultJobs } from '../pool/jobs.js';
import type { BlockFormat } from './container.js';

export type IoMode = 'parallel' | 'sequential' | 'auto';

/** The part of a pool the block-parallel paths use (a ParioPool, or the caller's). */
export type BlockPool = Pick<ParioPool, 'jobs' | 'run'>;

export interface BigFileOptions {
  /** Output format. @default 'gzip' */
  readonly format?: BlockFormat;
  /** Compression level: 0–9 for gzip/zlib/raw, 1–19 for zstd. @default 6 (gzip/zlib/raw), 3 (zstd) */
  readonly level?: number;
  /**
   * Uncompressed bytes per block (deflate) or per frame (zstd); at least 32 KiB.
   * @default 1 MiB (deflate), 8 MiB (zstd: its own job size at level 3)
   */
  readonly blockSize?: number;
  /** Worker threads when no `pool` is given. @default os.availableParallelism(), fewer when `ulimit -n` is low */
  readonly jobs?: number;
  /** Blocks without the previous 32 KiB as dictionary (pigz -i): slightly larger, each block decodable alone. @default false */
  readonly independent?: boolean;
  /**
   * gzip only: every this many uncompressed bytes (rounded up to whole blocks) a block starts from an empty window,
   * and a trailing empty gzip member records where (README: "pario's gzip index"), so pario can decode the file on
   * every core. 0: no restart points, no index. @default 4 MiB (+0.16% size on text against no restarts)
   */
  readonly indexInterval?: number;
  /** How a file is read: workers read their own ranges, one reader feeds them in order, or pick by device. @default 'auto' */
  readonly io?: IoMode;
  /** gzip header mtime in seconds; 0 = not recorded. @default 0 */
  readonly mtime?: number;
  /** gzip header file name (FNAME). @default none */
  readonly name?: string;
  /** Run on this pool instead of starting one (it is not closed afterwards). */
  readonly pool?: BlockPool;
  /** Run on the threads of this createPario handle instead of starting some (it is not closed afterwards). */
  readonly pario?: Pario;
  readonly signal?: AbortSignal;
}

export interface ResolvedBigFileOptions {
  readonly format: BlockFormat;
  readonly level: number;
  readonly blockSize: number;
  readonly jobs: number;
  /** Uncompressed bytes between blocks that start from an empty window (blockSize when independent; Infinity: never). */
  readonly restart: number;
  /** gzip: uncompressed bytes between the points the trailing index records (a multiple of blockSize); 0: no index. */
  readonly indexEvery: number;
  readonly io: IoMode;
  readonly mtime: number;
  readonly name: string | undefined;
  readonly pool: BlockPool | undefined;
  readonly signal: AbortSignal | undefined;
}

export const MIN_BLOCK_SIZE = 32 * 1024;
export const MAX_BLOCK_SIZE = 512 * 1024 * 1024;
/** Default gzip index interval: 1 MiB cost +0.65% on text, 2 MiB +0.32%, 4 MiB +0.16%, 8 MiB +0.08% (README). */
export const INDEX_INTERVAL = 4 << 20;
const FORMATS: readonly BlockFormat[] = ['gzip', 'zlib', 'raw', 'zstd'];

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new OptionError(name, `an integer from ${min} to ${max}`, value);
  return value;
}

export function resolveBigFileOptions(options: BigFileOptions = {}): ResolvedBigFileOptions {
  const format = options.format ?? 'gzip';
  if (!FORMATS.includes(format)) throw new OptionError('format', `one of ${FORMATS.join(', ')}`, format);
  const zstd = format === 'zstd';
  const level = integer('level', options.level ?? (zstd ? 3 : 6), zstd ? 1 : 0, zstd ? 19 : 9);
  const blockSize = integer('blockSize', options.blockSize ?? (zstd ? 8 << 20 : 1 << 20), MIN_BLOCK_SIZE, MAX_BLOCK_SIZE);
  const pool = options.pool ?? onHandle(options).pool; // `jobs` beside `pario` is refused, as by every call
  const jobs = integer('jobs', pool?.jobs ?? options.jobs ?? defaultJobs(), 1, 1024);
  const io = options.io ?? 'auto';
  if (io !== 'parallel' && io !== 'sequential' && io !== 'auto') throw new OptionError('io', 'parallel, sequential or auto', io);
  const mtime = integer('mtime', Math.floor(options.mtime ?? 0), 0, 2 ** 32 - 1);
  const interval = integer('indexInterval', options.indexInterval ?? INDEX_INTERVAL, 0, Number.MAX_SAFE_INTEGER);
  const independent = options.independent ?? false;
  // A span the index would record past what one parallel task decodes (MAX_FRAME_CONTENT) could never be used: no index.
  const every = format === 'gzip' && interval > 0 ? Math.ceil(interval / blockSize) * blockSize : 0;
  const indexEvery = every <= MAX_FRAME_CONTENT ? every : 0;
  const restart = independent || zstd ? blockSize : indexEvery > 0 ? indexEvery : Infinity;
  return Object.freeze({
    format, level, blockSize, jobs, io, mtime, restart, indexEvery,
    name: options.name,
    pool,
    signal: options.signal,
  });
}

/** Blocks read ahead or waiting to be written: pigz's 2p + 3 input buffers. */
export function windowSize(jobs: number): number {
  return jobs * 2 + 3;
}
