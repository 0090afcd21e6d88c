// A multi-frame .zst file (pario's own big-file output) decoded on every core: the frames found by walking their
// headers (zstd-frames.ts) are decoded by `zstdFrame` tasks, each straight into a shared output slot, and written in
// file order through the same ordered window as compression (runOrdered), so the output is the same for every -j.
// pario's indexed .gz the same way: the spans its trailing index names (gzip-index-scan.ts) by `inflateSpan` tasks,
// each span's length and CRC-32 checked before its bytes are written.
import { readSync } from 'node:fs';
import type { BlockResult, InflateSpanTask, OutputSlot, ZstdFrameTask } from '../../workers/blocks-protocol.js';
import type { FileRef } from '../../workers/file-protocol.js';
import type { InputFile } from '../../workers/open.js';
import { FileError, throwIfAborted } from '../errors.js';
import { assertUnchanged } from './compress-file.js';
import type { WritePiece } from './encode.js';
import type { BlockPool } from './options.js';
import { windowSize } from './options.js';
import { runTasksInOrder } from '../pool/tasks.js';
import { OutputSlots } from './ring.js';
import type { GzipSpan } from './gzip-index-scan.js';
import { scanGzipIndex } from './gzip-index-scan.js';
import type { ZstdFrame } from './zstd-frames.js';
import { scanZstdFrames } from './zstd-frames.js';

/** Decoded frames waiting in the window, at most this many bytes (fewer frames in flight when frames are large). */
const MAX_WINDOW_BYTES = 256 << 20;

/** Pieces of a file that decode alone: zstd frames, or the spans of pario's gzip index. */
export type ParallelScan =
  | { readonly algorithm: 'zstd'; readonly frames: readonly ZstdFrame[]; readonly contentSize: number }
  | { readonly algorithm: 'gzip'; readonly frames: readonly GzipSpan[]; readonly contentSize: number };

/**
 * The frames of a multi-frame .zst or the spans of pario's indexed .gz, from the magic bytes (main thread, small
 * positional reads on its descriptor); `serial` says why any other input goes to the one-worker decoder.
 */
export function scanInput(input: InputFile): ParallelScan | { readonly serial: string } {
  const readAt = (view: Uint8Array, position: number): number => readSync(input.fd, view, 0, view.byteLength, position);
  const magic = new Uint8Array(2);
  readAt(magic, 0);
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    const scan = scanGzipIndex(input.size, readAt);
    return 'serial' in scan ? scan : { algorithm: 'gzip', frames: scan.spans, contentSize: scan.contentSize };
  }
  const scan = scanZstdFrames(input.size, readAt);
  return 'serial' in scan ? scan : { algorithm: 'zstd', ...scan };
}

export interface DecodeFramesOptions {
  /** `test`: decode and check every frame, write nothing. */
  readonly discard?: boolean;
  readonly signal?: AbortSignal | undefined;
}

/** A frame's (or span's) task, with the output slot it decodes into. */
type FrameTask = (
  | { readonly kind: 'zstdFrame'; readonly task: ZstdFrameTask }
  | { readonly kind: 'inflateSpan'; readonly task: InflateSpanTask }
) & { readonly out: OutputSlot | undefined };

/**
 * Decodes the frames (or spans) of the open input `at` on `pool`, handing the output in order to `write` (a piece is
 * valid until `write` resolves). Resolves with the bytes decoded; rejects with a FileError naming `path` and the fault.
 */
export async function decodeFrames(
  path: string, at: FileRef, input: InputFile, scan: ParallelScan, pool: BlockPool, write: WritePiece,
  options: DecodeFramesOptions = {},
): Promise<number> {
  const frames: readonly (ZstdFrame | GzipSpan)[] = scan.frames;
  const { signal } = options;
  const discard = options.discard === true;
  throwIfAborted(signal);
  const largest = frames.reduce((most, frame) => Math.max(most, frame.contentSize), 1); // no spread: a file may hold 100k frames
  // Frames in flight are bounded by MAX_WINDOW_BYTES of output (at least one), so the slots always fit it too.
  const limit = Math.max(1, Math.min(windowSize(pool.jobs), Math.floor(MAX_WINDOW_BYTES / largest)));
  const slots = discard ? null : new OutputSlots(limit, 0, largest);
  const { size, ino, dev } = input;
  const send = (frame: ZstdFrame | GzipSpan): FrameTask => {
    const out = slots?.acquire(); // one is free: a slot is released once its piece is written, before the next start
    const task: ZstdFrameTask = {
      input: { kind: 'file', path, at, position: frame.position, length: frame.length, dictLength: 0, size, ino, dev },
      out, contentSize: frame.contentSize, discard,
    };
    if ('crc' in frame) return { kind: 'inflateSpan', task: { ...task, last: frame.last, crc: frame.crc }, out };
    return { kind: 'zstdFrame', task, out };
  };
  let bytes = 0;
  const consume = async (result: BlockResult, { out }: FrameTask): Promise<void> => {
    if (!result.ok) throw new FileError(path, result.code, result.message);
    bytes += result.length;
    if (result.bytes !== null) await write(result.bytes);
    else if (out !== undefined) await write(new Uint8Array(out.buffer, out.offset, result.written));
    if (out !== undefined) slots?.release(out);
  };
  await runTasksInOrder(pool, signal, frames, limit, send, consume);
  await assertUnchanged(path, input, 'decompressed');
  return bytes;
}
