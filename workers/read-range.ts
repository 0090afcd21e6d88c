import { closeSync } from 'node:fs';
import { failure, toFailure } from './fail.js';
import { shownPath } from './file-protocol.js';
import { openInput, readAt } from './open.js';
import { addProgress } from './progress.js';
import { FILE_CHANGED } from './protocol.js';
import type { ReadRangeResult, ReadRangeTask } from './protocol.js';
import { throwIfStopped } from './stop.js';

/** Largest single readSync: big enough to amortise the call, small enough to stay in cache while copying. */
const STEP = 8 << 20;

/** Fills one range of the caller's SharedArrayBuffer with positional reads. */
export function readRange(task: ReadRangeTask): ReadRangeResult {
  let fd: number | undefined;
  try {
    const file = openInput(task.at);
    fd = file.fd;
    if (file.size !== task.expectedSize) {
      return failure(shownPath(task.at), FILE_CHANGED, `file changed size while being read (${task.expectedSize} → ${file.size} bytes)`);
    }
    for (let done = 0; done < task.length; done += STEP) {
      throwIfStopped();
      const length = Math.min(STEP, task.length - done);
      readAt(file.fd, new Uint8Array(task.target, task.offset + done, length), task.position + done);
    }
    addProgress(0, task.length);
    return { ok: true, bytes: task.length };
  } catch (error) {
    return toFailure(shownPath(task.at), error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
