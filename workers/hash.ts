import { closeSync, readSync } from 'node:fs';
import type { DigestKind } from './algorithms.js';
import { toFailure } from './fail.js';
import { type Hasher, createHasher, hashersReady, prepareHashers } from './hashers.js';
import { HASH_READ_BYTES, type HashEntry, type HashResult, type HashTask } from './hash-protocol.js';
import type { FileRef } from './file-protocol.js';
import { shownPath } from './file-protocol.js';
import { openCharacterDevice, openInput } from './open.js';
import { NOT_REGULAR } from './protocol.js';
import { addProgress } from './progress.js';
import { throwIfStopped } from './stop.js';

/** One read buffer per worker, reused by every task; the bytes never leave this thread. */
const slot = new Uint8Array(new SharedArrayBuffer(HASH_READ_BYTES));

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

type Digests = Partial<Record<DigestKind, string>>;

function hashFile(ref: FileRef, algorithms: readonly DigestKind[], named: boolean): { size: number; digests: Digests } {
  let file: { fd: number; size: number; device?: true };
  try {
    file = openInput(ref);
  } catch (error) {
    if (!named || (error as { code?: string }).code !== NOT_REGULAR) throw error;
    file = { fd: openCharacterDevice(ref), size: 0, device: true };
  }
  const hashers: Hasher[] = [];
  let finished = false;
  try {
    for (const algorithm of algorithms) hashers.push(createHasher(algorithm));
    let position = 0;
    for (;;) {
      throwIfStopped();
      const n = readSync(file.fd, slot, 0, slot.byteLength, file.device === true ? null : position); // a device: where it is
      if (n === 0) break;
      const view = slot.subarray(0, n);
      for (const hasher of hashers) hasher.update(view);
      position += n;
      addProgress(0, n); // as read, so that the progress line moves through a big file
      // A short read that ends exactly at the size fstat gave is the end: no extra read() to see 0 (one syscall per
      // file). Anything else reads on until a read returns 0, as sha256sum does: a file that grew, and the files of
      // /proc, /sys and debugfs, whose size says 0 or 4096 whatever they hold and whose reads stop at 4 KiB.
      if (n < slot.byteLength && file.size > 0 && position === file.size) break;
    }
    const digests: Digests = {};
    algorithms.forEach((algorithm, i) => (digests[algorithm] = hashers[i]?.digest() ?? ''));
    finished = true;
    return { size: position, digests };
  } finally {
    if (!finished) for (const hasher of hashers) hasher.digest(); // hands WASM instances back to their pool
    closeSync(file.fd);
  }
}
