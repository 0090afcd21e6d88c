// Handing fresh buffers back to the main thread without a copy, through Piscina's move(). Piscina's main module (its
// pool, queues and histograms) is loaded on the first call only: a worker needs it just for the big-file blocks
// (most compress runs have none) and mapFiles results, and importing it at start cost each compress worker ~20 ms
// of its ~0.2 s boot (measured with the warm-up alone: 2 workers, 36 → 15 ms for the `blocks` kind). It is a
// synchronous require, so no import() is in flight when a pool ends (see index.ts).
import { createRequire } from 'node:module';
import type { Piscina } from 'piscina';

type Mover = Pick<typeof Piscina, 'move' | 'transferableSymbol' | 'valueSymbol'>;
let piscina: Mover | undefined;

/** `value` as Piscina sends it back: the value itself is cloned, the ArrayBuffers in `buffers` are moved. */
export function withMoved<T>(value: T, buffers: Iterable<ArrayBuffer>): T {
  piscina ??= createRequire(import.meta.url)('piscina') as Mover;
  const { move, transferableSymbol, valueSymbol } = piscina;
  // move() unwraps only the top-level value: this wrapper moves buffers nested anywhere in `value` (deps.md §5).
  return move({ [transferableSymbol]: [...buffers], [valueSymbol]: value } as unknown as ArrayBuffer) as unknown as T;
}
