import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { FILE_CHANGED, NOT_REGULAR } from './protocol.js';

export interface OpenFile {
  readonly fd: number;
  readonly size: number;
  readonly mtimeNs: bigint;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly mode: number;
}

/** A condition a worker reports as a failure, with a stable code. */
export class FileError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * Opens a path for reading and fstat()s it. O_NONBLOCK keeps a FIFO from blocking the open; anything that is not a
 * regular file is closed again and refused, so it is never read.
 */
export function openRegular(path: string): OpenFile {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd, { bigint: true });
    if (stats.isDirectory()) throw Object.assign(new Error('Is a directory'), { code: 'EISDIR', syscall: 'read' });
    if (!stats.isFile()) throw new FileError(NOT_REGULAR, `not a regular file (${kindOf(stats)}), skipped`);
    return {
      fd,
      size: Number(stats.size),
      mtimeNs: stats.mtimeNs,
      mtimeMs: Number(stats.mtimeNs / 1_000_000n),
      ino: Number(stats.ino),
      mode: Number(stats.mode),
    };
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
  if (done < view.byteLength) throw new FileError(FILE_CHANGED, `file shrank while being read (expected ${view.byteLength} bytes from ${position}, got ${done})`);
}

const PROBE = new Uint8Array(1);

/** True when a read at `size` finds the end of the file (one 1-byte read). */
export function endsAt(fd: number, size: number): boolean {
  return readSync(fd, PROBE, 0, 1, size) === 0;
}

/** After reading `size` bytes, one more read at `size` must find the end: a longer file changed under us. */
export function assertEnd(fd: number, size: number): void {
  if (!endsAt(fd, size)) throw new FileError(FILE_CHANGED, `file grew while being read (fstat said ${size} bytes)`);
}

/**
 * Opens a character device named explicitly (`pario hash /dev/null`, a check line naming one), as sha256sum reads
 * it: sequential reads to the end. Anything else is refused as openRegular refuses it. Walks never yield devices.
 */
export function openCharacterDevice(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) throw new FileError(NOT_REGULAR, `not a regular file (${kindOf(stats)}), skipped`);
    return fd;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
