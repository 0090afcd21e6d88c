// zstd-napi (the zstd backend where Node has no built-in zstd) with its output bounded, against decompression bombs.
import type { Transform } from 'node:stream';

/** zstd-napi's native binding: a decompression context for bounded streaming into buffers of our own. */
export interface ZstdNapiBinding {
  DCtx: new () => {
    decompressStream(dst: Uint8Array, src: Uint8Array): [returnValue: number, produced: number, consumed: number];
    /** 1 = ZSTD_reset_session_only: drop any half-decoded frame and error state, keep the parameters. */
    reset(directive: number): void;
  };
}

/** One decompression context per worker thread, reset for every input (a new context per file cost page faults). */
let shared: { binding: ZstdNapiBinding; dctx: InstanceType<ZstdNapiBinding['DCtx']> } | undefined;

/**
 * zstd-napi's own decompress() allocates the sum of every frame's declared size before looking at the limit (a
 * bomb of many small frames took gigabytes); this one stops as soon as the output passes `max`.
 */
export function napiDecompress(binding: ZstdNapiBinding, data: Uint8Array, max: number): Buffer {
  if (shared?.binding !== binding) shared = { binding, dctx: new binding.DCtx() };
  const { dctx } = shared;
  dctx.reset(1);
  const chunks: Buffer[] = [];
  let total = 0;
  let rest = data;
  // Output chunks start near the likely size (8× the input) and double up to 4 MiB: a 4 MiB buffer for every small
  // file cost more in page faults than the decoding.
  let chunk = Math.min(Math.max(data.byteLength * 8, 64 << 10), 4 << 20);
  for (;;) {
    const out = Buffer.allocUnsafe(Math.min(max - total + 1, chunk));
    chunk = Math.min(chunk * 2, 4 << 20);
    const [ret, produced, consumed] = dctx.decompressStream(out, rest);
    total += produced;
    if (total > max) throw Object.assign(new Error(`output exceeds the limit of ${max} bytes`), { code: 'ERR_BUFFER_TOO_LARGE' });
    if (produced > 0) chunks.push(out.subarray(0, produced));
    rest = rest.subarray(consumed);
    if (rest.byteLength === 0 && (ret === 0 || produced < out.byteLength)) { // ret 0: the last frame is done and flushed
      if (ret !== 0) throw Object.assign(new Error('truncated zstd frame'), { code: 'ERR_PARIO_CORRUPT' });
      return Buffer.concat(chunks, total);
    }
    if (produced === 0 && consumed === 0) throw Object.assign(new Error('zstd decoder made no progress'), { code: 'ERR_PARIO_CORRUPT' });
  }
}

/**
 * zstd-napi's DecompressStream decodes a whole written chunk in one loop, pushing as it goes: after the consumer
 * destroyed it (an output limit reached) it would go on inflating the rest of the chunk. Stop it at its next push.
 */
export function stopWhenDestroyed(stream: Transform): Transform {
  const push = stream.push.bind(stream);
  stream.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (stream.destroyed) throw new Error('destroyed');
    return push(chunk, encoding);
  };
  return stream;
}
