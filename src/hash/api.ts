// The hashing library API: hashFiles(), hashFile(), verify().
import { resolve } from 'node:path';
import { OptionError, FileError } from '../errors.js';
import { checkObject, checkPatterns, resolveBase, type BaseOptions } from '../options.js';
import { onHandle } from '../pool/handles.js';
import { createPool } from '../pool/pool.js';
import type { ParioPool } from '../pool/pool.js';
import { readChunks } from '../read/whole.js';
import { blake2bKind, isAlgorithm, type Algorithm } from '../../workers/algorithms.js';
import { checkEvents, type CheckEvent } from './check.js';
import { streamCheckLines } from './check-lines.js';
import { hashIncremental } from './incremental.js';
import { hashInOrder, type HashedFile, type HashFileResult } from './engine.js';
import { resolveHashOptions, type HashOptions, type ResolvedHashOptions, type VerifyOptions } from './options.js';

/**
 * Hashes every matching file on all cores, every algorithm from one read. Yields `{ ok: true, path, size, digests }`
 * or `{ ok: false, path, error }` per file, sorted by path: the file list is globbed and sorted first, then results
 * are yielded in that order as they complete. Options are checked now, not at the first next().
 */
export function hashFiles(patterns: string | readonly string[], options?: HashOptions): AsyncIterable<HashFileResult> {
  const list = checkPatterns(patterns);
  const { pool, rest } = onHandle(options);
  return hashSorted(list, resolveHashOptions(rest), pool);
}

async function* hashSorted(
  patterns: readonly string[], o: ResolvedHashOptions, given: ParioPool | undefined,
): AsyncGenerator<HashFileResult> {
  const pool = given ?? createPool(o.jobs, ['hash']);
  try {
    yield* hashIncremental(pool, patterns, o, { selection: {} });
  } finally {
    if (given === undefined) await pool.destroy();
  }
}

/** Hashes one file (sha256 by default); rejects with FileError (`code` ENOENT, EISDIR, …) when it cannot be read. */
export async function hashFile(path: string, options?: Pick<HashOptions, 'algorithms' | 'cwd' | 'signal'>): Promise<HashedFile> {
  if (typeof path !== 'string' || path === '') throw new OptionError('path', 'a non-empty string', path);
  const o = resolveHashOptions({ ...checkObject(options), jobs: 1 });
  const pool = createPool(1, ['hash']);
  try {
    const item = { path, abs: resolve(o.cwd, path), algorithms: o.algorithms, named: true };
    for await (const result of hashInOrder(pool, [item], { signal: o.signal })) {
      if (!result.ok) throw new FileError(result.path, result.error.code, result.error.message);
      return result;
    }
    throw new FileError(path, 'ERR_PARIO_JOB', 'no result');
  } finally {
    await pool.destroy();
  }
}

export type CheckedFile = Extract<CheckEvent, { kind: 'file' }>;

export interface VerifyReport {
  /** What `sha256sum -c` would exit 0 for: lines found, every listed file read and matching. */
  readonly ok: boolean;
  readonly files: readonly CheckedFile[];
  /** Line numbers of improperly formatted lines. */
  readonly malformed: readonly number[];
}

/**
 * Verifies a check file (sha256sum, b3sum, BSD-tag or pario lines) on all cores. Names in it are relative to
 * `cwd`. Resolves with every file's status; rejects only when the check file itself cannot be read.
 */
export async function verify(manifestPath: string, options?: VerifyOptions): Promise<VerifyReport> {
  if (typeof manifestPath !== 'string' || manifestPath === '') throw new OptionError('manifestPath', 'a non-empty string', manifestPath);
  const { pool: given, rest: o } = onHandle(checkObject(options));
  const base = resolveBase(o as BaseOptions);
  const algorithm = o['algorithm'];
  if (algorithm !== undefined && !isAlgorithm(algorithm)) throw new OptionError('algorithm', 'a known algorithm name', algorithm);
  const length = o['length'];
  if (length !== undefined && (typeof length !== 'number' || blake2bKind(length) === undefined)) {
    throw new OptionError('length', 'a multiple of 8 from 8 to 512', length);
  }
  if (length !== undefined && algorithm !== undefined && algorithm !== 'blake2b') {
    throw new OptionError('length', 'given with algorithm blake2b only', length);
  }
  const ignoreMissing = o['ignoreMissing'] === true;
  const chunks = await readChunks(resolve(base.cwd, manifestPath), { signal: base.signal });
  const pool = given ?? createPool(base.jobs, ['hash']);
  const files: CheckedFile[] = [];
  const malformed: number[] = [];
  try {
    const kind = (algorithm ?? (length === undefined ? undefined : 'blake2b')) as Algorithm | undefined;
    const options = { cwd: base.cwd, algorithm: kind, length, signal: base.signal };
    for await (const event of checkEvents(pool, streamCheckLines(chunks, options), options)) {
      if (event.kind === 'malformed') malformed.push(event.line);
      else if (!(ignoreMissing && event.status === 'missing')) files.push(event);
    }
  } finally {
    if (given === undefined) await pool.destroy();
  }
  const ok = files.some((f) => f.status === 'ok') && files.every((f) => f.status === 'ok');
  return { ok, files, malformed };
}
