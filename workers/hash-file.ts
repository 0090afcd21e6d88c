// One file hashed with every requested algorithm from one pass of positional reads (the `hash` and `hashTree` jobs).
import { closeSync, readSync } from 'node:fs';
import type { DigestKind } from './algorithms.js';
import { type Hasher, createHasher } from './hashers.js';
import { HASH_READ_BYTES } from './hash-protocol.js';
import type { FileRef } from './file-protocol.js';
import { openCharacterDevice, openInput } from './open.js';
import { NOT_REGULAR } from './protocol.js';
import { addProgress } from './progress.js';
import { throwIfStopped } from './stop.js';

/**
 * One read buffer per worker, reused by every task. The bytes never leave this thread, so it is plain memory, not
 * shared: node:crypto's and the napi hashers' update() of a view of a SharedArrayBuffer cost ~5 µs more a call (4 KiB:
 * sha256 9.9 against 3.7 µs, BLAKE3 11.5 against 6.3), a quarter second of CPU over the Python installation's files.
 */
const slot = new Uint8Array(HASH_READ_BYTES);

export type Digests = Partial<Record<DigestKind, string>>;

export function hashFile(ref: FileRef, algorithms: readonly DigestKind[], named: boolean): { size: number; digests: Digests } {
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
