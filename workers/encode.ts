// Job kind `encode`: -c/--stdout. One file compressed or decompressed whole; the bytes go back in shared memory
// (never structured-cloned), for the main thread to write to stdout.
import { compressSync, decompressSync, detectFormat, outputLimit, outputTooLarge } from './codecs.js';
import type { EncodeResult, EncodeTask } from './compress-protocol.js';
import { assertUnchanged, closeQuietly, describe, openInput } from './input-file.js';
import { readUpTo } from './open.js';
import { loadLibdeflate } from './libdeflate.js';

await loadLibdeflate();

export function encode(task: EncodeTask): EncodeResult {
  try {
    const data = readRegular(task.abs);
    let out: Buffer;
    if (task.spec !== undefined) {
      out = compressSync(task.spec.algorithm, data, task.spec.level);
    } else {
      const algorithm = detectFormat(data.subarray(0, 18), task.abs);
      if (algorithm === null) return { ok: false, path: task.path, code: 'ERR_PARIO_UNKNOWN_FORMAT', message: 'not in a known compressed format (gzip, zlib, zstd, or .br)' };
      const limit = outputLimit(task.maxOutput, data.byteLength);
      try {
        out = decompressSync(algorithm, data, Math.min(limit, 2 ** 32 - 1));
      } catch (error) {
        const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' && limit < 2 ** 32 - 1;
        throw tooLarge ? outputTooLarge(limit, task.maxOutput !== null) : error;
      }
    }
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
function readRegular(path: string): Buffer {
  const input = openInput(path);
  try {
    const data = Buffer.allocUnsafe(input.size);
    const n = readUpTo(input.fd, data, 0);
    assertUnchanged(input, n);
    return data;
  } finally {
    closeQuietly(input.fd);
  }
}
