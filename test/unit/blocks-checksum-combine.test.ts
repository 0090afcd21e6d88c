import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adler32, adler32Combine, crc32Combine, crc32CombineShift, crc32Shift } from '../../workers/checksum-combine.js';

/** zlib's own Adler-32: the last 4 bytes (big-endian) of a zlib stream. */
function zlibAdler(data: Uint8Array): number {
  const z = deflateSync(data, { level: 1 });
  return z.readUInt32BE(z.length - 4);
}

describe('crc32Combine', () => {
  it('equals zlib.crc32 of the concatenation for random splits', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }), (a, b) => {
      const whole = Buffer.concat([a, b]);
      expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(whole));
    }));
  });

  it('handles empty pieces on either side', () => {
    const a = randomBytes(100);
    expect(crc32Combine(crc32(a), 0, 0)).toBe(crc32(a));
    expect(crc32Combine(0, crc32(a), a.length)).toBe(crc32(a));
  });

  it('folds many 1 MiB blocks into the CRC of the whole, with a precomputed shift', () => {
    const blocks = Array.from({ length: 5 }, () => randomBytes(1 << 20));
    const shift = crc32Shift(1 << 20);
    let viaLength = 0;
    let viaShift = 0;
    for (const block of blocks) {
      viaLength = crc32Combine(viaLength, crc32(block), block.length);
      viaShift = crc32CombineShift(viaShift, crc32(block), shift);
    }
    expect(viaLength).toBe(crc32(Buffer.concat(blocks)));
    expect(viaShift).toBe(viaLength);
  });

  it('accepts lengths above 4 GiB: splitting a long zero run anywhere gives the same CRC', () => {
    // crc of 0^n built by doubling from a real 1 MiB zero block, so large lengths go through every bit of x2nModP.
    const mib = 1 << 20;
    const zeros = (len: number): number => {
      let crc = crc32(Buffer.alloc(len % mib));
      let unit = crc32(Buffer.alloc(mib));
      let unitLen = mib;
      for (let rest = Math.floor(len / mib); rest > 0; rest = Math.floor(rest / 2)) {
        if (rest % 2 === 1) crc = crc32Combine(crc, unit, unitLen);
        unit = crc32Combine(unit, unit, unitLen);
        unitLen *= 2;
      }
      return crc;
    };
    expect(zeros(3 * mib + 5)).toBe(crc32(Buffer.alloc(3 * mib + 5)));
    const a = crc32(Buffer.from('pario'));
    const n = 2 ** 32 + 7;
    const whole = crc32Combine(a, zeros(n + 12_345), n + 12_345);
    const split = crc32Combine(crc32Combine(a, zeros(n), n), zeros(12_345), 12_345);
    expect(split).toBe(whole);
    expect(() => crc32Combine(1, 2, -1)).toThrow(RangeError);
  });
});

describe('adler32 and adler32Combine', () => {
  it('adler32 matches zlib, including inputs above NMAX', () => {
    for (const size of [0, 1, 5551, 5552, 5553, 100_000]) {
      const data = randomBytes(size);
      expect(adler32(data)).toBe(zlibAdler(data));
    }
    const ff = Buffer.alloc(70_000, 0xff); // worst case for the sums
    expect(adler32(ff)).toBe(zlibAdler(ff));
  });

  it('combine equals adler32 of the concatenation for random splits', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12_000 }), fc.uint8Array({ maxLength: 12_000 }), (a, b) => {
      expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(zlibAdler(Buffer.concat([a, b])));
    }));
  });

  it('continues from a previous value', () => {
    const a = randomBytes(9000);
    const b = randomBytes(7000);
    expect(adler32(b, adler32(a))).toBe(adler32(Buffer.concat([a, b])));
  });
});
