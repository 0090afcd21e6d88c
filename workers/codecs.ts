// Sync one-shot codecs for every algorithm, format detection and the zstd backend choice. zstd frames carry their
// content size and an XXH64 checksum (as the zstd CLI writes them), so a damaged .zst fails `pario test`.
// No file I/O here, but zstd may load native code: the main thread takes constants from compress-protocol.ts instead.
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

import type { Algorithm } from './compress-protocol.js';
import { ZSTD_UNAVAILABLE_CODE } from './blocks-protocol.js';
import { STREAM_CHUNK } from './compress-protocol.js';
export { outputLimit, outputTooLarge } from './compress-protocol.js';
import { libdeflateCompress } from './libdeflate.js';
import { allZero, decodeError, trailingData } from './decode-errors.js';
import { NapiDecompressStream, napiDecompress } from './zstd-napi-bounded.js';
import type { ZstdNapiBinding } from './zstd-napi-bounded.js';
import { zstdNapi, zstdUnavailableText } from './zstd-choice.js';
import { napiCompressor } from './zstd-napi-cctx.js';
import type { ZstdNapiCompressBinding } from './zstd-napi-cctx.js';
import { zstdFrameHeader } from './zstd-header.js';

export type { Algorithm };

/** The part of zstd-napi 0.0.13 pario uses (declared here so the optional package is not needed to build). */
interface ZstdNapi {
  CompressStream: new (parameters?: { compressionLevel?: number; checksumFlag?: boolean }) => Transform;
}
interface ZstdBackend {
  readonly name: 'node:zlib' | 'zstd-napi';
  compress(data: Uint8Array, level: number): Buffer;
  /** compress() without a copy where the backend reuses its output buffer: valid until the next call on this thread. */
  compressView(data: Uint8Array, level: number): Uint8Array;
  /** The output and the input bytes it consumed (less than all when data follows the last frame). */
  decompress(data: Uint8Array, maxOutputLength: number): Decoded;
  compressStream(level: number): Transform;
  decompressStream(): Transform & { readonly bytesWritten: number };
}

type ZlibWithZstd = typeof zlib & {
  zstdCompressSync?: (data: Uint8Array, options: object) => Buffer;
  zstdDecompressSync?: (data: Uint8Array, options: object) => Decoded | Buffer;
  createZstdCompress?: (options: object) => Transform;
  createZstdDecompress?: (options?: object) => Transform & { readonly bytesWritten: number };
};

let zstdCache: ZstdBackend | null | undefined;

/** zstd-napi where it loads (unless PARIO_NO_ZSTD_NAPI=1), else Node's built-in zstd (≥ 22.15), else null (zstd-choice.ts). */
export function zstdBackend(): ZstdBackend | null {
  if (zstdCache === undefined) zstdCache = napiBackend() ?? builtinBackend();
  return zstdCache;
}

function napiBackend(): ZstdBackend | null {
  const napi = zstdNapi<ZstdNapi>('zstd-napi');
  const binding = zstdNapi<ZstdNapiBinding & ZstdNapiCompressBinding>('zstd-napi/binding');
  if (napi === null || binding === null) return null;
  const reused = napiCompressor(binding);
  return {
    name: 'zstd-napi',
    compress: (data, level) => Buffer.from(reused(data, level)), // a copy the caller keeps: the context's buffer is reused
    compressView: reused,
    decompress: (data, maxOutputLength) => ({
      buffer: napiDecompress(binding, data, maxOutputLength, zstdContentSize(data)),
      engine: { bytesWritten: data.byteLength }, // napiDecompress consumes it all or throws (trailing data included)
    }),
    compressStream: (level) => new napi.CompressStream({ compressionLevel: level, checksumFlag: true }),
    decompressStream: () => new NapiDecompressStream(binding),
  };
}

