import { deflateSync, gzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateBlockSync } from '../../workers/blocks.js';
import { gzipHeader, gzipTrailer, zlibHeader, zlibTrailer } from '../../src/bigfile/container.js';
import { planBlocks } from '../../src/bigfile/plan.js';
import { OptionError } from '../../src/errors.js';
import { compressBuffer, compressFile } from '../../src/bigfile/index.js';
import { resolveBigFileOptions, windowSize } from '../../src/bigfile/options.js';

const text = Buffer.from('pario compresses one huge file on every core. '.repeat(2000));

function shared(data: Uint8Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(data.byteLength);
  new Uint8Array(sab).set(data);
  return sab;
}

describe('gzip and zlib containers', () => {
  it('a one-block stream is byte-identical to zlib.gzipSync / deflateSync at the same level', () => {
    for (const level of [1, 6, 9]) {
      const block = deflateBlockSync({
        input: { kind: 'shared', path: 't', buffer: shared(text), offset: 0, length: text.length, dictLength: 0 },
        level, last: true, check: 'crc32',
      });
      if (!block.ok) throw new Error(block.message);
      const gz = Buffer.concat([gzipHeader(level), block.bytes!, gzipTrailer(block.check, text.length)]);
      expect(gz.equals(gzipSync(text, { level }))).toBe(true);
    }
    for (let level = 0; level <= 9; level++) {
      // level 0 (stored) splits blocks by output buffer size, so only its round trip is compared
      const block = deflateBlockSync({
        input: { kind: 'shared', path: 't', buffer: shared(text), offset: 0, length: text.length, dictLength: 0 },
        level, last: true, check: 'adler32',
      });
      if (!block.ok) throw new Error(block.message);
      const z = Buffer.concat([zlibHeader(level), block.bytes!, zlibTrailer(block.check)]);
      if (level === 0) expect(inflateSync(z).equals(text)).toBe(true);
      else expect(z.equals(deflateSync(text, { level }))).toBe(true);
    }
  });

  it('gzip header records mtime and name when asked, and ISIZE wraps mod 2^32', () => {
    const header = Buffer.from(gzipHeader(6, { mtime: 1_700_000_000, name: 'big.log' }));
    expect(header[3]).toBe(0x08);
    expect(header.readUInt32LE(4)).toBe(1_700_000_000);
    expect(header.subarray(10).toString('latin1')).toBe('big.log\0');
    expect(Buffer.from(gzipHeader(6)).equals(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]))).toBe(true);
    expect(Buffer.from(gzipTrailer(0xdeadbeef, 2 ** 32 + 5)).readUInt32LE(4)).toBe(5);
  });
});

describe('planBlocks', () => {
  it('covers the input exactly, primes every block but the first, marks only the last', () => {
    expect([...planBlocks(0, 100)]).toEqual([{ index: 0, position: 0, length: 0, dictLength: 0, last: true }]);
    expect([...planBlocks(1, 100)].map((b) => [b.length, b.last])).toEqual([[1, true]]);
    expect([...planBlocks(100, 100)]).toHaveLength(1);
    const blocks = [...planBlocks(3 * 65536 + 1, 65536)];
    expect(blocks.map((b) => [b.position, b.length, b.dictLength, b.last])).toEqual([
      [0, 65536, 0, false], [65536, 65536, 32768, false], [131072, 65536, 32768, false], [196608, 1, 32768, true],
    ]);
    expect([...planBlocks(3 * 65536, 65536, 65536)].every((b) => b.dictLength === 0)).toBe(true);
  });
});

describe('resolveBigFileOptions', () => {
  it('applies per-format defaults and rejects bad values with OptionError-style messages', () => {
    expect(resolveBigFileOptions({ jobs: 2 })).toMatchObject({ format: 'gzip', level: 6, blockSize: 1 << 20, io: 'auto', mtime: 0 });
    expect(resolveBigFileOptions({ format: 'zstd', jobs: 2 })).toMatchObject({ level: 3, blockSize: 8 << 20 });
    expect(() => resolveBigFileOptions({ blockSize: 1000 })).toThrow(OptionError);
    expect(() => resolveBigFileOptions({ level: 10 })).toThrow(/Expected `level` to be an integer from 0 to 9, got 10/);
    expect(() => resolveBigFileOptions({ io: 'random' as never })).toThrow(/io/);
    expect(windowSize(2)).toBe(7);
  });

  it('an index interval a parallel task could not decode (over 64 MiB once rounded to blocks) writes no index', () => {
    expect(resolveBigFileOptions({ jobs: 2 })).toMatchObject({ indexEvery: 4 << 20, restart: 4 << 20 });
    expect(resolveBigFileOptions({ jobs: 2, indexInterval: 64 << 20 })).toMatchObject({ indexEvery: 64 << 20 });
    expect(resolveBigFileOptions({ jobs: 2, blockSize: 128 << 20 })).toMatchObject({ indexEvery: 0, restart: Infinity });
    expect(resolveBigFileOptions({ jobs: 2, indexInterval: (64 << 20) + 1 })).toMatchObject({ indexEvery: 0 });
  });

  it('the public calls reject bad arguments with OptionError before doing any work', async () => {
    await expect(compressBuffer('text' as never)).rejects.toBeInstanceOf(OptionError);
    await expect(compressFile('' as never)).rejects.toMatchObject({ code: 'ERR_PARIO_OPTION' });
    await expect(compressFile('x', { format: 'brotli' as never })).rejects.toThrow(/Expected `format` to be one of gzip, zlib, raw, zstd/);
  });
});
