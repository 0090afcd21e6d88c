// Whether zstd can run here, checked on the main thread before a run starts (the workers load the same backends).
import zlib from 'node:zlib';
import { zstdNapi } from '../../workers/zstd-choice.js';

let cached: boolean | undefined;

/** Built-in zlib zstd (Node ≥ 22.15) or the optional zstd-napi package loads (unless PARIO_NO_ZSTD_NAPI=1). */
export function zstdAvailable(): boolean {
  if (cached !== undefined) return cached;
  if (typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function') return (cached = true);
  cached = zstdNapi('zstd-napi') !== null; // out of descriptors is thrown: that run ends saying what is wrong
  return cached;
}
