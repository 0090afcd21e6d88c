// Sync one-shot codecs for every algorithm, format detection and the zstd backend choice. zstd frames carry their
// content size and an XXH64 checksum (as the zstd CLI writes them), so a damaged .zst fails `pario test`.
// No file I/O here, but zstd may load native code: the main thread takes constants from compress-protocol.ts instead.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

import type { Algorithm } from './compress-protocol.js';
import { ALGORITHMS, DEFAULT_MAX_OUTPUT, EXTENSIONS, MAX_OUTPUT_RATIO, ZSTD_UNAVAILABLE } from './compress-protocol.js';
import { libdeflateCompress } from './libdeflate.js';
import { napiDecompress, stopWhenDestroyed } from './zstd-napi-bounded.js';
import type { ZstdNapiBinding } from './zstd-napi-bounded.js';

export type { Algorithm };

/** The part of zstd-napi 0.0.13 pario uses (declared here so the optional package is not needed to build). */
interface ZstdNapi {
  compress(data: Uint8Array, parameters?: { compressionLevel?: number; contentSizeFlag?: boolean; checksumFlag?: boolean }): Buffer;
  decompress(data: Uint8Array): Buffer;
  CompressStream: new (parameters?: { compressionLevel?: number; checksumFlag?: boolean }) => Transform;
  DecompressStream: new () => Transform;
}
interface ZstdBackend {
  readonly name: 'node:zlib' | 'zstd-napi';
  compress(data: Uint8Array, level: number): Buffer;
  decompress(data: Uint8Array, maxOutputLength: number): Buffer;
  compressStream(level: number): Transform;
  decompressStream(): Transform;
}

type ZlibWithZstd = typeof zlib & {
  zstdCompressSync?: (data: Uint8Array, options: object) => Buffer;
  zstdDecompressSync?: (data: Uint8Array, options: object) => Buffer;
  createZstdCompress?: (options: object) => Transform;
  createZstdDecompress?: (options?: object) => Transform;
};

let zstdCache: ZstdBackend | null | undefined;

/** Built-in zlib zstd where the running Node has it (≥ 22.15), else zstd-napi, else null. */
export function zstdBackend(): ZstdBackend | null {
  if (zstdCache !== undefined) return zstdCache;
  const z = zlib as ZlibWithZstd;
  const c = zlib.constants as unknown as Record<string, number>;
  if (typeof z.zstdCompressSync === 'function' && typeof z.zstdDecompressSync === 'function') {
    const { zstdCompressSync, zstdDecompressSync, createZstdCompress, createZstdDecompress } = z;
    const params = (level: number) => ({
      params: { [c['ZSTD_c_compressionLevel'] ?? 100]: level, [c['ZSTD_c_contentSizeFlag'] ?? 200]: 1, [c['ZSTD_c_checksumFlag'] ?? 201]: 1 },
    });
    zstdCache = {
      name: 'node:zlib',
      compress: (data, level) => zstdCompressSync(data, params(level)),
      decompress: (data, maxOutputLength) => zstdDecompressSync(data, { maxOutputLength }),
      compressStream: (level) => createZstdCompress!(params(level)),
      decompressStream: () => createZstdDecompress!(),
    };
    return zstdCache;
  }
  try {
    const require = createRequire(import.meta.url);
    const napi = require('zstd-napi') as ZstdNapi;
    const binding = require('zstd-napi/binding') as ZstdNapiBinding;
    zstdCache = {
      name: 'zstd-napi',
      compress: (data, level) => napi.compress(data, { compressionLevel: level, contentSizeFlag: true, checksumFlag: true }),
      decompress: (data, maxOutputLength) => napiDecompress(binding, data, maxOutputLength),
      compressStream: (level) => new napi.CompressStream({ compressionLevel: level, checksumFlag: true }),
      decompressStream: () => stopWhenDestroyed(new napi.DecompressStream()),
    };
  } catch {
    zstdCache = null;
  }
  return zstdCache;
}

