// compressStream() and compressBuffer(): inputs already in memory or arriving over a pipe, cut into ring slots by the
// main thread and compressed by the same block tasks (`cat x | pario compress -c > x.gz`).
import type { Readable, Writable } from 'node:stream';
import { OptionError } from '../errors.js';
import { abortable } from '../read/whole.js';
import type { EncodeSummary } from './encode.js';
import { encodeBlocks } from './encode.js';
import { endStream, withStreamWriter } from './io.js';
import type { BigFileOptions } from './options.js';
import { resolveBigFileOptions, windowSize } from './options.js';
import { withPool } from './pool.js';
import { SlotRing } from './ring.js';
import { ringRanges, streamRanges } from './sources.js';

export interface CompressStreamOptions extends BigFileOptions {
  /** End `writable` when done (like stream.pipeline). Pass false for process.stdout. @default true */
  readonly end?: boolean;
}

/**
 * Compress everything `readable` yields into `writable`, block-parallel, with bounded memory. The signal also ends a
 * wait for input (a pipe whose writer is idle): the call rejects with an AbortError and `readable` is destroyed.
 */
export async function compressStream(
  readable: Readable | AsyncIterable<Uint8Array | string>, writable: Writable, options: CompressStreamOptions = {},
): Promise<EncodeSummary> {
  const resolved = resolveBigFileOptions(options);
  return withStreamWriter(writable, async (write) => {
    const summary = await withPool(resolved, (pool) => {
      const ring = new SlotRing(windowSize(pool.jobs) + 2, resolved.blockSize);
      return encodeBlocks(streamRanges('-', abortable(readable, resolved.signal), ring, resolved.restart), pool, resolved, write);
    });
    if (options.end !== false) await endStream(writable);
    return summary;
  });
}

/** Compress a buffer in memory; the result is byte-identical to compressFile() of the same bytes. */
export async function compressBuffer(data: Uint8Array, options: BigFileOptions = {}): Promise<Buffer> {
  if (!(data instanceof Uint8Array)) throw new OptionError('data', 'a Buffer or Uint8Array', data);
  const resolved = resolveBigFileOptions(options);
  const pieces: Uint8Array[] = [];
  await withPool(resolved, (pool) => {
    const ring = new SlotRing(windowSize(pool.jobs), resolved.blockSize);
    const copyInto = (view: Uint8Array, position: number): Promise<void> => {
      view.set(data.subarray(position, position + view.byteLength));
      return Promise.resolve();
    };
    return encodeBlocks(ringRanges('<buffer>', data.byteLength, ring, copyInto, resolved.restart), pool, resolved, (bytes) => {
      pieces.push(bytes);
    });
  });
  return Buffer.concat(pieces);
}
