// Job kind `encode`: -c/--stdout. One file compressed or decompressed whole; the bytes go back in shared memory
// (never structured-cloned), for the main thread to write to stdout.
import { readFileSync } from 'node:fs';
import { compressSync, decompressSync, detectFormat } from './codecs.js';
import type { EncodeResult, EncodeTask } from './compress-protocol.js';
import { describe } from './input-file.js';

export function encode(task: EncodeTask): EncodeResult {
  try {
    const data = readFileSync(task.abs);
    let out: Buffer;
    if (task.spec !== undefined) {
      out = compressSync(task.spec.algorithm, data, task.spec.level);
    } else {
      const algorithm = detectFormat(data.subarray(0, 18), task.abs);
      if (algorithm === null) return { ok: false, path: task.path, code: 'ERR_PARIO_UNKNOWN_FORMAT', message: 'not in a known compressed format (gzip, zlib, zstd, or .br)' };
      out = decompressSync(algorithm, data, Math.min(task.maxOutput, 2 ** 32 - 1));
    }
    const shared = new SharedArrayBuffer(out.byteLength);
    new Uint8Array(shared).set(out);
    return { ok: true, data: shared };
  } catch (error) {
    return { ok: false, path: task.path, ...describe(error) };
  }
}