function requireZstd(): ZstdBackend {
  const backend = zstdBackend();
  if (backend === null) throw Object.assign(new Error(ZSTD_UNAVAILABLE), { code: 'ERR_PARIO_ZSTD_UNAVAILABLE' });
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

/** The decompressed size a file may reach: the explicit limit, else max(1 GiB, 1000 × the compressed size). */
export function outputLimit(maxOutput: number | null, inputSize: number): number {
  return maxOutput ?? Math.max(DEFAULT_MAX_OUTPUT, MAX_OUTPUT_RATIO * inputSize);
}

/** The error of a file refused by its output limit (its message says which limit and how to change it). */
export function outputTooLarge(limit: number, explicit: boolean): Error {
  const which = explicit
    ? `the limit of ${limit} bytes (--max-output)`
    : `the default limit of ${limit} bytes (${MAX_OUTPUT_RATIO} × the input size, at least ${DEFAULT_MAX_OUTPUT} bytes; --max-output N to change it, 0 for none)`;
  return Object.assign(new Error(`refused as a possible decompression bomb: output exceeds ${which}`), { code: 'ERR_PARIO_TOO_LARGE' });
}

/**
 * Decompresses a whole input; gzip accepts several members one after another, zstd several frames.
 * Throws ERR_BUFFER_TOO_LARGE when the output would exceed `maxOutputLength` (decompression bombs).
 */
export function decompressSync(algorithm: Algorithm, input: Uint8Array, maxOutputLength: number): Buffer {
  switch (algorithm) {
    case 'gzip': return zlib.gunzipSync(input, { maxOutputLength });
    case 'deflate': return zlib.inflateSync(input, { maxOutputLength });
    case 'brotli': return zlib.brotliDecompressSync(input, { maxOutputLength });
    case 'zstd': return requireZstd().decompress(input, maxOutputLength);
  }
}

export function createDecompressor(algorithm: Algorithm): Transform {
  const chunkSize = 1 << 20;
  switch (algorithm) {
    case 'gzip': return zlib.createGunzip({ chunkSize });
    case 'deflate': return zlib.createInflate({ chunkSize });
    case 'brotli': return zlib.createBrotliDecompress({ chunkSize });
    case 'zstd': return requireZstd().decompressStream();
  }
}

/** zstd frame content size from the header (first frame), or null when not recorded or not a zstd frame. */
export function zstdContentSize(head: Uint8Array): number | null {
  if (detectFormat(head, '') !== 'zstd' || head.length < 6) return null;
  const fhd = head[4] ?? 0;
  const fcsFlag = fhd >> 6;
  const single = (fhd >> 5) & 1;
  const dictFlag = fhd & 3;
  if (fcsFlag === 0 && single === 0) return null;
  const pos = 5 + (single ? 0 : 1) + [0, 1, 2, 4][dictFlag]!;
  const bytes = [single ? 1 : 0, 2, 4, 8][fcsFlag]!;
  if (head.length < pos + bytes) return null;
  let value = 0;
  for (let i = bytes - 1; i >= 0; i -= 1) value = value * 256 + (head[pos + i] ?? 0);
  return bytes === 2 ? value + 256 : value;
}

/** Format from magic bytes: gzip 1f 8b, zstd 28 b5 2f fd, zlib header check; brotli has no magic, so by extension. */
export function detectFormat(head: Uint8Array, name: string): Algorithm | null {
  const [a = -1, b = -1, c = -1, d = -1] = head;
  if (a === 0x1f && b === 0x8b) return 'gzip';
  if (a === 0x28 && b === 0xb5 && c === 0x2f && d === 0xfd) return 'zstd';
  if (a >= 0x50 && a <= 0x5f && b === 0x2a && c === 0x4d && d === 0x18) return 'zstd'; // skippable frame
  if (name.endsWith('.br')) return 'brotli';
  if ((a & 0x0f) === 8 && a >> 4 <= 7 && b >= 0 && (a * 256 + b) % 31 === 0 && (b & 0x20) === 0) return 'deflate';
  return null;
}

/** The algorithm a compressed file name implies, used for the decompressed name. */
export function algorithmOfName(name: string): Algorithm | null {
  for (const algorithm of ALGORITHMS) if (name.endsWith(EXTENSIONS[algorithm])) return algorithm;
  return null;
}
