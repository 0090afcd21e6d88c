// Which zstd pario runs: the optional zstd-napi package where it loads, else Node's built-in zlib zstd (Node ≥ 22.15).
// zstd-napi keeps one context and writes into memory pario hands it; the built-in makes a context and gathers output
// chunks on every call. On Node 24.22 (zstd 1.5.7 both) zstd-napi took 0.80× the time of the built-in to compress
// node_modules file by file and 0.51× to decompress it, and one 512 MiB file compressed in 0.89× (text) and 0.85×
// (binary) the time at half the peak memory. PARIO_NO_ZSTD_NAPI=1 never loads zstd-napi: the built-in only. zstd-napi
// is loaded here alone (zstdNapi), by the main thread's check (zstd-available.ts) and by the workers alike.
import { createRequire } from 'node:module';
import { ZSTD_UNAVAILABLE_TEXT } from './compress-protocol.js';

/** False when PARIO_NO_ZSTD_NAPI=1: zstd-napi is not to be loaded. */
export function napiAllowed(): boolean {
  return process.env['PARIO_NO_ZSTD_NAPI'] !== '1';
}

/** Why zstd cannot run here, naming PARIO_NO_ZSTD_NAPI=1 when that kept zstd-napi from loading. */
export function zstdUnavailableText(): string {
  if (napiAllowed()) return ZSTD_UNAVAILABLE_TEXT;
  return 'zstd is unavailable: this Node has no built-in zstd (needs ≥ 22.15) and PARIO_NO_ZSTD_NAPI=1 keeps the optional package '
    + 'zstd-napi from loading';
}

/**
 * zstd-napi's module `id` (its JavaScript or its native binding), as every place that runs zstd loads it: null where
 * PARIO_NO_ZSTD_NAPI=1 or it does not load. Out of descriptors (a low `ulimit -n`) is thrown: it says nothing about zstd.
 */
export function zstdNapi<T>(id: 'zstd-napi' | 'zstd-napi/binding'): T | null {
  if (!napiAllowed()) return null;
  try {
    return createRequire(import.meta.url)(id) as T;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EMFILE' || code === 'ENFILE') throw error;
    return null;
  }
}
