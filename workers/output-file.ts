// Atomic output files: a temp file in the target folder, mode and mtime copied, renamed into place only when complete.
// Per output: one lstat of the final name, one create, one utimes, one rename (fchmod only when the umask ate mode bits).
import {
  closeSync, fchmodSync, fsyncSync, futimesSync, lstatSync, openSync, renameSync, unlinkSync, writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { tempPathFor } from './temp-name.js';

export interface SourceMeta {
  readonly mode: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly dev: number;
  readonly ino: number;
}
export interface TempFile {
  /** -1 once closed. */
  fd: number;
  readonly temp: string;
  readonly final: string;
}

const UMASK = process.umask();

function fsError(code: string, message: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${message}, '${path}'`), { code, path });
}

/**
 * Looks at the final name without following a symlink. Returns 'free' or 'exists'; throws when the name is a
 * directory or is the input itself (never write over the input).
 */
export function checkTarget(final: string, source: SourceMeta): 'free' | 'exists' {
  // throwIfNoEntry: a missing output is the common case, and building an ENOENT error costs more than the call.
  const st = lstatSync(final, { throwIfNoEntry: false });
  if (st === undefined) return 'free';
  if (st.isDirectory()) throw fsError('EISDIR', 'output name is a directory', final);
  if (st.dev === source.dev && st.ino === source.ino) throw fsError('ERR_PARIO_SAME_FILE', 'output would overwrite the input', final);
  return 'exists';
}

export function openTemp(final: string, mode: number): TempFile {
  const temp = tempPathFor(final);
  // 'wx' = O_CREAT|O_EXCL: never opens an existing file or follows a planted symlink.
  const fd = openSync(temp, 'wx', mode & 0o777);
  return { fd, temp, final };
}

export function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset);
}

/** Copies mode and mtime (sub-second), optionally fsyncs, closes and renames into place. */
export function commitTemp(file: TempFile, source: SourceMeta, fsync: boolean): void {
  const mode = source.mode & 0o7777;
  if ((mode & UMASK) !== 0 || mode > 0o777) fchmodSync(file.fd, mode);
  futimesSync(file.fd, source.atimeMs / 1000, source.mtimeMs / 1000);
  if (fsync) fsyncSync(file.fd);
  const fd = file.fd;
  file.fd = -1;
  closeSync(fd);
  // rename() replaces a symlink at the final name, it never follows it.
  renameSync(file.temp, file.final);
  if (fsync) syncFolder(dirname(file.final));
}

export function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Closes and removes a temp file after a failure; never throws. */
export function discardTemp(file: TempFile): void {
  if (file.fd >= 0) {
    const fd = file.fd;
    file.fd = -1;
    try {
      closeSync(fd);
    } catch { /* nothing more to do */ }
  }
  try {
    unlinkSync(file.temp);
  } catch { /* already gone */ }
}

/** Writes one complete output atomically. The caller has checked the target with checkTarget(). */
export function writeOutput(final: string, parts: readonly Uint8Array[], source: SourceMeta, fsync: boolean): number {
  const file = openTemp(final, source.mode);
  let bytes = 0;
  try {
    for (const part of parts) {
      writeAll(file.fd, part);
      bytes += part.byteLength;
    }
    commitTemp(file, source, fsync);
  } catch (error) {
    discardTemp(file);
    throw error;
  }
  return bytes;
}
