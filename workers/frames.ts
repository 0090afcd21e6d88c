// Job kind `zstdFrame`: one frame of a multi-frame .zst file decoded alone (pario's big-file output is one frame per
// block). The worker reads the frame's bytes itself, decodes them straight into the caller's shared output slot (or
// fresh memory, moved), and checks the output is exactly the size the frame header declared; zstd itself checks the
// frame ends where the walk said and its XXH64 checksum.
// Job kind `inflateSpan`: the same for one span of pario's indexed gzip (raw inflate, length and CRC-32 checked).
import zlib from 'node:zlib';
import type { BlockResult, InflateSpanTask, ZstdFrameTask } from './blocks-protocol.js';
import { ZSTD_UNAVAILABLE_CODE } from './blocks-protocol.js';
import { load, movable } from './blocks.js';
import { decodeError } from './decode-errors.js';
import { failure, toFailure } from './fail.js';
import { addProgress } from './progress.js';
import { zstdNapi, zstdUnavailableText } from './zstd-choice.js';

type Decode = (dst: Uint8Array, src: Uint8Array) => number;
let decodeImpl: Decode | null | undefined;

/** zstd-napi's DCtx.decompress (into memory of ours, shared slots included), else Node's built-in zstd, else null. */
function decoder(): Decode | null {
  if (decodeImpl !== undefined) return decodeImpl;
  type Binding = { DCtx: new () => { decompress(dst: Uint8Array, src: Uint8Array): number } };
  const binding = zstdNapi<Binding>('zstd-napi/binding');
  if (binding !== null) {
    const dctx = new binding.DCtx();
    decodeImpl = (dst, src) => dctx.decompress(dst, src);
  } else {
    const z = zlib as unknown as { zstdDecompressSync?: (src: Uint8Array, options: object) => Buffer };
    const sync = z.zstdDecompressSync;
    decodeImpl = sync === undefined ? null : (dst, src) => {
      const out = sync(src, { maxOutputLength: Math.max(1, dst.byteLength) }); // Node refuses 0 (an empty frame)
      dst.set(out);
      return out.byteLength;
    };
  }
  return decodeImpl;
}

let sink = new Uint8Array(0);

/** Where a decoded frame or span of `size` bytes goes: the reused sink (test), the caller's slot, or fresh memory. */
function target(task: ZstdFrameTask, size: number): Uint8Array {
  if (task.discard) {
    if (sink.byteLength < size) sink = new Uint8Array(size);
    return sink.subarray(0, size);
  }
  const slot = task.out;
  return slot !== undefined && size <= slot.length ? new Uint8Array(slot.buffer, slot.offset, size) : new Uint8Array(size);
}

/** Sync core of `zstdFrame`, callable in-process (tests). */
export function zstdFrameSync(task: ZstdFrameTask): BlockResult {
  try {
    const decode = decoder();
    if (decode === null) return failure(task.input.path, ZSTD_UNAVAILABLE_CODE, zstdUnavailableText());
    const { all } = load(task.input, 'decompressed');
    const size = task.contentSize;
    const dst = target(task, size);
    let produced: number;
    try {
      produced = decode(dst, all);
    } catch (error) {
      throw decodeError('zstd', error);
    }
    if (produced !== size) throw decodeError('zstd', new Error('Data corruption detected'));
    addProgress(0, all.byteLength, size);
    const inSlot = task.discard || dst.buffer === task.out?.buffer;
    return { ok: true, bytes: inSlot ? null : dst, written: size, check: 0, length: size };
  } catch (error) {
    return toFailure(task.input.path, error);
  }
}

/** Job kind `zstdFrame` (Piscina entry). */
export function zstdFrame(task: ZstdFrameTask): BlockResult {
  return movable(zstdFrameSync(task));
}

const SYNC_MARK = [0x00, 0x00, 0xff, 0xff];
const corrupt = (message: string): unknown => decodeError('gzip', Object.assign(new Error(message), { code: 'Z_DATA_ERROR' }));

/** Sync core of `inflateSpan`, callable in-process (tests). */
export function inflateSpanSync(task: InflateSpanTask): BlockResult {
  try {
    const { all } = load(task.input, 'decompressed');
    const size = task.contentSize;
    const flushed = task.last || SYNC_MARK.every((byte, i) => all[all.byteLength - 4 + i] === byte);
    if (!flushed) throw corrupt('span does not end at a flush point');
    let out: Buffer;
    try {
      // The last span ends the stream (a cut one fails); the others end at a sync flush. More output than declared fails.
      out = zlib.inflateRawSync(all, {
        finishFlush: task.last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: Math.max(1, size), chunkSize: Math.max(64 * 1024, size + 64),
      });
    } catch (error) {
      const longer = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw longer ? corrupt('span longer than its index says') : decodeError('gzip', error);
    }
    if (out.byteLength !== size) throw corrupt('span shorter than its index says');
    const check = zlib.crc32(out);
    if (check !== task.crc >>> 0) throw corrupt('incorrect data check');
    addProgress(0, all.byteLength, size);
    if (task.discard) return { ok: true, bytes: null, written: size, check, length: size };
    const dst = target(task, size);
    dst.set(out);
    return { ok: true, bytes: dst.buffer === task.out?.buffer ? null : dst, written: size, check, length: size };
  } catch (error) {
    return toFailure(task.input.path, error);
  }
}

/** Job kind `inflateSpan` (Piscina entry). */
export function inflateSpan(task: InflateSpanTask): BlockResult {
  return movable(inflateSpanSync(task));
}
