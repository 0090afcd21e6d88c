// Pools shared by the tests of one file (one per thread count), closed after its last test; and a scan of a file's
// structure through positional reads, as the big-file decoders do it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { afterAll } from 'vitest';
import { createPool } from '../../src/pool/pool.js';
import type { ParioPool } from '../../src/pool/pool.js';

export function sharedPools(...jobs: number[]): Map<number, ParioPool> {
  const pools = new Map<number, ParioPool>(jobs.map((n) => [n, createPool(n)]));
  afterAll(async () => {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  });
  return pools;
}

export function scanFile<T>(path: string, scan: (size: number, read: (view: Uint8Array, position: number) => number) => T): T {
  const fd = openSync(path, 'r');
  try {
    return scan(fstatSync(fd).size, (view, position) => readSync(fd, view, 0, view.byteLength, position));
  } finally {
    closeSync(fd);
  }
}
