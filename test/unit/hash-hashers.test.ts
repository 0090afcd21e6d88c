import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS, DIGEST_HEX_LENGTH, type Algorithm, type DigestKind } from '../../workers/algorithms.js';
import { backendOf, createHasher, prepareHashers, prepareWasm, type Backend } from '../../workers/hashers.js';
import { tempDir } from '../helpers/temp.js';
import { hasTool, runTool } from '../helpers/hash-tools.js';

const dir = tempDir('pario-hashers-');
const FILES: Record<string, Buffer> = {
  empty: Buffer.alloc(0),
  one: Buffer.from('x'),
  text: Buffer.from('hello\n'),
  odd: randomBytes(1000),
  big: randomBytes(3 * 1024 * 1024 + 17),
};
for (const [name, bytes] of Object.entries(FILES)) writeFileSync(join(dir, name), bytes);

/** The real tool's digest of a file, for each algorithm. */
function oracle(algorithm: Algorithm, name: string): string {
  const file = join(dir, name);
  const first = (tool: string, ...args: string[]): string => runTool(tool, [...args, file]).toString().split(/\s/)[0] ?? '';
  switch (algorithm) {
    case 'sha256': return first('sha256sum');
    case 'sha1': return first('sha1sum');
    case 'md5': return first('md5sum');
    case 'sha512': return first('sha512sum');
    case 'blake2b': return first('b2sum');
    case 'blake3': return first('b3sum');
    case 'xxh32': return first('xxhsum', '-H32');
    case 'xxh64': return first('xxhsum', '-H64');
    case 'xxh128': return first('xxhsum', '-H128');
    case 'xxh3': return /= ([0-9a-f]+)/.exec(runTool('xxhsum', ['-H3', file]).toString())?.[1] ?? '';
    case 'crc32': return runTool('gzip', ['-c', file]).subarray(-8, -4).reverse().toString('hex');
  }
}

const TOOL: Record<Algorithm, string> = {
  sha256: 'sha256sum', sha1: 'sha1sum', md5: 'md5sum', sha512: 'sha512sum', blake2b: 'b2sum',
  blake3: 'b3sum', xxh32: 'xxhsum', xxh64: 'xxhsum', xxh3: 'xxhsum', xxh128: 'xxhsum', crc32: 'gzip',
};

function digestInChunks(algorithm: DigestKind, bytes: Uint8Array, backend?: Backend): string {
  const hasher = createHasher(algorithm, backend);
  // Odd chunk sizes, some views not at offset 0 of their buffer.
  for (let offset = 0, step = 1; offset < bytes.byteLength; offset += step, step = step * 7 + 3) {
    hasher.update(bytes.subarray(offset, Math.min(bytes.byteLength, offset + step)));
  }
  return hasher.digest();
}

await prepareHashers(ALGORITHMS);

describe('hashers', () => {
  for (const algorithm of ALGORITHMS) {
    it.skipIf(!hasTool(TOOL[algorithm]))(`${algorithm} (${backendOf(algorithm)}) matches ${TOOL[algorithm]}`, () => {
      for (const [name, bytes] of Object.entries(FILES)) {
        const digest = digestInChunks(algorithm, bytes);
        expect(digest, name).toHaveLength(DIGEST_HEX_LENGTH[algorithm]);
        expect(digest, name).toBe(oracle(algorithm, name));
      }
    });
  }

  it('the WASM fallbacks give the same digests as the native and node:crypto ones', async () => {
    const wasm: DigestKind[] = ['blake3', 'xxh32', 'xxh64', 'xxh3', 'xxh128', 'crc32', 'blake2b-128', 'blake2b-256'];
    await prepareWasm(wasm);
    for (const algorithm of wasm) {
      for (const bytes of Object.values(FILES)) {
        expect(digestInChunks(algorithm, bytes, 'wasm')).toBe(digestInChunks(algorithm, bytes));
      }
    }
  });

  it.skipIf(!hasTool('b2sum'))('BLAKE2b of other lengths matches b2sum -l N', () => {
    for (const bits of [8, 128, 160, 256, 504]) {
      for (const name of Object.keys(FILES)) {
        const expected = runTool('b2sum', ['-l', String(bits), join(dir, name)]).toString().split(' ')[0];
        expect(digestInChunks(`blake2b-${bits}`, FILES[name] ?? Buffer.alloc(0)), `${bits} ${name}`).toBe(expected);
      }
    }
  });

  it('hashes views of a SharedArrayBuffer', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(64), 8, 6);
    shared.set(readFileSync(join(dir, 'text')));
    for (const algorithm of ALGORITHMS) {
      const hasher = createHasher(algorithm);
      hasher.update(shared);
      expect(hasher.digest()).toBe(digestInChunks(algorithm, FILES['text'] ?? Buffer.alloc(0)));
    }
  });

  it('a WASM hasher goes back to its pool after digest()', () => {
    for (let i = 0; i < 3; i++) createHasher('xxh128').digest();
    const a = createHasher('xxh128');
    a.update(Buffer.from('a'));
    expect(a.digest()).toBe(digestInChunks('xxh128', Buffer.from('a')));
  });
});

describe('reused native hashers', () => {
  it('two hashers of one algorithm at once stay apart, and a reused one starts clean', async () => {
    await prepareWasm(['blake3', 'xxh32', 'xxh64', 'xxh3']);
    for (const algorithm of ['blake3', 'xxh32', 'xxh64', 'xxh3'] as const) {
      const expected = (text: string): string => digestInChunks(algorithm, Buffer.from(text), 'wasm');
      const a = createHasher(algorithm);
      const b = createHasher(algorithm);
      a.update(Buffer.from('first'));
      b.update(Buffer.from('second'));
      expect(a.digest(), algorithm).toBe(expected('first'));
      const c = createHasher(algorithm); // the instance a gave back, reset
      c.update(Buffer.from('third'));
      expect(b.digest(), algorithm).toBe(expected('second'));
      expect(c.digest(), algorithm).toBe(expected('third'));
    }
  });
});
