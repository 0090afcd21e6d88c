import { OptionError } from '../errors.js';
import { bool, checkObject, positiveInt, resolveBase } from '../options.js';
import type { BaseOptions, ResolvedBase } from '../options.js';

export interface ReadOptions extends BaseOptions {
  /** Yield files in the order the planner found them instead of completion order. @default false */
  readonly ordered?: boolean;
  /** Bytes read but not yet yielded, at most (a single larger file is still read). @default 256 MiB */
  readonly maxInFlightBytes?: number;
  /** Files per worker task. @default 64 */
  readonly batchSize?: number;
  /** Files above this size are read by several workers at once, in ranges. @default 8 MiB */
  readonly largeFile?: number;
  /** Throw a FileError at the first file that fails instead of yielding it. @default false */
  readonly failFast?: boolean;
}

export interface ResolvedReadOptions extends ResolvedBase {
  readonly ordered: boolean;
  readonly maxInFlightBytes: number;
  readonly batchSize: number;
  readonly largeFile: number;
  readonly failFast: boolean;
}

const MIB = 1 << 20;

export function resolveReadOptions(options: unknown): ResolvedReadOptions {
  const o = checkObject(options);
  const maxInFlightBytes = positiveInt(o, 'maxInFlightBytes', 256 * MIB);
  const largeFile = positiveInt(o, 'largeFile', 8 * MIB);
  if (maxInFlightBytes < 64 * 1024) throw new OptionError('maxInFlightBytes', 'at least 65536 (64 KiB)', maxInFlightBytes);
  return {
    ...resolveBase(o as BaseOptions),
    ordered: bool(o, 'ordered', false),
    maxInFlightBytes,
    batchSize: positiveInt(o, 'batchSize', 64, 4096),
    largeFile,
    failFast: bool(o, 'failFast', false),
  };
}

/** Bytes one batch may hold: the in-flight budget shared by two tasks per worker, within 256 KiB … 8 MiB. */
export function batchBytes(options: ResolvedReadOptions): number {
  const share = Math.floor(options.maxInFlightBytes / (options.jobs * 2));
  return Math.max(256 * 1024, Math.min(8 * MIB, share));
}

/** Range size for a file read by several workers: a few ranges per worker, 8 … 256 MiB each. */
export function rangeBytes(size: number, jobs: number): number {
  return Math.max(8 * MIB, Math.min(256 * MIB, Math.ceil(size / (jobs * 4))));
}
