import { constants as bufferConstants } from 'node:buffer';
import { readFile as fsReadFile, stat } from 'node:fs/promises';
import { FILE_CHANGED, NOT_REGULAR } from '../../workers/protocol.js';
import { FileError } from '../errors.js';
import type { ParioPool } from '../pool/pool.js';
import { toFileError } from '../results.js';
import { readWhole } from './engine.js';
import { fsPath } from '../../workers/names.js';

/**
 * Reads one file into one SharedArrayBuffer, several workers at once, each filling its own ranges with positional
 * reads. The first touch of fresh memory (page faults) is what makes big reads slow here, and it is taken in parallel.
 * The file's size and mtime are checked again at the end: a file that changed is an error, never a torn Buffer.
 */
export async function readFileWithPool(pool: ParioPool, path: string, abs: string, signal: AbortSignal | undefined): Promise<Buffer> {
  const before = await statRegular(path, abs);
  const result = await readWhole(pool, path, abs, before.size, signal);
  if (!result.ok) throw toFileError(result);
  const after = await statRegular(path, abs);
  const changed = after.size !== before.size || after.mtimeMs !== before.mtimeMs;
  if (changed) throw new FileError(path, FILE_CHANGED, 'file changed while being read');
  return result.data;
}

/** Files below this size are read with one async read; above it, by several workers at once. */
const PARALLEL_READ_MIN = 32 << 20;

/**
 * readFile's one rule, for the handle's call and the plain one alike: a small file (and one whose size says 0, such
 * as those of /proc, which hold more than that) in one async read, a large one by several workers of `onPool`'s pool.
 */
export async function readOneFile(
  path: string, abs: string, signal: AbortSignal | undefined, onPool: (read: (pool: ParioPool) => Promise<Buffer>) => Promise<Buffer>,
): Promise<Buffer> {
  if ((await statRegular(path, abs)).size < PARALLEL_READ_MIN) return readSmallFile(path, abs, signal);
  return onPool((pool) => readFileWithPool(pool, path, abs, signal));
}

/** Small files are cheaper to read on the libuv pool than to split; this is that path (async, never blocking). */
export async function readSmallFile(path: string, abs: string, signal: AbortSignal | undefined): Promise<Buffer> {
  await statRegular(path, abs);
  try {
    return signal === undefined ? await fsReadFile(fsPath(abs)) : await fsReadFile(fsPath(abs), { signal });
  } catch (error) {
    throw asFileError(path, error);
  }
}

export async function statRegular(path: string, abs: string): Promise<{ size: number; mtimeMs: number }> {
  let stats;
  try {
    stats = await stat(fsPath(abs));
  } catch (error) {
    throw asFileError(path, error);
  }
  if (stats.isDirectory()) throw new FileError(path, 'EISDIR', 'Is a directory');
  if (!stats.isFile()) throw new FileError(path, NOT_REGULAR, 'not a regular file');
  if (stats.size > bufferConstants.MAX_LENGTH) {
    throw new FileError(path, 'ERR_FS_FILE_TOO_LARGE', `file is ${stats.size} bytes, larger than the largest Buffer`);
  }
  return { size: stats.size, mtimeMs: stats.mtimeMs };
}

function asFileError(path: string, error: unknown): unknown {
  const err = error as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string' || err.name === 'AbortError') return error;
  const message = /^[A-Z0-9_]+: ([^,]+)/.exec(err.message)?.[1] ?? err.message;
  return new FileError(path, err.code, message);
}
