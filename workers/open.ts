// Opening inputs: the one way pario opens a file to read it (every job kind, and the main thread's big-file path).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { at } from './at.js';
import type { FileRef } from './file-protocol.js';
import { SYMLINK } from './file-protocol.js';
import { FILE_CHANGED, NOT_REGULAR } from './protocol.js';

/** What fstat() said of an input when it was opened: outputs copy it, --rm and the end of reading compare with it. */
export interface SourceMeta {
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly nlink: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly dev: number;
  readonly ino: number;
}

export interface InputFile extends SourceMeta {
  readonly fd: number;
}

/** A condition a worker reports as a failure, with a stable code. */
export class CodedError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** O_NONBLOCK keeps a FIFO from blocking the open; it is then refused as not a regular file. */
const READ = constants.O_RDONLY | constants.O_NONBLOCK;

/**
 * Opens an input through its folder handle and fstat()s it. The final component is never followed unless the ref
 * says so (a name the user gave, or --follow): a link there fails with ELOOP. Anything that is not a regular file
 * is closed again and refused, so it is never read.
 */
export function openInput(ref: FileRef): InputFile {
  if (ref.fail !== undefined) throw new CodedError(ref.fail.code, ref.fail.message);
  let fd: number;
  try {
    fd = at(ref.dir, ref.name, (path) => openSync(path, ref.follow ? READ : READ | constants.O_NOFOLLOW), closeSync);
  } catch (error) {
    if (!ref.follow && (error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new CodedError(SYMLINK, 'is a symbolic link, not followed (--follow follows links)');
    }
    throw error;
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) {
      throw Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR', syscall: 'read' });
    }
    if (!st.isFile()) throw new CodedError(NOT_REGULAR, `not a regular file (${kindOf(st)}), skipped`);
    const { size, mode, uid, gid, nlink, atimeMs, mtimeMs, dev, ino } = st;
    return { fd, size, mode, uid, gid, nlink, atimeMs, mtimeMs, dev, ino };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function kindOf(stats: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}

/** Reads up to `view.byteLength` bytes from `position` with positional reads; returns the count (short only at EOF). */
export function readUpTo(fd: number, view: Uint8Array, position: number): number {
  let done = 0;
  while (done < view.byteLength) {
    const n = readSync(fd, view, done, view.byteLength - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** Reads exactly `view.byteLength` bytes from `position` with positional reads; a short file is FILE_CHANGED. */
export function readAt(fd: number, view: Uint8Array, position: number): void {
  const done = readUpTo(fd, view, position);
  if (done < view.byteLength) {
    throw new CodedError(FILE_CHANGED, `file shrank while being read (expected ${view.byteLength} bytes from ${position}, got ${done})`);
  }
}

const PROBE = new Uint8Array(1);

/** True when a read at `size` finds the end of the file (one 1-byte read). */
export function endsAt(fd: number, size: number): boolean {
  return readSync(fd, PROBE, 0, 1, size) === 0;
}

/** After reading `size` bytes, one more read at `size` must find the end: a longer file changed under us. */
export function assertEnd(fd: number, size: number): void {
  if (!endsAt(fd, size)) throw new CodedError(FILE_CHANGED, `file grew while being read (fstat said ${size} bytes)`);
}

/**
 * Opens a character device named explicitly (`pario hash /dev/null`, a check line naming one), as sha256sum reads
 * it: sequential reads to the end. Anything else is refused as openInput refuses it. Walks never yield devices.
 */
export function openCharacterDevice(ref: FileRef): number {
  const fd = at(ref.dir, ref.name, (path) => openSync(path, ref.follow ? READ : READ | constants.O_NOFOLLOW), closeSync);
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) throw new CodedError(NOT_REGULAR, `not a regular file (${kindOf(stats)}), skipped`);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