function builtinBackend(): ZstdBackend | null {
  const z = zlib as ZlibWithZstd;
  const c = zlib.constants as unknown as Record<string, number>;
  if (typeof z.zstdCompressSync !== 'function' || typeof z.zstdDecompressSync !== 'function') return null;
  const { zstdCompressSync, zstdDecompressSync, createZstdCompress, createZstdDecompress } = z;
  const params = (level: number) => ({
    params: {
      [c['ZSTD_c_compressionLevel'] ?? 100]: level,
      [c['ZSTD_c_contentSizeFlag'] ?? 200]: 1,
      [c['ZSTD_c_checksumFlag'] ?? 201]: 1,
    },
  });
  return {
    name: 'node:zlib',
    compress: (data, level) => zstdCompressSync(data, params(level)),
    compressView: (data, level) => zstdCompressSync(data, params(level)), // a fresh buffer each call already
    decompress: (data, maxOutputLength) => zstdDecompressSync(data, { maxOutputLength, info: true }) as Decoded,
    compressStream: (level) => createZstdCompress!(params(level)),
    decompressStream: () => createZstdDecompress!({ chunkSize: STREAM_CHUNK }),
  };
}

function requireZstd(): ZstdBackend {
  const backend = zstdBackend();
  if (backend === null) throw Object.assign(new Error(zstdUnavailableText()), { code: ZSTD_UNAVAILABLE_CODE });
  return backend;
}

/** Brotli CLI window: the smallest lgwin from 10 up to 24 whose window (2^lgwin − 16) holds the whole input. */
export function brotliWindow(size: number): number {
  let lgwin = 10;
  while (lgwin < 24 && 2 ** lgwin - 16 < size) lgwin += 1;
  return lgwin;
}

function brotliParams(level: number, size: number): zlib.BrotliOptions {
  const c = zlib.constants;
  return { params: { [c.BROTLI_PARAM_QUALITY]: level, [c.BROTLI_PARAM_SIZE_HINT]: size, [c.BROTLI_PARAM_LGWIN]: brotliWindow(size) } };
}

/**
 * compressSync for a caller that is done with the bytes before its next call on this thread (writes them out, or
 * copies them into shared memory): zstd's come without a copy out of its reused context.
 */
export function compressTransient(algorithm: Algorithm, input: Uint8Array, level: number): Uint8Array {
  return algorithm === 'zstd' ? requireZstd().compressView(input, level) : compressSync(algorithm, input, level);
}

/** Compresses a whole input in one call on the calling thread (gzip and .zz with libdeflate where it loads). */
export function compressSync(algorithm: Algorithm, input: Uint8Array, level: number): Buffer {
  switch (algorithm) {
    case 'gzip': return libdeflateCompress('gzip', input, level) ?? zlib.gzipSync(input, { level });
    case 'deflate': return libdeflateCompress('zlib', input, level) ?? zlib.deflateSync(input, { level });
    case 'brotli': return zlib.brotliCompressSync(input, brotliParams(level, input.byteLength));
    case 'zstd': return requireZstd().compress(input, level);
  }
}

/** A streaming compressor for inputs too big to hold whole (used by the big-file path). */
export function createCompressor(algorithm: Algorithm, level: number, sizeHint: number): Transform {
  const chunkSize = 1 << 20;
  switch (algorithm) {
    case 'gzip': return zlib.createGzip({ level, chunkSize });
    case 'deflate': return zlib.createDeflate({ level, chunkSize });
    case 'brotli': return zlib.createBrotliCompress({ ...brotliParams(level, sizeHint), chunkSize });
    case 'zstd': return requireZstd().compressStream(level);
  }
}

/** What a sync call with `info: true` returns: the output and, as engine.bytesWritten, the input it consumed. */
interface Decoded {
  readonly buffer: Buffer;
  readonly engine: { readonly bytesWritten: number };
}

function decodeOnce(algorithm: Algorithm, input: Uint8Array, maxOutputLength: number): Decoded {
  const options = { maxOutputLength, info: true } as const;
  switch (algorithm) {
    case 'gzip': return zlib.gunzipSync(input, { ...options, chunkSize: gunzipChunk(input) }) as unknown as Decoded;
    case 'deflate': return zlib.inflateSync(input, options) as unknown as Decoded;
    case 'brotli': return zlib.brotliDecompressSync(input, options) as unknown as Decoded;
    case 'zstd': return requireZstd().decompress(input, maxOutputLength);
  }
}

