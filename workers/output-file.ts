// Atomic output files, the one way pario writes one (every job kind, and the main thread's big-file path): a temp
// file created in the output's folder through its handle, owner, mode and mtime copied, renamed into place only when
// complete. Per output: one lstat of the final name, one create, one utimes, one rename (a chown as root; a chmod
// only when the umask ate mode bits).
import { closeSync, constants, fstatSync, fsyncSync, futimesSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { at, pathAt } from './at.js';
import type { DirRef, FileRef, OutputId } from './file-protocol.js';
import { shownPath } from './file-protocol.js';
import type { SourceMeta } from './open.js';
import { CodedError } from './open.js';
import { copyOwnerAndMode, createMode } from './owner.js';
import { tempName, tempPathFor } from './temp-name.js';
import { fsPath } from './names.js';

export type { SourceMeta } from './open.js';

export interface TempFile {
  /** -1 once closed. */
  fd: number;
  /** The temp file's name in `out.dir` (its path when `out.dir` is null). */
  readonly temp: string;
  readonly out: FileRef;
}

export interface CommitOptions {
  /** fsync the file before and its folder after the rename. */
  readonly fsync: boolean;
  /** Say which file was written (inode and size), for a manifest. */
  readonly identify?: boolean;
}

/** O_EXCL: never opens an existing file or follows a planted link; O_NOFOLLOW for good measure. */
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Looks at the final name without following a link. 'free': nothing there; 'exists': something (kept unless -f);
 * 'ours': the file pario recorded writing there (`owned`: same inode and size), which a changed input may replace.
 * Throws when the name is a folder or is the input itself (never write over the input).
 */
export function checkTarget(out: FileRef, source: SourceMeta, owned?: OutputId): 'free' | 'exists' | 'ours' {
  if (out.fail !== undefined) throw new CodedError(out.fail.code, out.fail.message);
  // throwIfNoEntry: a missing output is the common case, and building an ENOENT error costs more than the call.
  const st = at(out.dir, out.name, (path) => lstatSync(path, { throwIfNoEntry: false }));
  if (st === undefined) return 'free';
  const shown = shownPath(out);
  if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: output name is a directory, '${shown}'`), { code: 'EISDIR', path: shown });
  if (st.dev === source.dev && st.ino === source.ino) {
    const code = 'ERR_PARIO_SAME_FILE';
    throw Object.assign(new Error(`${code}: output would overwrite the input, '${shown}'`), { code, path: shown });
  }
  return owned !== undefined && st.isFile() && st.ino === owned.ino && st.size === owned.size ? 'ours' : 'exists';
}

export function openTemp(out: FileRef, source: SourceMeta): TempFile {
  if (out.fail !== undefined) throw new CodedError(out.fail.code, out.fail.message);
  const temp = out.dir === null ? tempPathFor(out.name) : tempName(out.name);
  const fd = at(out.dir, temp, (path) => openSync(path, CREATE, createMode(source)), (made) => discard(out.dir, temp, made));
  return { fd, temp, out };
}

export function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset);
}

/** Copies owner, mode and mtime (sub-second), optionally fsyncs, closes and renames into place. */
export function commitTemp(file: TempFile, source: SourceMeta, options: CommitOptions): OutputId | undefined {
  copyOwnerAndMode(file.fd, source);
  futimesSync(file.fd, source.atimeMs / 1000, source.mtimeMs / 1000);
  const id = options.identify === true ? identity(file.fd) : undefined;
  if (options.fsync) fsyncSync(file.fd);
  const fd = file.fd;
  file.fd = -1;
  closeSync(fd);
  const { dir, name } = file.out;
  // rename() replaces a link at the final name, it never follows it; both names resolve through the same handle.
  at(dir, file.temp, (temp) => renameSync(temp, pathAt(dir, name)));
  if (options.fsync) syncFolder(dir, name);
  return id;
}

function identity(fd: number): OutputId {
  const st = fstatSync(fd);
  return { ino: st.ino, size: st.size };
}

/** fsync()s the folder an output was renamed into. */
export function syncFolder(dir: DirRef | null, name: string): void {
  const read = constants.O_RDONLY | constants.O_DIRECTORY;
  const fd = dir === null ? openSync(fsPath(dirname(name)), read) : at(dir, '', (path) => openSync(path, read));
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Closes and removes a temp file after a failure; never throws. */
export function discardTemp(file: TempFile): void {
  const fd = file.fd;
  file.fd = -1;
  discard(file.out.dir, file.temp, fd);
}

function discard(dir: DirRef | null, temp: string, fd: number): void {
  if (fd >= 0) {
    try {
      closeSync(fd);
    } catch { /* nothing more to do */ }
  }
  try {
    at(dir, temp, unlinkSync);
  } catch { /* already gone, or the folder moved: its sweep finds it */ }
}

/** Writes one complete output atomically. The caller has checked the target with checkTarget(). */
export function writeOutput(
  out: FileRef, parts: readonly Uint8Array[], source: SourceMeta, options: CommitOptions,
): { bytes: number; id?: OutputId } {
  const file = openTemp(out, source);
  let bytes = 0;
  let id: OutputId | undefined;
  try {
    for (const part of parts) {
      writeAll(file.fd, part);
      bytes += part.byteLength;
    }
    id = commitTemp(file, source, options);
  } catch (error) {
    discardTemp(file);
    throw error;
  }
  return id === undefined ? { bytes } : { bytes, id };
}
