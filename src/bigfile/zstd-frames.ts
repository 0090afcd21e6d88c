// Where the frames of a multi-frame .zst file are, found without decoding: zstd frames are independent, and each block
// header (3 bytes) gives the block's stored size, so a walk over frame and block headers finds every frame's end
// (one small read per block of up to 128 KiB: 10-30 ms for a 512 MiB file). pario's
// big-file output is such a file (one frame per 8 MiB block, each with its content size and checksum), and so are
// concatenated .zst files; no index is written, so files made before this walk existed decode on every core too.
// Pure: the caller supplies the reads.
import { zstdFrameHeader, zstdHeaderLength } from '../../workers/zstd-header.js';
import type { ZstdFrameHeader } from '../../workers/zstd-header.js';

/** Fills `view` from `position`; returns the bytes read (fewer at the end of the file). */
export type ReadAt = (view: Uint8Array, position: number) => number;

/** One zstd frame: its bytes in the file and the content size its header declares. */
export interface ZstdFrame {
  readonly position: number;
  readonly length: number;
  readonly contentSize: number;
}

/** The file's frames, or why it goes to the one-thread decoder (which also names any fault in its own words). */
export type FrameScan = { readonly frames: readonly ZstdFrame[]; readonly contentSize: number } | { readonly serial: string };

/** Frames declaring more than this are decoded by the one-thread streaming path (bounded memory per worker). */
export const MAX_FRAME_CONTENT = 64 << 20;

const MAGIC = 0xfd2fb528;
const WINDOW = 512;

/** A small read-ahead window: a frame header and its first block header cost one read (a larger window only copies more). */
class Window {
  readonly #buffer = new Uint8Array(WINDOW);
  #start = 0;
  #end = 0;
  constructor(private readonly readAt: ReadAt, private readonly size: number) {}

  /** The `length` bytes at `position` (≤ 18), or null when the file ends first. */
  bytes(position: number, length: number): Uint8Array | null {
    if (position + length > this.size) return null;
    if (position < this.#start || position + length > this.#end) {
      this.#start = position;
      this.#end = position + this.readAt(this.#buffer, position);
      if (position + length > this.#end) return null;
    }
    return this.#buffer.subarray(position - this.#start, position - this.#start + length);
  }
}

const u32 = (b: Uint8Array, at: number): number => ((b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 2 ** 24);

type Header = ZstdFrameHeader | string;

/** The frame header at `position` (workers/zstd-header.ts); a string says why this frame cannot be decoded alone. */
function frameHeader(window: Window, position: number): Header {
  const head = window.bytes(position, 5);
  if (head === null) return 'truncated frame header';
  const all = window.bytes(position, zstdHeaderLength(head[4]!)); // the whole header, or null
  const header = all === null ? null : zstdFrameHeader(all);
  if (header === null) return 'truncated frame header';
  if (header.reserved) return 'reserved bit set';
  if (header.dictionaryId !== 0) return 'frame needs a dictionary';
  return header;
}

/** The end of the frame whose blocks start at `position`, or a string when the blocks run past the file. */
function framesEnd(window: Window, position: number, checksum: boolean): number | string {
  let at = position;
  for (;;) {
    const header = window.bytes(at, 3);
    if (header === null) return 'truncated block';
    const value = header[0]! | (header[1]! << 8) | (header[2]! << 16);
    const type = (value >> 1) & 3;
    if (type === 3) return 'reserved block type';
    at += 3 + (type === 1 ? 1 : value >>> 3);
    if ((value & 1) === 1) return at + (checksum ? 4 : 0);
  }
}

/**
 * The frames of a zstd file of `size` bytes. Parallel decoding needs two or more frames, each declaring a content size
 * of at most MAX_FRAME_CONTENT and no dictionary, and nothing but frames (skippable ones are passed over) to the end.
 */
export function scanZstdFrames(size: number, readAt: ReadAt): FrameScan {
  const window = new Window(readAt, size);
  const frames: ZstdFrame[] = [];
  let contentSize = 0;
  let position = 0;
  while (position < size) {
    const magic = window.bytes(position, 8);
    if (magic === null) return { serial: `no frame at byte ${position}` };
    const value = u32(magic, 0);
    if ((value & 0xfffffff0) === 0x184d2a50) {
      position += 8 + u32(magic, 4); // a skippable frame: zstd -d passes over it
      continue;
    }
    if (value !== MAGIC) return { serial: `no frame at byte ${position}` };
    const header = frameHeader(window, position);
    if (typeof header === 'string') return { serial: header };
    if (header.contentSize === null) return { serial: 'a frame without its content size' };
    if (header.contentSize > MAX_FRAME_CONTENT) return { serial: 'a frame larger than a parallel task' };
    const end = framesEnd(window, position + header.headerLength, header.checksum);
    if (typeof end === 'string' || end > size) return { serial: typeof end === 'string' ? end : 'truncated frame' };
    frames.push({ position, length: end - position, contentSize: header.contentSize });
    contentSize += header.contentSize;
    position = end;
  }
  if (position !== size) return { serial: 'truncated skippable frame' };
  if (frames.length < 2) return { serial: 'one frame' };
  return { frames, contentSize };
}