/**
 * The output chunk of a whole gzip input: its last 4 bytes (the size of the last member, mod 2^32) plus one, so that
 * the usual file decodes into one buffer, with no chunks to join (zlib's default, 16 KiB, took 5,000 files of the
 * bench's corpus 0.45 s where this takes 0.39 s on one thread). Only a hint, and never below that default: a trailer
 * of 0 (NUL padding, BGZF's empty last member) or of a small last member must not make 64-byte chunks.
 */
function gunzipChunk(input: Uint8Array): number {
  return Math.min(Math.max(gzipTrailerSize(input) + 1, GUNZIP_CHUNK_MIN), 8 << 20);
}
const GUNZIP_CHUNK_MIN = 16 << 10;

/** A gzip input's last 4 bytes: its last member's size mod 2^32 (a hint only: members, padding or a lie differ); 0 if short. */
export function gzipTrailerSize(input: Uint8Array): number {
  const n = input.byteLength;
  if (n < 18) return 0;
  return Buffer.from(input.buffer, input.byteOffset, n).readUInt32LE(n - 4);
}

/**
 * Decompresses a whole input: gzip may hold several members, zstd several frames (skippable ones too). Anything after
 * the data fails with ERR_PARIO_TRAILING_DATA, except NUL bytes after gzip members (gzip -d's padding rule); faults
 * name the format (see decode-errors.ts). Throws ERR_BUFFER_TOO_LARGE past `maxOutputLength` (decompression bombs).
 */
export function decompressSync(algorithm: Algorithm, input: Uint8Array, maxOutputLength: number): Buffer {
  let decoded: Decoded;
  try {
    decoded = decodeOnce(algorithm, input, maxOutputLength);
  } catch (error) {
    throw decodeError(algorithm, error, input);
  }
  const consumed = decoded.engine.bytesWritten;
  if (consumed < input.byteLength && !(algorithm === 'gzip' && allZero(input.subarray(consumed)))) {
    throw trailingData(algorithm, consumed, input.byteLength);
  }
  return decoded.buffer;
}

/** A streaming decoder: it honours back-pressure (a full reader pauses it) and counts its input as bytesWritten. */
export function createDecompressor(algorithm: Algorithm): Transform & { readonly bytesWritten: number } {
  const chunkSize = STREAM_CHUNK;
  switch (algorithm) {
    case 'gzip': return zlib.createGunzip({ chunkSize });
    case 'deflate': return zlib.createInflate({ chunkSize });
    case 'brotli': return zlib.createBrotliDecompress({ chunkSize });
    case 'zstd': return requireZstd().decompressStream();
  }
}

/** zstd frame content size from the header (first frame), or null when not recorded or not a zstd frame. */
export function zstdContentSize(head: Uint8Array): number | null {
  if (detectFormat(head, '') !== 'zstd') return null;
  return zstdFrameHeader(head)?.contentSize ?? null;
}

/** Format from magic bytes: gzip 1f 8b, zstd 28 b5 2f fd, zlib header check; brotli has no magic, so by extension. */
export function detectFormat(head: Uint8Array, name: string): Algorithm | null {
  const [a = -1, b = -1, c = -1, d = -1] = head;
  if (a === 0x1f && b === 0x8b) return 'gzip';
  if (a === 0x28 && b === 0xb5 && c === 0x2f && d === 0xfd) return 'zstd';
  if (a >= 0x50 && a <= 0x5f && b === 0x2a && c === 0x4d && d === 0x18) return 'zstd'; // skippable frame
  if (name.endsWith('.br')) return 'brotli';
  // zlib: CM 8, CINFO ≤ 7, FCHECK; one with FDICT set is a zlib stream too (it fails saying it needs its dictionary)
  if ((a & 0x0f) === 8 && a >> 4 <= 7 && b >= 0 && (a * 256 + b) % 31 === 0) return 'deflate';
  return null;
}

