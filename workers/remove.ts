// --rm: an input is removed only when its name still names the file that was read. Between the read and the unlink
// someone may rename another file over the name, or append to it; unlinking by name would then lose data.
import { lstatSync, openSync, readSync, closeSync, statSync, unlinkSync } from 'node:fs';
import { at } from './at.js';
import type { DirRef, FileRef } from './file-protocol.js';
import { CodedError } from './open.js';
import type { SourceMeta } from './open.js';
import { FILE_CHANGED } from './protocol.js';

/**
 * Removes the input `ref` names if it is still the file that was read: same device, inode, size and mtime, looked
 * up through the same folder handle just before the unlink. Otherwise nothing is removed and it throws
 * FILE_CHANGED (the caller reports the file; its outputs stay, they hold what was read).
 */
export function removeInput(ref: FileRef, read: SourceMeta): void {
  gate('remove');
  const look = ref.follow ? statSync : lstatSync;
  const now = at(ref.dir, ref.name, (path) => look(path, { throwIfNoEntry: false }));
  if (now === undefined) throw new CodedError(FILE_CHANGED, 'was moved or removed after it was read; nothing removed');
  if (now.dev !== read.dev || now.ino !== read.ino) {
    throw new CodedError(FILE_CHANGED, 'was replaced after it was read; the new file is kept (not removed)');
  }
  if (now.size !== read.size || now.mtimeMs !== read.mtimeMs) {
    throw new CodedError(FILE_CHANGED, `changed after it was read (${read.size} bytes read, ${now.size} now); kept, not removed`);
  }
  at(ref.dir, ref.name, unlinkSync);
}

/**
 * Test seam, off unless PARIO_TEST_GATE_<POINT> names a FIFO: the step waits there until the test has written to
 * it, so a test can change a file at exactly this point (no sleep racing the run).
 */
function gate(point: string): void {
  const fifo = process.env[`PARIO_TEST_GATE_${point.toUpperCase()}`];
  if (fifo === undefined || fifo === '') return;
  const fd = openSync(fifo, 'r');
  try {
    readSync(fd, Buffer.alloc(1), 0, 1, null);
  } finally {
    closeSync(fd);
  }
}

/** Removes one of pario's temp files by its name in a folder handle (the name itself: a link there is not followed). */
export function removeTemp(dir: DirRef | null, name: string): boolean {
  try {
    at(dir, name, unlinkSync);
    return true;
  } catch {
    return false; // gone already (another sweep), or not ours to remove: it stays
  }
}
