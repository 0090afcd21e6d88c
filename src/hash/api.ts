// The hashing library API: hashFiles(), hashFile() (verify() is in verify.ts).
import { OptionError, FileError } from '../errors.js';
import { checkObject, checkPatterns } from '../options.js';
import { onHandle } from '../pool/handles.js';
import { createPool } from '../pool/pool.js';
import type { ParioPool } from '../pool/pool.js';
import { hashIncremental } from './incremental.js';
import { hashInOrder, type HashedFile, type HashFileResult } from './engine.js';
import { resolveHashOptions, type HashOptions, type ResolvedHashOptions } from './options.js';
import { givenPath } from '../planner/place.js';

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
    const item = { path, abs: givenPath(o.cwd, path), algorithms: o.algorithms, named: true };
    for await (const result of hashInOrder(pool, [item], { signal: o.signal })) {
      if (!result.ok) throw new FileError(result.path, result.error.code, result.error.message);
      return result;
    }
    throw new FileError(path, 'ERR_PARIO_JOB', 'no result');
  } finally {
    await pool.destroy();
  }
}
