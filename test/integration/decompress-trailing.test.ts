// Data after the compressed data is never dropped in silence (issue 18.1): per format one rule, the same for small
// files (decoded in one call), large ones (streamed), `test` and `-c`; the cause and its place named, the original
// untouched and no output left. gzip NUL padding and zstd skippable frames are part of their formats.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { decompressFiles, decompressFileTo, testFiles } from '../../src/index.js';
import { compressSync } from '../../workers/codecs.js';
import type { Algorithm } from '../../workers/codecs.js';
import { randomBytes } from '../helpers/payloads.js';
import { collect, tempDir } from '../helpers/temp.js';

const EXT: Readonly<Record<Algorithm, string>> = { gzip: 'gz', deflate: 'zz', brotli: 'br', zstd: 'zst' };
const small = Buffer.from('hello, trailing data\n'.repeat(50));
const large = randomBytes(11, 9 << 20); // compressed it stays over 8 MiB: the streamed path
const skippable = Buffer.from([0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3]);

type Case = readonly [label: string, algorithm: Algorithm, tail: (packed: Buffer) => Buffer, expected: string];
const CASES: readonly Case[] = [
  ['a second stream', 'brotli', (p) => p, 'ERR_PARIO_TRAILING_DATA'],
  ['junk', 'brotli', () => Buffer.from('junk'), 'ERR_PARIO_TRAILING_DATA'],
  ['one NUL', 'brotli', () => Buffer.alloc(1), 'ERR_PARIO_TRAILING_DATA'],
  ['a second stream', 'deflate', (p) => p, 'ERR_PARIO_TRAILING_DATA'],
  ['junk', 'deflate', () => Buffer.from('junk'), 'ERR_PARIO_TRAILING_DATA'],
  ['text', 'gzip', () => Buffer.from('yyy\n'), 'ERR_PARIO_TRAILING_DATA'],
  ['a NUL, then text', 'gzip', () => Buffer.from('\0\0text'), 'ERR_PARIO_TRAILING_DATA'],
  ['NUL padding', 'gzip', () => Buffer.alloc(512), 'ok'],
  ['a second member', 'gzip', (p) => p, 'ok'],
  ['garbage', 'zstd', () => Buffer.from('garbage'), 'ERR_PARIO_TRAILING_DATA'],
  ['NULs', 'zstd', () => Buffer.alloc(4), 'ERR_PARIO_TRAILING_DATA'],
  ['a skippable frame', 'zstd', () => skippable, 'ok'],
  ['a second frame', 'zstd', (p) => p, 'ok'],
];

/** A Writable that keeps what it is given. */
function sink(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => void (chunks.push(Buffer.from(chunk)), done()) });
  return Object.assign(stream, { bytes: () => Buffer.concat(chunks) });
}

/** The large (streamed) variants: one per kind of ending, each format once. */
const LARGE = new Set([1, 3, 5, 6, 7, 9, 11]);

for (const [size, payload] of [['small', small], ['large (streamed)', large]] as const) {
  describe(`${size} files followed by data`, () => {
    const dir = tempDir('pario-trailing-');
    const files = CASES.filter((_, i) => payload === small || LARGE.has(i)).map(([label, algorithm, tail, expected], i) => {
      const packed = compressSync(algorithm, payload, 1);
      const name = `f${i}.${EXT[algorithm]}`;
      const bytes = Buffer.concat([packed, tail(packed)]);
      writeFileSync(join(dir, name), bytes);
      const content = tail(packed) === packed ? Buffer.concat([payload, payload]) : payload;
      return { label: `.${EXT[algorithm]} + ${label}`, name, bytes, expected, content, packedLength: packed.byteLength };
    });

    it('decompressFiles and testFiles: one rule per format, the place named, nothing left behind', async () => {
      const out = join(dir, 'out');
      const names = files.map((f) => f.name);
      const decompressed = new Map((await collect(decompressFiles(names, { cwd: dir, outDir: out }))).map((r) => [r.path, r]));
      const tested = new Map((await collect(testFiles(names, { cwd: dir }))).map((r) => [r.path, r]));
      for (const file of files) {
        const result = decompressed.get(file.name);
        expect(result?.status === 'ok' ? 'ok' : result?.code, file.label).toBe(file.expected);
        expect(tested.get(file.name)?.code ?? 'ok', `test ${file.label}`).toBe(file.expected);
        expect(readFileSync(join(dir, file.name)).equals(file.bytes), `${file.label}: the original is untouched`).toBe(true);
        const output = join(out, file.name.replace(/\.\w+$/, ''));
        if (file.expected !== 'ok') {
          expect(existsSync(output), file.label).toBe(false);
          const oneStream = file.name.endsWith('.br') || file.name.endsWith('.zz');
          if (oneStream) expect(result?.message, file.label).toContain(`from byte ${file.packedLength}`);
        } else {
          expect(readFileSync(output).equals(file.content), file.label).toBe(true);
        }
      }
    });

    it('decompressFileTo (-c) follows the same rule', async () => {
      for (const file of files) {
        const writable = sink();
        const outcome = await decompressFileTo(join(dir, file.name), writable)
          .then(() => 'ok', (error: { fileCode?: string }) => error.fileCode);
        expect(outcome, file.label).toBe(file.expected);
        if (file.expected === 'ok') expect(writable.bytes().equals(file.content), file.label).toBe(true);
      }
    });
  });
}
