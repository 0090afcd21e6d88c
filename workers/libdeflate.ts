// Whole-buffer gzip and zlib-format compression with libdeflate (the WASM build in the `libdeflate`
// package): at -6 on the bench's 5,000-file corpus it takes 26% less CPU than Node's zlib and writes 0.16% fewer
// bytes, and its output is plain gzip/zlib that every inflater reads. Node's zlib is used where it does not load,
// where PARIO_NO_LIBDEFLATE=1, and always for streams and the big-file blocks (libdeflate compresses whole buffers
// only and has no preset dictionary). The modules that compress load it once per thread (loadLibdeflate() at their
// top level, ~10 ms), so calls stay synchronous and a decompress-only thread never loads it.

import { libdeflateAllowed } from './compress-protocol.js';

/** The part of libdeflate 0.1.0 pario uses: each call compresses one whole buffer into a fresh Uint8Array. */
interface Libdeflate {
  gzip(input: Uint8Array, level: number): Uint8Array;
  zlib(input: Uint8Array, level: number): Uint8Array;
}

export type DeflateBackend = 'libdeflate' | 'node:zlib';

/** Larger inputs go to Node's zlib: WASM memory grows to hold input and output and never shrinks. */
export const LIBDEFLATE_MAX_INPUT = 64 << 20;

/**
 * Smaller inputs go to Node's zlib too: each libdeflate call first sets up a compressor (its match finder's tables) in
 * WASM, which costs more than compressing a small input. Node 20, -6, one thread, the bench corpus's files by size:
 * libdeflate took 1.81x zlib's time for 1-4 KiB, 1.16x for 4-8 KiB, 0.98x for 8-16 KiB, 0.85x for 16-32 KiB and
 * 0.76x above; 140-byte inputs 58 µs against 14. The outputs differ by a few bytes at most below this size. 20,000
 * files of 140 bytes on tmpfs, 2 threads: 0.65x the user CPU and 0.76x the wall time of libdeflate for every file.
 */
export const LIBDEFLATE_MIN_INPUT = 8 << 10;

async function load(): Promise<Libdeflate | null> {
  // Without WebAssembly (node --jitless) the package would print "Aborted(no native wasm support detected)".
  if (!libdeflateAllowed()) return null;
  // Its Emscripten glue installs process-wide uncaughtException / unhandledRejection handlers that rethrow (a crash
  // would then exit 7 with the glue's source on stderr): they are removed again once the module is up.
  const uncaught = new Set(process.listeners('uncaughtException'));
  const unhandled = new Set(process.listeners('unhandledRejection'));
  try {
    const lib = (await import('libdeflate')) as Libdeflate;
    // A broken build would fail here, once, instead of failing every file later.
    lib.gzip(new Uint8Array(1), 1);
    return lib;
  } catch {
    return null;
  } finally {
    for (const l of process.listeners('uncaughtException')) if (!uncaught.has(l)) process.removeListener('uncaughtException', l);
    for (const l of process.listeners('unhandledRejection')) if (!unhandled.has(l)) process.removeListener('unhandledRejection', l);
  }
}

let lib: Libdeflate | null = null;
let loading: Promise<void> | undefined;

/** Loads libdeflate into this thread (once); until it has, compressSync() uses Node's zlib. */
export function loadLibdeflate(): Promise<void> {
  loading ??= load().then((loaded) => void (lib = loaded));
  return loading;
}

/** Which implementation compresses whole gzip and .zz buffers in this thread. */
export function deflateBackend(): DeflateBackend {
  return lib === null ? 'node:zlib' : 'libdeflate';
}

/**
 * gzip or zlib-format bytes of `input` at `level` (1–9), or null when libdeflate is not loaded or the input is outside
 * LIBDEFLATE_MIN_INPUT … LIBDEFLATE_MAX_INPUT (the caller uses Node's zlib). The result owns its memory (a fresh
 * ArrayBuffer), so it may be written, kept or moved.
 */
export function libdeflateCompress(format: 'gzip' | 'zlib', input: Uint8Array, level: number): Buffer | null {
  if (lib === null || level < 1 || input.byteLength > LIBDEFLATE_MAX_INPUT || input.byteLength < LIBDEFLATE_MIN_INPUT) return null;
  const out = format === 'gzip' ? lib.gzip(input, level) : lib.zlib(input, level);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
