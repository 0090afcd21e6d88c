// Whether zstd can run here, checked on the main thread before a run starts (the workers load the same backends).
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { napiAllowed } from '../../workers/zstd-choice.js';

let cached: boolean | undefined;

/** Built-in zlib zstd (Node ≥ 22.15) or the optional zstd-napi package loads (unless PARIO_NO_ZSTD_NAPI=1). */
export function zstdAvailable(): boolean {
  if (cached !== undefined) return cached;
  if (typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function') return (cached = true);
  if (!napiAllowed()) return (cached = false);
  try {
    createRequire(import.meta.url)('zstd-napi');
    cached = true;
  } catch (error) {
    // Out of descriptors (a low `ulimit -n`) says nothing about zstd: that run ends saying what is wrong.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EMFILE' || code === 'ENFILE') throw error;
    cached = false;
  }
  return cached;
}
