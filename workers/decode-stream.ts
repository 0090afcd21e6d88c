// Streaming decompression in bounded memory: input goes in one chunk at a time, each output chunk is awaited by its
// sink (a file writer's back-pressure, a port's acknowledgement) before the decoder may make the next one, so memory
// stays a few chunks whatever the output size (a 2 GB-of-zeros .zst took 2.2 GB when one input chunk's output was
// queued whole). Data after the end of the compressed data follows the rules of decompressSync().
import { STREAM_CHUNK } from './compress-protocol.js';
import type { Algorithm } from './compress-protocol.js';
import { createDecompressor } from './codecs.js';
import { allZero, decodeError, trailingData, withSize } from './decode-errors.js';
import { readUpTo } from './open.js';
import { throwIfStopped } from './stop.js';

/** Input chunks; a chunk may be reused by the source once next() is called again. null at the end. */
export interface ChunkSource {
  next(): Promise<Uint8Array | null> | Uint8Array | null;
}

/** Consecutive chunks of `fd` from `position`, read into one reused buffer; `position` follows. */
export class FileChunks implements ChunkSource {
  private readonly buffer = Buffer.allocUnsafeSlow(STREAM_CHUNK);
  constructor(private readonly fd: number, public position = 0) {}

  next(): Uint8Array | null {
    const n = readUpTo(this.fd, this.buffer, this.position);
    this.position += n;
    return n === 0 ? null : this.buffer.subarray(0, n);
  }
}

export interface DecodeStreamOptions {
  /** The first bytes of the input (a zlib dictionary id is named from them). */
  readonly head?: Uint8Array;
  /** The input's size when known, for the trailing-data message. */
  readonly size?: number;
}

/**
 * Decodes `source` with `algorithm`, handing each output chunk to `sink` and waiting for it. Resolves with the input
 * and output byte counts. Decoder faults are named by decodeError(); errors of the sink pass through unchanged.
 */
export async function decodeStream(algorithm: Algorithm, source: ChunkSource, sink: (chunk: Buffer) => void | Promise<void>,
  options: DecodeStreamOptions = {}): Promise<{ bytesIn: number; bytesOut: number }> {
  const transform = createDecompressor(algorithm);
  let bytesOut = 0;
  // Output in flowing mode: a sink that returns a promise (a full writer, a port waiting for its acknowledgement)
  // pauses the decoder until it settles; Node's zlib streams and NapiDecompressStream then stop making output.
  let pending: Promise<void> = Promise.resolve();
  const drained = new Promise<void>((resolve, reject) => {
    const fail = (error: unknown): void => {
      reject(error);
      transform.destroy();
    };
    transform.on('data', (chunk: Buffer) => {
      bytesOut += chunk.byteLength;
      let wait: void | Promise<void>;
      try {
        wait = sink(chunk);
      } catch (error) {
        fail(error);
        return;
      }
      if (wait === undefined) return;
      transform.pause();
      pending = wait.then(() => void transform.resume(), fail);
    });
    // 'end' may come while the last chunk's sink is still busy (pause() holds back data, not the end): wait for it
    transform.on('end', () => void pending.then(resolve));
    transform.on('error', (error) => reject(withSize(algorithm, decodeError(algorithm, error, options.head), options.size)));
  });
  drained.catch(() => undefined); // awaited below on every path; never an unhandled rejection meanwhile
  let fed = 0;
  let last: Uint8Array | undefined;
  try {
    for (;;) {
      throwIfStopped();
      const chunk = await source.next();
      if (chunk === null) break;
      const written = new Promise<Error | null>((resolve) => transform.write(chunk, (error) => resolve(error ?? null)));
      const status = await Promise.race([written, drained.then(() => 'ended' as const)]);
      fed += chunk.byteLength;
      last = chunk;
      if (status === 'ended') break;
      if (status !== null) {
        await drained; // rejects with the named fault
        throw decodeError(algorithm, status, options.head);
      }
    }
    transform.end();
    await drained;
    const consumed = transform.bytesWritten;
    if (last === undefined || consumed >= fed) return { bytesIn: fed, bytesOut };
    return { bytesIn: await afterEnd(algorithm, { consumed, fed, last }, source, options.size), bytesOut };
  } finally {
    transform.destroy();
  }
}

/**
 * The decoder ended before its input did (Node's zlib streams stop at the end of the data; `last` is the chunk fed
 * last, holding the end of `consumed` bytes). gzip: NUL bytes to the
 * end are padding; anything else, in every format, is trailing data. Returns the input's size.
 */
async function afterEnd(algorithm: Algorithm, { consumed, fed, last }: { consumed: number; fed: number; last: Uint8Array },
  source: ChunkSource, size?: number): Promise<number> {
  const tail = last.subarray(last.byteLength - (fed - consumed));
  if (algorithm !== 'gzip' || !allZero(tail)) throw trailingData(algorithm, consumed, size);
  let total = fed;
  for (let chunk = await source.next(); chunk !== null; chunk = await source.next()) {
    if (!allZero(chunk)) throw trailingData(algorithm, consumed, size);
    total += chunk.byteLength;
  }
  return total;
}
