// The block-parallel encoder: block tasks on the pool, results written in order behind one header,
// the trailer's check value combined from per-block values (crc32_combine / adler32_combine).
import type { BlockResult, DeflateBlockTask, ZstdBlockTask } from '../../workers/blocks-protocol.js';
import { FileError, throwIfAborted } from '../errors.js';
import { adler32Combine, crc32Combine } from '../../workers/checksum-combine.js';
import { gzipHeader, gzipTrailer, zlibHeader, zlibTrailer } from './format.js';
import type { BlockPool, ResolvedBigFileOptions } from './options.js';
import { windowSize } from './options.js';
import { runOrdered } from './ordered.js';
import type { SourceBlock } from './sources.js';

/** Receives output pieces in order. */
export type WritePiece = (bytes: Uint8Array) => Promise<void> | void;

export interface EncodeSummary {
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly blocks: number;
  /** CRC-32 (gzip), Adler-32 (zlib) of the whole input; 0 for raw and zstd. */
  readonly check: number;
}

export async function encodeBlocks(
  source: AsyncIterable<SourceBlock> | Iterable<SourceBlock>,
  pool: BlockPool,
  options: ResolvedBigFileOptions,
  write: WritePiece,
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
  if (format === 'gzip') await put(gzipHeader(level, options.name === undefined ? { mtime: options.mtime } : { mtime: options.mtime, name: options.name }));
  if (format === 'zlib') await put(zlibHeader(level));

  const start = (block: SourceBlock): Promise<BlockResult> => {
    const run = format === 'zstd'
      ? pool.run<BlockResult>('zstdBlock', { input: block.input, level } satisfies ZstdBlockTask, { signal })
      : pool.run<BlockResult>('deflateBlock', { input: block.input, level, last: block.last, check: checkKind } satisfies DeflateBlockTask, { signal });
    return block.release === undefined ? run : run.finally(block.release);
  };
  const consume = async (result: BlockResult): Promise<void> => {
    if (!result.ok) throw new FileError(result.path, result.code, result.message);
    if (checkKind === 'crc32') check = crc32Combine(check, result.check, result.length);
    else if (checkKind === 'adler32') check = adler32Combine(check, result.check, result.length);
    bytesIn += result.length;
    blocks++;
    await put(result.bytes);
  };
  await runOrdered(source, start, consume, windowSize(pool.jobs));

  if (format === 'gzip') await put(gzipTrailer(check, bytesIn));
  if (format === 'zlib') await put(zlibTrailer(check));
  return { bytesIn, bytesOut, blocks, check };
}
