// Job kinds for one huge file split into blocks (pigz's method): `deflateBlock` and `zstdBlock`.
// Each task names its input range; the worker reads it itself with positional reads into a reused per-worker
// buffer (or finds it in a SharedArrayBuffer slot the main thread filled), compresses it with a *Sync API and
// returns the compressed bytes in a FRESH ArrayBuffer, moved (never cloned), plus the block's check value.
import { closeSync } from 'node:fs';
import zlib from 'node:zlib';
import type { BlockDone, BlockInput, BlockResult, DeflateBlockTask, OutputSlot, ZstdBlockTask } from './blocks-protocol.js';
import { DICT_SIZE, ZSTD_UNAVAILABLE_CODE } from './blocks-protocol.js';
import { adler32 } from './checksum-combine.js';
import { failure, toFailure } from './fail.js';
import { withMoved } from './move.js';
import { namedRef } from './file-protocol.js';
import { CodedError, openInput, readAt } from './open.js';
import { FILE_CHANGED } from './protocol.js';
import { addProgress } from './progress.js';
import { zstdNapi, zstdUnavailableText } from './zstd-choice.js';
import { napiCompressor } from './zstd-napi-cctx.js';
import type { ZstdCompress, ZstdNapiCompressBinding } from './zstd-napi-cctx.js';

let scratch = new Uint8Array(0);

/**
 * The block and its dictionary as one view: [dict | block]. Reads files into the reused per-worker buffer. `doing`
 * names the work in the message of a file that changed under it.
 */
export function load(input: BlockInput, doing: 'compressed' | 'decompressed' = 'compressed'): { all: Uint8Array; dictLength: number } {
  const total = input.dictLength + input.length;
  if (input.kind === 'shared') {
    return { all: new Uint8Array(input.buffer, input.offset - input.dictLength, total), dictLength: input.dictLength };
  }
  if (scratch.byteLength < total) scratch = new Uint8Array(total + DICT_SIZE); // once: later blocks add at most the dictionary
  const all = scratch.subarray(0, total);
  const { fd, size, ino, dev } = openInput(input.at ?? namedRef(input.path));
  try {
    const moved = input.dev !== undefined && dev !== input.dev;
    if (size !== input.size || ino !== input.ino || moved) throw new CodedError(FILE_CHANGED, `file changed while being ${doing}`);
    readAt(fd, all, input.position - input.dictLength);
  } finally {
    closeSync(fd);
  }
  return { all, dictLength: input.dictLength };
}

/**
 * The result for compressed bytes `out` (a view zlib/zstd may reuse or share): copied into the caller's shared slot
 * when it fits (no allocation, no transfer), else into a fresh ArrayBuffer of exactly this size, to be moved.
 */
function done(out: Uint8Array, slot: OutputSlot | undefined, check: number, length: number): BlockDone {
  addProgress(0, length, out.byteLength);
  if (slot !== undefined && out.byteLength <= slot.length) {
    new Uint8Array(slot.buffer, slot.offset, out.byteLength).set(out);
    return { ok: true, bytes: null, written: out.byteLength, check, length };
  }
  const bytes = new Uint8Array(out.byteLength);
  bytes.set(out);
  return { ok: true, bytes, written: out.byteLength, check, length };
}

/** Sync core of `deflateBlock`, callable in-process (tests, the main thread). */
export function deflateBlockSync(task: DeflateBlockTask): BlockResult {
  try {
    const { all, dictLength } = load(task.input);
    const block = all.subarray(dictLength);
    const options: zlib.ZlibOptions = {
      level: task.level,
      finishFlush: task.last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      chunkSize: Math.max(64 * 1024, Math.min(block.byteLength + (block.byteLength >>> 4) + 1024, 4 << 20)),
    };
    if (dictLength > 0) options.dictionary = all.subarray(0, dictLength);
    const out = zlib.deflateRawSync(block, options);
    const check = task.check === 'crc32' ? zlib.crc32(block) : task.check === 'adler32' ? adler32(block) : 0;
    return done(out, task.out, check, block.byteLength);
  } catch (error) {
    return toFailure(task.input.path, error);
  }
}

let zstdImpl: ZstdCompress | null | undefined;

/** zstd-napi where it loads, else Node's built-in zstd (≥ 22.15), else null (zstd-choice.ts). Frames carry content size + checksum. */
export function loadZstd(): ZstdCompress | null {
  if (zstdImpl === undefined) {
    const binding = zstdNapi<ZstdNapiCompressBinding>('zstd-napi/binding');
    zstdImpl = binding === null ? builtinZstd() : napiCompressor(binding);
  }
  return zstdImpl;
}

function builtinZstd(): ZstdCompress | null {
  type Compress = (d: Uint8Array, o: object) => Uint8Array;
  const builtin = (zlib as unknown as Record<string, unknown>)['zstdCompressSync'] as Compress | undefined;
  const constants = zlib.constants as unknown as Record<string, number>;
  const levelKey = constants['ZSTD_c_compressionLevel'];
  const checksumKey = constants['ZSTD_c_checksumFlag'];
  if (typeof builtin !== 'function' || levelKey === undefined || checksumKey === undefined) return null;
  return (data, level) => builtin(data, { params: { [levelKey]: level, [checksumKey]: 1 }, pledgedSrcSize: data.byteLength });
}

/** Sync core of `zstdBlock`: one independent zstd frame for the range (its dictionary is ignored). */
export function zstdBlockSync(task: ZstdBlockTask): BlockResult {
  try {
    const compress = loadZstd();
    if (compress === null) {
      return failure(task.input.path, ZSTD_UNAVAILABLE_CODE, zstdUnavailableText());
    }
    const input: BlockInput = { ...task.input, dictLength: 0 };
    const { all } = load(input);
    return done(compress(all, task.level), task.out, 0, all.byteLength);
  } catch (error) {
    return toFailure(task.input.path, error);
  }
}

/** Return value that Piscina transfers: the outer object is cloned, the bytes' fresh ArrayBuffer is moved. */
export function movable(result: BlockResult): BlockResult {
  return !result.ok || result.bytes === null ? result : withMoved(result, [result.bytes.buffer as ArrayBuffer]);
}

/** Job kind `deflateBlock` (Piscina entry). */
export function deflateBlock(task: DeflateBlockTask): BlockResult {
  return movable(deflateBlockSync(task));
}

/** Job kind `zstdBlock` (Piscina entry). */
export function zstdBlock(task: ZstdBlockTask): BlockResult {
  return movable(zstdBlockSync(task));
}
