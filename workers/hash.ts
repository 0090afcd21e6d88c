import { toFailure } from './fail.js';
import { hashersReady, prepareHashers } from './hashers.js';
import { hashFile } from './hash-file.js';
import type { HashEntry, HashResult, HashTask } from './hash-protocol.js';
import { shownPath } from './file-protocol.js';
import { addProgress } from './progress.js';

export { hashTree } from './hash-tree.js';

/**
 * The `hash` job: hashes each file of the batch with every requested algorithm from one pass of positional reads.
 * Like sha256sum it reads to end of file (so a file that grows while read is hashed as far as it went) and reports
 * the bytes hashed as `size`. Per-file failures are data, never thrown.
 */
export function hash(task: HashTask): HashResult | Promise<HashResult> {
  if (!hashersReady(task.algorithms)) return prepareHashers(task.algorithms).then(() => hashBatch(task));
  return hashBatch(task);
}

function hashBatch(task: HashTask): HashResult {
  const entries: HashEntry[] = [];
  let total = 0;
  let files = 0;
  let failures = 0;
  const named = task.named === true || task.named === undefined ? undefined : new Set(task.named);
  task.files.forEach((ref, index) => {
    if (total > 0 && total >= task.maxBytes) {
      entries.push({ ok: 'deferred', index });
      return;
    }
    try {
      const { size, digests } = hashFile(ref, task.algorithms, task.named === true || named?.has(index) === true);
      entries.push({ ok: true, index, size, digests });
      total += size;
      files += 1;
    } catch (error) {
      entries.push({ ...toFailure(shownPath(ref), error), index });
      failures += 1;
    }
  });
  addProgress(files, 0, 0, failures); // their bytes were counted as they were read
  return { entries };
}
