// Property: compress → decompress is the identity for arbitrary buffers (empty, tiny, up to a few hundred KiB, long
// runs, random and text bytes), for every algorithm and a sample of levels, through the worker codecs (in-process,
// sync) and through the block-parallel path with small blocks (several blocks per buffer).
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compressSync, decompressSync } from '../../workers/codecs.js';
import type { Algorithm } from '../../workers/codecs.js';
import { compressBuffer } from '../../src/bigfile/index.js';
import type { BlockFormat } from '../../src/bigfile/index.js';
import { createPool } from '../../src/pool/pool.js';
import { buildPayload } from '../helpers/payloads.js';
import type { Segment } from '../helpers/payloads.js';

const SEED = 20261125;
const MAX = 64 << 20; // the in-memory cap the decompress worker passes (MEMORY_OUTPUT_MAX)

const segment: fc.Arbitrary<Segment> = fc.oneof(
  fc.record({ kind: fc.constant('run' as const), byte: fc.integer({ min: 0, max: 255 }), length: fc.integer({ min: 1, max: 120_000 }) }),
  fc.record({ kind: fc.constant('random' as const), seed: fc.integer(), length: fc.integer({ min: 1, max: 70_000 }) }),
  fc.record({ kind: fc.constant('text' as const), seed: fc.integer(), length: fc.integer({ min: 1, max: 90_000 }) }),
  fc.record({ kind: fc.constant('literal' as const), bytes: fc.uint8Array({ maxLength: 40 }) }),
);
/** Empty, a few bytes, or a mix of segments up to a few hundred KiB. */
const payload = fc.oneof(
  { arbitrary: fc.constant(Buffer.alloc(0)), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), weight: 3 },
  { arbitrary: fc.array(segment, { minLength: 1, maxLength: 6 }).map(buildPayload), weight: 6 },
);

const LEVELS: Record<Algorithm, readonly number[]> = { gzip: [1, 6, 9], deflate: [1, 6, 9], brotli: [0, 4, 9, 11], zstd: [1, 3, 9, 19] };
/** The slowest levels (brotli ≥ 9, zstd 19) run on the first 64 KiB only, to keep the file fast. */
function slow(algorithm: Algorithm, level: number): boolean {
  return (algorithm === 'brotli' && level >= 9) || (algorithm === 'zstd' && level >= 15);
}

describe('compress → decompress is the identity', () => {
  for (const algorithm of ['gzip', 'deflate', 'brotli', 'zstd'] as const) {
    it(`worker codecs, ${algorithm}, levels ${LEVELS[algorithm].join(' ')}`, () => {
      fc.assert(fc.property(payload, fc.constantFrom(...LEVELS[algorithm]), (data, level) => {
        const input = slow(algorithm, level) ? data.subarray(0, 64 << 10) : data;
        const packed = compressSync(algorithm, input, level);
        const back = decompressSync(algorithm, packed, MAX);
        expect(Buffer.compare(back, input)).toBe(0);
        // the output limit is exact: the original size passes, one byte less is refused
        if (input.byteLength > 0) expect(() => decompressSync(algorithm, packed, input.byteLength - 1)).toThrow();
      }), { seed: SEED, numRuns: algorithm === 'brotli' ? 100 : 150 });
    });
  }

  describe('block-parallel compressBuffer, 32 KiB blocks', () => {
    const pool = createPool(2);
    afterAll(() => pool.close());
    const decode: Record<Exclude<BlockFormat, 'raw'>, (b: Buffer) => Buffer> = {
      gzip: (b) => zlib.gunzipSync(b),
      zlib: (b) => zlib.inflateSync(b),
      zstd: (b) => decompressSync('zstd', b, MAX),
    };
    for (const format of ['gzip', 'zlib', 'zstd'] as const) {
      it(`${format}: one valid stream whatever the block count`, async () => {
        const levels = format === 'zstd' ? [1, 3, 9] : [0, 1, 6, 9];
        await fc.assert(fc.asyncProperty(payload, fc.constantFrom(...levels), fc.boolean(), async (data, level, independent) => {
          const packed = await compressBuffer(data, { format, level, blockSize: 32 << 10, independent, pool });
          expect(Buffer.compare(decode[format](packed), data)).toBe(0);
          if (format === 'gzip' && data.byteLength <= 32 << 10 && !independent) {
            expect(Buffer.compare(packed, zlib.gzipSync(data, { level }))).toBe(0); // one block: zlib's own bytes
          }
        }), { seed: SEED, numRuns: 80 });
      });
    }
  });
});

describe('zstd frames of the worker codecs', () => {
  it('carry an XXH64 checksum (frame header flag), like the zstd CLI writes them', () => {
    for (const level of [1, 3, 19]) {
      const frame = compressSync('zstd', Buffer.from('pario '.repeat(100)), level);
      expect(((frame[4] ?? 0) >> 2) & 1).toBe(1);
    }
  });

  it('decode whole at the decoder\'s 4 MiB output chunk boundaries (exact multiples, one byte more or less)', () => {
    for (const size of [(4 << 20) - 1, 4 << 20, (4 << 20) + 1, 8 << 20]) {
      const data = Buffer.alloc(size, `pario ${size} `);
      const packed = compressSync('zstd', data, 1);
      expect(Buffer.compare(decompressSync('zstd', packed, MAX), data)).toBe(0);
      expect(Buffer.compare(decompressSync('zstd', packed, size), data)).toBe(0);
      expect(() => decompressSync('zstd', packed, size - 1)).toThrow(expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }));
    }
  });
});
