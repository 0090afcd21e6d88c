// Where block inputs come from. Each yields { input, last, release }: `input` is what a worker needs to find the
// block's bytes (and its dictionary), `release` frees the ring slot once the task has settled.
import type { BlockInput } from '../../workers/blocks-protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import { DICT_SIZE } from '../../workers/blocks-protocol.js';
import { planBlocks } from './plan.js';
import type { SlotRing } from './ring.js';

export interface SourceBlock {
  readonly input: BlockInput;
  readonly last: boolean;
  readonly release?: () => void;
}

/**
 * --io parallel: workers read their own ranges with positional reads (opening `at` through the file layer and
 * checking it is still this file); the main thread holds no input bytes.
 */
export function* fileRanges(
  path: string, at: FileRef, file: { size: number; ino: number; dev: number }, blockSize: number, restart: number,
): Generator<SourceBlock> {
  const { size, ino, dev } = file;
  for (const block of planBlocks(size, blockSize, restart)) {
    const { position, length, dictLength } = block;
    yield { input: { kind: 'file', path, at, position, length, dictLength, size, ino, dev }, last: block.last };
  }
}

/** Fills `view` with the bytes at [position, position + view.length); used for sequential file reads and buffers. */
export type ReadInto = (view: Uint8Array, position: number) => Promise<void>;

/** One reader, in order, into ring slots (--io sequential, compressBuffer). Re-reads the 32 KiB dictionary per block. */
export async function* ringRanges(
  path: string, size: number, ring: SlotRing, readInto: ReadInto, restart: number,
): AsyncGenerator<SourceBlock> {
  for (const block of planBlocks(size, ring.blockSize, restart)) {
    const slot = await ring.acquire();
    try {
      const start = DICT_SIZE - block.dictLength;
      await readInto(ring.view(slot).subarray(start, DICT_SIZE + block.length), block.position - block.dictLength);
    } catch (error) {
      ring.release(slot);
      throw error;
    }
    const input: BlockInput = {
      kind: 'shared', path, buffer: ring.buffer, offset: ring.blockOffset(slot), length: block.length, dictLength: block.dictLength,
    };
    yield { input, last: block.last, release: () => ring.release(slot) };
  }
}

/**
 * A stream of unknown length (stdin) cut into blocks in ring slots. A full block is only handed on once more
 * bytes arrive, because the last block must be marked last (Z_FINISH). Needs 2 slots beyond those in flight.
 */
export async function* streamRanges(
  path: string, chunks: AsyncIterable<Uint8Array | string>, ring: SlotRing, restart: number,
): AsyncGenerator<SourceBlock> {
  const blockSize = ring.blockSize;
  let slot = await ring.acquire();
  let fill = 0;
  let dictLength = 0;
  let position = 0; // of the block in `slot`
  let pending: SourceBlock | null = null;
  const current = (last: boolean): SourceBlock => {
    const held = slot;
    const input: BlockInput = { kind: 'shared', path, buffer: ring.buffer, offset: ring.blockOffset(held), length: fill, dictLength };
    return { input, last, release: () => ring.release(held) };
  };
  try {
    for await (const raw of chunks) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      let used = 0;
      while (used < chunk.byteLength) {
        if (fill === blockSize) {
          if (pending !== null) yield pending;
          pending = current(false);
          const next = await ring.acquire();
          position += blockSize;
          const fresh = position % restart === 0;
          dictLength = fresh ? 0 : DICT_SIZE;
          if (!fresh) ring.view(next).set(ring.view(slot).subarray(ring.slotSize - DICT_SIZE), 0);
          slot = next;
          fill = 0;
        }
        const n = Math.min(blockSize - fill, chunk.byteLength - used);
        ring.view(slot).set(chunk.subarray(used, used + n), DICT_SIZE + fill);
        fill += n;
        used += n;
      }
    }
  } catch (error) {
    pending?.release?.();
    ring.release(slot);
    throw error;
  }
  if (pending === null) {
    yield current(true);
  } else if (fill === 0) {
    ring.release(slot);
    yield { ...pending, last: true };
  } else {
    yield pending;
    yield current(true);
  }
}
