import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  brotliWindow, compressSync, decompressSync, detectFormat, zstdBackend, zstdContentSize,
} from '../../workers/codecs.js';
import type { Algorithm } from '../../workers/codecs.js';
import { has as requireTool } from '../helpers/oracle.js';

const text = Buffer.from('pario compresses many files on every core.\n'.repeat(3000));
const binary = randomBytes(100_000);
const inputs: [string, Buffer][] = [['empty', Buffer.alloc(0)], ['text', text], ['binary', binary]];

function tool(args: string[], input: Uint8Array): { status: number | null; stdout: Buffer } {
  const [cmd, ...rest] = args;
  const run = spawnSync(cmd!, rest, { input, maxBuffer: 1 << 28 });
  return { status: run.status, stdout: run.stdout };
}

const oracles: [Algorithm, string, string[], string[]][] = [
  ['gzip', 'gzip', ['gzip', '-dc'], ['gzip', '-t']],
  ['zstd', 'zstd', ['zstd', '-dc'], ['zstd', '-t']],
  ['brotli', 'brotli', ['brotli', '-dc'], ['brotli', '-t']],
];

describe('compressSync output is accepted by the system tools', () => {
  for (const [algorithm, name, dc, t] of oracles) {
    describe.skipIf(!requireTool(name))(name, () => {
      for (const [label, data] of inputs) {
        it(`${label} round trips through ${dc.join(' ')} and passes ${t.join(' ')}`, () => {
          const level = algorithm === 'brotli' ? 5 : algorithm === 'zstd' ? 3 : 6;
          const packed = compressSync(algorithm, data, level);
          const back = tool(dc, packed);
          expect(back.status).toBe(0);
          expect(back.stdout.equals(data)).toBe(true);
          expect(tool(t, packed).status).toBe(0);
        });
      }
    });
  }
});

describe('decompressSync', () => {
  it('round trips every algorithm', () => {
    for (const algorithm of ['gzip', 'deflate', 'brotli', 'zstd'] as const) {
      for (const [, data] of inputs) {
        const packed = compressSync(algorithm, data, algorithm === 'brotli' ? 4 : 3);
        expect(decompressSync(algorithm, packed, 1 << 24).equals(data)).toBe(true);
      }
    }
  });

  it.skipIf(!requireTool('gzip'))('reads multi-member gzip like gzip -dc', () => {
    const two = Buffer.concat([compressSync('gzip', Buffer.from('one\n'), 6), tool(['gzip', '-c'], Buffer.from('two\n')).stdout]);
    expect(decompressSync('gzip', two, 1000).toString()).toBe('one\ntwo\n');
  });

  it('refuses an output above the limit (decompression bomb)', () => {
    for (const algorithm of ['gzip', 'deflate', 'brotli', 'zstd'] as const) {
      const bomb = compressSync(algorithm, Buffer.alloc(1 << 20), 1);
      expect(() => decompressSync(algorithm, bomb, 1000)).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }));
    }
  });

  it('throws on a truncated gzip', () => {
    const packed = compressSync('gzip', text, 6);
    expect(() => decompressSync('gzip', packed.subarray(0, packed.length - 9), 1 << 24)).toThrow();
  });
});

describe('format detection and zstd details', () => {
  it('detects gzip, zlib and zstd by magic bytes and brotli by extension', () => {
    expect(detectFormat(compressSync('gzip', text, 6), 'a.bin')).toBe('gzip');
    expect(detectFormat(compressSync('deflate', text, 6), 'a.bin')).toBe('deflate');
    expect(detectFormat(compressSync('zstd', text, 3), 'a.bin')).toBe('zstd');
    expect(detectFormat(compressSync('brotli', text, 4), 'a.js.br')).toBe('brotli');
    expect(detectFormat(Buffer.from('plain text'), 'a.txt')).toBe(null);
  });

  it('records the content size in zstd frames', () => {
    expect(zstdBackend()).not.toBe(null);
    expect(zstdContentSize(compressSync('zstd', text, 3))).toBe(text.length);
    expect(zstdContentSize(compressSync('zstd', Buffer.alloc(0), 3))).toBe(0);
    expect(zstdContentSize(compressSync('zstd', binary, 3))).toBe(binary.length);
  });

  it('sizes the brotli window like the brotli CLI', () => {
    expect(brotliWindow(0)).toBe(10);
    expect(brotliWindow(1000)).toBe(10);
    expect(brotliWindow(1009)).toBe(11);
    expect(brotliWindow(1 << 30)).toBe(24);
  });
});
