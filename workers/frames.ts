// Job kind `zstdFrame`: one frame of a multi-frame .zst file decoded alone (pario's big-file output is one frame per
// block). The worker reads the frame's bytes itself, decodes them straight into the caller's shared output slot (or
// fresh memory, moved), and checks the output is exactly the size the frame header declared; zstd itself checks the
// frame ends where the walk said and its XXH64 checksum.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import type { BlockResult, ZstdFrameTask } from './blocks-protocol.js';
import { ZSTD_UNAVAILABLE_CODE } from './blocks-protocol.js';
import { ZSTD_UNAVAILABLE_TEXT } from './compress-protocol.js';
import { load, movable } from './blocks.js';
import { decodeError } from './decode-errors.js';
import { failure, toFailure } from './fail.js';
import { addProgress } from './progress.js';

type Decode = (dst: Uint8Array, src: Uint8Array) => number;
let decodeImpl: Decode | null | undefined;

/** zstd-napi's DCtx.decompress (into memory of ours, shared slots included), else Node's built-in zstd, else null. */
function decoder(): Decode | null {
  if (decodeImpl !== undefined) return decodeImpl;
  try {
    type Binding = { DCtx: new () => { decompress(dst: Uint8Array, src: Uint8Array): number } };
    const binding = createRequire(import.meta.url)('zstd-napi/binding') as Binding;
    const dctx = new binding.DCtx();
    decodeImpl = (dst, src) => dctx.decompress(dst, src);
  } catch {
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

/** Sync core of `zstdFrame`, callable in-process (tests). */
export function zstdFrameSync(task: ZstdFrameTask): BlockResult {
  try {
    const decode = decoder();
    if (decode === null) return failure(task.input.path, ZSTD_UNAVAILABLE_CODE, ZSTD_UNAVAILABLE_TEXT);
    const { all } = load(task.input);
    const size = task.contentSize;
    const slot = task.out;
    let dst: Uint8Array;
    if (task.discard) {
      if (sink.byteLength < size) sink = new Uint8Array(size);
      dst = sink.subarray(0, size);
    } else {
      dst = slot !== undefined && size <= slot.length ? new Uint8Array(slot.buffer, slot.offset, size) : new Uint8Array(size);
    }
    let produced: number;
    try {
      produced = decode(dst, all);
    } catch (error) {
      throw decodeError('zstd', error);
    }
    if (produced !== size) throw decodeError('zstd', new Error('Data corruption detected'));
    addProgress(0, all.byteLength, size);
    const inSlot = task.discard || dst.buffer === slot?.buffer;
    return { ok: true, bytes: inSlot ? null : dst, written: size, check: 0, length: size };
  } catch (error) {
    return toFailure(task.input.path, error);
  }
}

/** Job kind `zstdFrame` (Piscina entry). */
export function zstdFrame(task: ZstdFrameTask): BlockResult {
  return movable(zstdFrameSync(task));
}
