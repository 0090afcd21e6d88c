// The block-parallel encoder: block tasks on the pool, results written in order behind one header,
// the trailer's check value combined from per-block values (crc32_combine / adler32_combine).
import type { BlockResult, DeflateBlockTask, OutputSlot, ZstdBlockTask } from '../../workers/blocks-protocol.js';
import { FileError, throwIfAborted } from '../errors.js';
import { adler32Combine, crc32Combine } from '../../workers/checksum-combine.js';
import { gzipHeader, gzipTrailer, zlibHeader, zlibTrailer } from './container.js';
import { IndexBuilder } from './gzip-index.js';
import type { BlockPool, ResolvedBigFileOptions } from './options.js';
import { windowSize } from './options.js';
import { runTasksInOrder } from '../pool/tasks.js';
import { OutputSlots } from './ring.js';
import type { SourceBlock } from './sources.js';

/** Receives output pieces in order. */
export type WritePiece = (bytes: Uint8Array) => Promise<void> | void;

/**
 * How compressed blocks come back. 'moved': each in its own fresh ArrayBuffer, the writer may keep it.
 * 'slots': workers copy into a ring of shared output slots (no allocation, no transfer); a piece is only valid until
 * `write` resolves, so use it only with writers that are done with the bytes by then (positional file writes).
 */
export type OutputMode = 'moved' | 'slots';

export interface EncodeSummary {
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly blocks: number;
  /** CRC-32 (gzip), Adler-32 (zlib) of the whole input; 0 for raw and zstd. */
  readonly check: number;
}

const MAX_SLOT_BYTES = 256 * 1024 * 1024;

export async function encodeBlocks(
  source: AsyncIterable<SourceBlock> | Iterable<SourceBlock>,
  pool: BlockPool,
  options: ResolvedBigFileOptions,
  write: WritePiece,
  outputMode: OutputMode = 'moved',
): Promise<EncodeSummary> {
  const { format, level, signal } = options;
  throwIfAborted(signal);
  const checkKind = format === 'gzip' ? 'crc32' : format === 'zlib' ? 'adler32' : 'none';
  let bytesIn = 0;
  let bytesOut = 0;
  let blocks = 0;
  let check = format === 'zlib' ? 1 : 0;
  const put = async (bytes: Uint8Array): Promise<void> => {
    if (bytes.byteLength === 0) return;
    bytesOut += bytes.byteLength;
    await write(bytes);
  };
  if (format === 'gzip') {
    const header = options.name === undefined ? { mtime: options.mtime } : { mtime: options.mtime, name: options.name };
    await put(gzipHeader(level, header));
  }
  if (format === 'zlib') await put(zlibHeader(level));

  const limit = windowSize(pool.jobs);
  // Huge blocks (up to 512 MiB) would make the slot ring huge: above 256 MiB of slots, blocks come back moved.
  const slots = outputMode === 'slots' && limit * OutputSlots.slotSize(options.blockSize) <= MAX_SLOT_BYTES
    ? new OutputSlots(limit, options.blockSize)
    : null;
  type BlockTask = (
    | { readonly kind: 'zstdBlock'; readonly task: ZstdBlockTask }
    | { readonly kind: 'deflateBlock'; readonly task: DeflateBlockTask }
  ) & { readonly out: OutputSlot | undefined };
  const send = (block: SourceBlock): BlockTask => {
    // At most `limit` tasks are started and not yet consumed, and a slot is freed once its piece is written: one is free.
    const out = slots?.acquire();
    const task = { input: block.input, out, level };
    if (format === 'zstd') return { kind: 'zstdBlock', task, out };
    return { kind: 'deflateBlock', task: { ...task, last: block.last, check: checkKind }, out };
  };
  // gzip: the blocks that start from an empty window every indexEvery bytes, recorded for the trailing index member.
  const index = format === 'gzip' && options.indexEvery > 0 ? new IndexBuilder() : null;
  const consume = async (result: BlockResult, { out }: BlockTask): Promise<void> => {
    if (!result.ok) throw new FileError(result.path, result.code, result.message);
    if (index !== null) {
      if (bytesIn % options.indexEvery === 0) index.point(bytesOut, bytesIn);
      index.add(result.check, result.length);
    }
    if (checkKind === 'crc32') check = crc32Combine(check, result.check, result.length);
    else if (checkKind === 'adler32') check = adler32Combine(check, result.check, result.length);
    bytesIn += result.length;
    blocks++;
    if (result.bytes !== null) await put(result.bytes);
    else if (out !== undefined) await put(new Uint8Array(out.buffer, out.offset, result.written));
    if (out !== undefined) slots?.release(out);
  };
  await runTasksInOrder(pool, signal, source, limit, send, consume, (block) => block.release?.());

  if (format === 'gzip') {
    const deflateEnd = bytesOut;
    await put(gzipTrailer(check, bytesIn));
    const member = index?.member(bytesIn, deflateEnd) ?? null;
    if (member !== null) await put(member);
  }
  if (format === 'zlib') await put(zlibTrailer(check));
  return { bytesIn, bytesOut, blocks, check };
}
