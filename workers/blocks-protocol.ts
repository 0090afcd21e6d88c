// The contract of the block job kinds (`deflateBlock`, `zstdBlock`): types and constants only, so src/ may import it.
import type { FileRef } from './file-protocol.js';
import type { ParioCode } from './codes.js';
import type { Failure } from './protocol.js';

/** Bytes of history a deflate block is primed with (zlib's window). */
export const DICT_SIZE = 32 * 1024;

/** Where a block's bytes are. The dictionary is the `dictLength` bytes just before the block. */
export type BlockInput =
  | {
      readonly kind: 'file'; readonly path: string; readonly position: number; readonly length: number; readonly dictLength: number;
      /** The file's size and inode (and device) when planned: a worker finding others reports FILE_CHANGED (replaced or truncated). */
      readonly size: number; readonly ino: number; readonly dev?: number;
      /** The file through its folder's handle (absent: `path` as given). */
      readonly at?: FileRef;
    }
  | {
      readonly kind: 'shared'; readonly path: string; readonly buffer: SharedArrayBuffer;
      readonly offset: number; readonly length: number; readonly dictLength: number;
    };

/** Where the main thread wants the compressed bytes, when it lent a slot; too small → they come back moved. */
export interface OutputSlot {
  readonly buffer: SharedArrayBuffer;
  readonly offset: number;
  readonly length: number;
}

export interface DeflateBlockTask {
  readonly input: BlockInput;
  readonly out?: OutputSlot | undefined;
  readonly level: number;
  /** The last block ends the stream (Z_FINISH); the others end byte-aligned with Z_SYNC_FLUSH. */
  readonly last: boolean;
  /** Check value of the block's uncompressed bytes: crc32 for gzip, adler32 for zlib, none for raw deflate. */
  readonly check: 'crc32' | 'adler32' | 'none';
}

/** One independent zstd frame for the range (a dictionary, if given, is ignored). */
export interface ZstdBlockTask {
  readonly input: BlockInput;
  readonly out?: OutputSlot | undefined;
  readonly level: number;
}

/** One zstd frame of a multi-frame file, decoded alone: `input` is its compressed range (no dictionary). */
export interface ZstdFrameTask {
  readonly input: BlockInput;
  readonly out?: OutputSlot | undefined;
  /** The content size the frame header declares: the output must be exactly this long. */
  readonly contentSize: number;
  /** `test`: decode and check, return no bytes. */
  readonly discard: boolean;
}

/**
 * One span of pario's indexed gzip (README: "pario's gzip index"), inflated alone: `input` is its raw deflate range.
 * A span that is not the last ends with a sync flush (00 00 ff ff); its output must be `contentSize` bytes whose
 * CRC-32 is `crc`, or the task fails as corrupt data.
 */
export interface InflateSpanTask extends ZstdFrameTask {
  readonly last: boolean;
  readonly crc: number;
}

export interface BlockDone {
  readonly ok: true;
  /** The compressed bytes in a fresh ArrayBuffer of exactly this size (moved, never cloned), or null: in the out slot. */
  readonly bytes: Uint8Array | null;
  /** Compressed length (in `bytes` or at the start of the out slot). */
  readonly written: number;
  /** crc32 / adler32 of the block's input (0 when not asked). */
  readonly check: number;
  /** Uncompressed length of the block. */
  readonly length: number;
}

export type BlockResult = BlockDone | Failure;

/** Code of a block failure when zstd is not available on this Node (and zstd-napi is not installed). */
export const ZSTD_UNAVAILABLE_CODE = 'ERR_PARIO_ZSTD_UNAVAILABLE' satisfies ParioCode;
