// A ring of SharedArrayBuffer slots for blocks the main thread reads (sequential I/O, stdin, buffers).
// Each slot is [32 KiB dictionary | block]; a slot is released when its task settles, so at most `count` blocks
// of input exist at once whatever the file size.
import type { OutputSlot } from '../../workers/blocks-protocol.js';
import { DICT_SIZE } from '../../workers/blocks-protocol.js';

export class SlotRing {
  readonly buffer: SharedArrayBuffer;
  readonly slotSize: number;
  readonly blockSize: number;
  readonly #free: number[] = [];
  readonly #waiting: ((slot: number) => void)[] = [];

  constructor(count: number, blockSize: number) {
    this.blockSize = blockSize;
    this.slotSize = DICT_SIZE + blockSize;
    this.buffer = new SharedArrayBuffer(count * this.slotSize);
    for (let slot = 0; slot < count; slot++) this.#free.push(slot);
  }

  acquire(): Promise<number> {
    const slot = this.#free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(slot: number): void {
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter(slot);
    else this.#free.push(slot);
  }

  /** Byte offset in `buffer` where the slot's block starts (its dictionary sits just before). */
  blockOffset(slot: number): number {
    return slot * this.slotSize + DICT_SIZE;
  }

  /** The slot's dictionary + block region, for filling. */
  view(slot: number): Uint8Array {
    return new Uint8Array(this.buffer, slot * this.slotSize, this.slotSize);
  }
}

/** Shared output slots, one per block in the window, each big enough for any compressed block (deflate, zstd) or decoded frame. */
export class OutputSlots {
  readonly buffer: SharedArrayBuffer;
  readonly slotSize: number;
  readonly #free: number[] = [];

  /** Bytes per slot for blocks of `blockSize`: above both zlib's deflateBound and ZSTD_compressBound. */
  static slotSize(blockSize: number): number {
    return blockSize + (blockSize >>> 4) + 64 * 1024;
  }

  /** `slotSize`: bytes per slot when not the compressed bound of `blockSize` (decoded frames: their largest content). */
  constructor(count: number, blockSize: number, slotSize = OutputSlots.slotSize(blockSize)) {
    this.slotSize = slotSize;
    this.buffer = new SharedArrayBuffer(count * this.slotSize);
    for (let slot = count - 1; slot >= 0; slot--) this.#free.push(slot * this.slotSize);
  }

  /** A free slot, or undefined (the worker then returns its bytes by transfer). */
  acquire(): OutputSlot | undefined {
    const offset = this.#free.pop();
    return offset === undefined ? undefined : { buffer: this.buffer, offset, length: this.slotSize };
  }

  release(slot: OutputSlot): void {
    this.#free.push(slot.offset);
  }
}
