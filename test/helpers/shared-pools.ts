// Pools shared by the tests of one file (one per thread count), closed after its last test; and a scan of a file's
// structure through positional reads, as the big-file decoders do it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { afterAll } from 'vitest';
import { decodeFrames } from '../../src/bigfile/decode-frames.js';
import { createPool } from '../../src/pool/pool.js';
import { namedRef } from '../../workers/file-protocol.js';
import { openInput } from '../../workers/open.js';
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

type Work = Parameters<typeof decodeFrames>[3];

/** `path` decoded piece by piece on `pool` from what `scan` finds in it (what decompress -c does). */
export async function decodeAll<R extends object>(
  path: string, pool: ParioPool, scan: (size: number, read: (view: Uint8Array, position: number) => number) => R,
  work: (found: Exclude<R, { readonly serial: string }>) => Work,
): Promise<Buffer> {
  const input = openInput(namedRef(path));
  try {
    const found = scan(input.size, (view, position) => readSync(input.fd, view, 0, view.byteLength, position));
    if ('serial' in found) throw new Error(`serial: ${String(found.serial)}`);
    const pieces: Buffer[] = [];
    const parallel = work(found as Exclude<R, { readonly serial: string }>);
    await decodeFrames(path, namedRef(path), input, parallel, pool, (bytes) => void pieces.push(Buffer.from(bytes)));
    return Buffer.concat(pieces);
  } finally {
    closeSync(input.fd);
  }
}
