import { closeSync } from 'node:fs';
import { toFailure } from './fail.js';
import { shownPath } from './file-protocol.js';
import { assertEnd, openInput, readAt } from './open.js';
import type { InputFile } from './open.js';
import { addProgress } from './progress.js';
import type { ReadBatchEntry, ReadBatchResult, ReadBatchTask } from './protocol.js';

/**
 * Reads a batch of small files whole into one fresh SharedArrayBuffer, sized from fstat. The main thread gets views of
 * it: the bytes are shared, never copied or cloned. Files above `largeThreshold` are handed back for a ranged read;
 * files that would overflow `maxBytes` are handed back for a later batch.
 */
export function read(task: ReadBatchTask): ReadBatchResult {
  const entries: ReadBatchEntry[] = [];
  const opened: { index: number; file: InputFile; offset: number }[] = [];
  let total = 0;
  task.files.forEach((ref, index) => {
    let file: InputFile;
    try {
      file = openInput(ref);
    } catch (error) {
      entries.push({ ...toFailure(shownPath(ref), error), index });
      return;
    }
    const tooLarge = file.size > task.largeThreshold;
    if (tooLarge || (total > 0 && total + file.size > task.maxBytes)) {
      closeSync(file.fd);
      entries.push({ ok: tooLarge ? 'large' : 'deferred', index, size: file.size });
      return;
    }
    opened.push({ index, file, offset: total });
    total += file.size;
  });
  const buffer = opened.length === 0 ? null : new SharedArrayBuffer(total);
  let bytes = 0;
  let failures = 0;
  for (const { index, file, offset } of opened) {
    try {
      if (buffer !== null) readAt(file.fd, new Uint8Array(buffer, offset, file.size), 0);
      assertEnd(file.fd, file.size);
      entries.push({ ok: true, index, offset, size: file.size });
      bytes += file.size;
    } catch (error) {
      const ref = task.files[index];
      entries.push({ ...toFailure(ref === undefined ? '' : shownPath(ref), error), index });
      failures += 1;
    } finally {
      closeSync(file.fd);
    }
  }
  addProgress(opened.length - failures, bytes, 0, entries.filter((e) => e.ok === false).length);
  return { buffer, entries };
}
