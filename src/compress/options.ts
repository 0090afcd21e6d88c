// Options of compressFiles / decompressFiles / testFiles: the one place for their defaults and validation.
import { resolve } from 'node:path';
import { OptionError, ParioError } from '../errors.js';
import { checkObject, resolveBase } from '../options.js';
import type { BaseOptions, ResolvedBase } from '../options.js';
import type { Pario } from '../pario.js';
import { ALGORITHMS, DEFAULT_LEVELS, LEVEL_RANGES } from '../../workers/compress-protocol.js';
import { zstdUnavailableText } from '../../workers/zstd-choice.js';
import { zstdAvailable } from './zstd-available.js';
import type { BigFileSettings } from '../bigfile/codec-file.js';
import type { IoMode } from '../bigfile/options.js';
import { MAX_BLOCK_SIZE, MIN_BLOCK_SIZE } from '../bigfile/options.js';
import type { Algorithm } from '../../workers/compress-protocol.js';
import type { CompressSpec } from '../../workers/compress-protocol.js';

/** Options of compressFiles, decompressFiles and testFiles (decompress/test use force, remove, fsync, outDir, maxOutput). */
export interface CompressOptions extends BaseOptions {
  /**
   * Run on the threads of this createPario handle; `jobs` is then the handle's. Drain the results: stopping early
   * (break, abort, failFast) ends the handle's threads mid-write, so that their temp files can be removed.
   */
  readonly pario?: Pario;
  /** Algorithms to write, each to its own output (.gz .zz .br .zst) from one read of the input. @default ['gzip'] */
  readonly algorithms?: readonly Algorithm[];
  /** Level for every algorithm (gzip/deflate 1–9, brotli 0–11, zstd 1–19). @default gzip/deflate 6, brotli 11, zstd 3 */
  readonly level?: number;
  /** Per-algorithm levels; win over `level`. */
  readonly levels?: Readonly<Partial<Record<Algorithm, number>>>;
  /** Replace existing outputs and compress already-compressed inputs too. @default false */
  readonly force?: boolean;
  /** Delete each input once all its outputs are in place. @default false */
  readonly remove?: boolean;
  /** fsync each output and its folder. @default false */
  readonly fsync?: boolean;
  /** Mirror outputs under this folder, relative to the patterns' common base. @default beside each input */
  readonly outDir?: string;
  /** Skip inputs smaller than this many bytes. @default 0 */
  readonly minSize?: number;
  /** Keep an output only when it is at least R times smaller than its input (1 = drop outputs not smaller). @default 0 (keep all) */
  readonly minRatio?: number;
  /**
   * Decompressed size limit per file in bytes, against decompression bombs; 0 or Infinity = no limit.
   * @default max(1 GiB, 1000 × the compressed file's size)
   */
  readonly maxOutput?: number;
  /** Stop at the first failed file: its result (and those finished with it) are the last yielded; work in flight is
   * ended and its temp files removed. @default false */
  readonly failFast?: boolean;
  /**
   * Big files (8 MiB and more): uncompressed bytes per block (gzip/deflate) or frame (zstd). Given (or `io`), files of
   * 8–32 MiB in a many-file gzip run take the block path too (route.ts). @default 1 MiB / 8 MiB
   */
  readonly blockSize?: number;
  /** Big files: workers read their own ranges ('parallel'), one reader feeds them ('sequential'), or by device. @default 'auto' */
  readonly io?: IoMode;
}

export interface ResolvedCompressOptions extends ResolvedBase {
  readonly specs: readonly CompressSpec[];
  readonly force: boolean;
  readonly remove: boolean;
  readonly fsync: boolean;
  readonly failFast: boolean;
  readonly outDir: string | undefined;
  readonly minSize: number;
  readonly minRatio: number;
  /** null: the default guard, max(1 GiB, 1000 × the input size), applied per file by the worker. */
  readonly maxOutput: number | null;
  readonly bigFile: BigFileSettings;
}

function number(name: string, value: unknown, min: number, max: number, integer: boolean): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new OptionError(name, `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`, value);
  }
  return value;
}

export function normalizeCompressOptions(raw?: CompressOptions): ResolvedCompressOptions {
  const options = checkObject(raw) as CompressOptions;
  const base = resolveBase(options);
  const { algorithms = ['gzip'], level, levels = {}, force = false, remove = false, fsync = false, failFast = false, outDir } = options;
  if (!Array.isArray(algorithms) || algorithms.length === 0 || algorithms.some((a) => !ALGORITHMS.includes(a))) {
    throw new OptionError('algorithms', `a non-empty list of ${ALGORITHMS.join(', ')}`, algorithms);
  }
  const chosenAlgorithms: readonly Algorithm[] = options.algorithms ?? ['gzip'];
  if (level !== undefined) {
    const top = Math.max(...chosenAlgorithms.map((a) => LEVEL_RANGES[a][1]));
    number('level', level, 0, top, true); // above one algorithm's range is clamped to it; above all of them is an error
  }
  const specs = [...new Set(chosenAlgorithms)].map((algorithm): CompressSpec => {
    const [min, max] = LEVEL_RANGES[algorithm];
    const chosen = levels[algorithm] ?? (level === undefined ? DEFAULT_LEVELS[algorithm] : Math.min(level, max));
    return { algorithm, level: number(`levels.${algorithm}`, chosen, min, max, true) };
  });
  if (specs.some((s) => s.algorithm === 'zstd') && !zstdAvailable()) {
    throw new ParioError('ERR_PARIO_ZSTD_UNAVAILABLE', zstdUnavailableText());
  }
  for (const [name, value] of Object.entries({ force, remove, fsync, failFast })) {
    if (typeof value !== 'boolean') throw new OptionError(name, 'a boolean', value);
  }
  if (outDir !== undefined && (typeof outDir !== 'string' || outDir === '')) throw new OptionError('outDir', 'a folder path', outDir);
  return Object.freeze({
    ...base, specs, force, remove, fsync, failFast,
    outDir: outDir === undefined ? undefined : resolve(base.cwd, outDir),
    minSize: number('minSize', options.minSize ?? 0, 0, Number.MAX_SAFE_INTEGER, true),
    minRatio: number('minRatio', options.minRatio ?? 0, 0, 1e9, false),
    maxOutput: maxOutput(options.maxOutput),
    bigFile: bigFileSettings(options),
  });
}

function maxOutput(value: number | undefined): number | null {
  if (value === undefined) return null;
  if (value === Infinity || value === 0) return Number.MAX_SAFE_INTEGER;
  return number('maxOutput', value, 0, Number.MAX_SAFE_INTEGER, true);
}

function bigFileSettings(options: CompressOptions): BigFileSettings {
  const io = options.io;
  if (io !== undefined && io !== 'parallel' && io !== 'sequential' && io !== 'auto') {
    throw new OptionError('io', 'parallel, sequential or auto', io);
  }
  const blockSize = options.blockSize === undefined ? undefined
    : number('blockSize', options.blockSize, MIN_BLOCK_SIZE, MAX_BLOCK_SIZE, true);
  return { blockSize, io };
}
