// One compressed file decoded, for `decompress`, `test` and `decompress -c`: the format from its magic bytes, then a
// small file in one sync call (its output verified whole before anyone sees it), a larger one streamed in bounded
// memory. The output limit against decompression bombs applies on both paths.
import type { Algorithm } from './compress-protocol.js';
import { DECODE_WHOLE_MAX, MEMORY_OUTPUT_MAX } from './compress-protocol.js';
import { decompressSync, detectFormat, gzipTrailerSize, outputLimit, outputTooLarge, zstdContentSize } from './codecs.js';
import { decodeStream, FileChunks } from './decode-stream.js';
import { unknownFormat } from './decode-errors.js';
import { assertUnchanged, readWhole } from './input-file.js';
import type { InputFile } from './input-file.js';
import { readUpTo } from './open.js';

export interface Compressed {
  readonly algorithm: Algorithm;
  /** The first bytes (up to 18; a view of `whole` when there is one). */
  readonly head: Uint8Array;
  /** A small input read whole to find its format (valid until this thread reads another input): decodeInMemory's bytes. */
  readonly whole?: Uint8Array;
}

/**
 * The format of an open input; throws ERR_PARIO_UNKNOWN_FORMAT naming what it is when that is known. An input that
 * decodeInMemory takes is read whole here: one read a file, not a read of its head and then of all of it.
 */
export function formatOf(input: InputFile, name: string): Compressed {
  const whole = input.size > 0 && input.size <= DECODE_WHOLE_MAX ? readWhole(input) : undefined;
  const head = whole?.subarray(0, 18) ?? readHead(input.fd);
  const algorithm = detectFormat(head, name);
  if (algorithm === null) throw unknownFormat(head);
  return whole === undefined ? { algorithm, head } : { algorithm, head, whole };
}

/** The first 18 bytes of an input too big to read whole. */
function readHead(fd: number): Uint8Array {
  const first = new Uint8Array(18);
  return first.subarray(0, readUpTo(fd, first, 0));
}

/**
 * The whole output when the input is small and its output fits in MEMORY_OUTPUT_MAX; null when it has to be streamed
 * (a zstd frame or gzip member that says it is larger, or an output that did not fit).
 */
export function decodeInMemory(input: InputFile, { algorithm, whole }: Compressed, maxOutput: number | null): Buffer | null {
  if (input.size > DECODE_WHOLE_MAX) return null;
  const data = whole ?? readWhole(input);
  assertUnchanged(input, data.byteLength); // bytes of two versions would decode to garbage or a false 'corrupt'
  const limit = outputLimit(maxOutput, input.size);
  const cap = Math.min(limit, MEMORY_OUTPUT_MAX);
  const declared = algorithm === 'zstd' ? zstdContentSize(data) : null; // a frame that says its size (not every one does)
  if (declared !== null && declared > cap) return null;
  // gzip's trailer: a hint only (other members, padding or a lie fall back below)
  if (algorithm === 'gzip' && gzipTrailerSize(data) > cap) return null;
  let out: Buffer;
  try {
    out = decompressSync(algorithm, data, cap);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
    if (limit <= MEMORY_OUTPUT_MAX) throw outputTooLarge(limit, maxOutput !== null);
    return null;
  }
  if (out.byteLength > limit) throw outputTooLarge(limit, maxOutput !== null);
  return out;
}

/** Streams the input's output to `sink` (each chunk awaited), refusing it past the limit. Resolves with its size. */
export async function decodeChunks(input: InputFile, { algorithm, head }: Compressed, maxOutput: number | null,
  sink: (chunk: Buffer) => void | Promise<void>): Promise<number> {
  const limit = outputLimit(maxOutput, input.size);
  let bytes = 0;
  const { bytesIn } = await decodeStream(algorithm, new FileChunks(input.fd), (chunk) => {
    bytes += chunk.byteLength;
    if (bytes > limit) throw outputTooLarge(limit, maxOutput !== null);
    return sink(chunk);
  }, { head, size: input.size });
  assertUnchanged(input, bytesIn);
  return bytes;
}
