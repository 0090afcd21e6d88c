// Job kind `encode`: -c/--stdout. One file compressed whole, the bytes back in shared memory (never structured-cloned)
// for the main thread to write to stdout; or decompressed in bounded memory through a port (decode-port.ts).
import { compressTransient } from './codecs.js';
import type { EncodeResult, EncodeTask } from './compress-protocol.js';
import { decodeToPort } from './decode-port.js';
import { assertUnchanged, closeQuietly, describe } from './input-file.js';
import type { FileRef } from './file-protocol.js';
import { namedRef } from './file-protocol.js';
import { openInput, readUpTo } from './open.js';
import { loadLibdeflate } from './libdeflate.js';

await loadLibdeflate();

export async function encode(task: EncodeTask): Promise<EncodeResult> {
  if (task.spec === undefined) {
    if (task.port === undefined || task.ring === undefined) {
      return { ok: false, path: task.path, code: 'ERR_INVALID_ARG_VALUE', message: 'decompress -c needs a port and a ring' };
    }
    return decodeToPort(task, task.port, task.ring);
  }
  try {
    const out = compressTransient(task.spec.algorithm, readRegular(task.at ?? namedRef(task.abs)), task.spec.level); // copied below
    const shared = new SharedArrayBuffer(out.byteLength);
    new Uint8Array(shared).set(out);
    return { ok: true, data: shared };
  } catch (error) {
    return { ok: false, path: task.path, ...describe(error) };
  }
}

/**
 * The whole file, read like every other codec input: a FIFO, socket or device is refused (never opened for a
 * blocking read, never read without end), and a file that changes while read fails with ERR_FILE_CHANGED.
 */
function readRegular(ref: FileRef): Buffer {
  const input = openInput(ref);
  try {
    const data = Buffer.allocUnsafe(input.size);
    const n = readUpTo(input.fd, data, 0);
    assertUnchanged(input, n);
    return data;
  } finally {
    closeQuietly(input.fd);
  }
}
