// Generated inputs for the block-parallel tests: the edge sizes around a block, text, random and zeros.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEST_BLOCK = 64 * 1024;

/** Deterministic text-like bytes (compressible, with long-range repeats). */
export function textish(size: number, seed = 1): Buffer {
  const words = ['alpha ', 'beta ', 'gamma\n', 'delta ', 'pario ', '0123 ', 'zeta ', 'omega\n'];
  const out = Buffer.alloc(size);
  let x = seed;
  for (let at = 0; at < size;) {
    x = (x * 1103515245 + 12345) >>> 0;
    at += out.write(words[(x >>> 16) % words.length] ?? '', at);
  }
  return out;
}

/** name → bytes, written into `dir`; returns name → absolute path. */
export function writeInputs(dir: string): Map<string, { path: string; data: Buffer }> {
  const inputs: [string, Buffer][] = [
    ['empty', Buffer.alloc(0)],
    ['one-byte', Buffer.from('x')],
    ['one-block', textish(TEST_BLOCK)],
    ['one-block-plus-one', textish(TEST_BLOCK + 1)],
    ['many-blocks', textish(37 * TEST_BLOCK + 4321)],
    ['incompressible', randomBytes(6 * TEST_BLOCK + 3)],
    ['zeros', Buffer.alloc(48 * TEST_BLOCK)],
  ];
  const out = new Map<string, { path: string; data: Buffer }>();
  for (const [name, data] of inputs) {
    const path = join(dir, `${name}.bin`);
    writeFileSync(path, data);
    out.set(name, { path, data });
  }
  return out;
}
