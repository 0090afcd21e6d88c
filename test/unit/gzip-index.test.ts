// pario's gzip index member (src/bigfile/gzip-index.ts): its layout, thinning past MAX_POINTS, and the gzip header
// parser the scan uses to check where the first span starts.
import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IndexBuilder, MAX_POINTS } from '../../src/bigfile/gzip-index.js';
import { gzipHeaderLength, scanGzipIndex } from '../../src/bigfile/gzip-index-scan.js';
import { gzipHeader, gzipTrailer } from '../../src/bigfile/container.js';
import { crc32Combine } from '../../workers/checksum-combine.js';

describe('the index member', () => {
  it('is an empty gzip member with a PX subfield that ends with its own length', () => {
    const builder = new IndexBuilder();
    builder.point(10, 0);
    builder.add(0x12345678, 100);
    builder.point(60, 100);
    builder.add(crc32('x'), 1);
    const member = Buffer.from(builder.member(101, 70)!);
    expect(gunzipSync(member).length).toBe(0); // zlib reads it as an empty member
    expect([...member.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 4]);
    expect(member.subarray(12, 14).toString('latin1')).toBe('PX');
    const payload = member.readUInt16LE(14);
    expect(payload).toBe(24 + 2 * 20 + 4);
    expect(member.readUInt32LE(member.length - 14)).toBe(payload);
    expect(member.readBigUInt64LE(16 + 8)).toBe(101n);
    expect(member.readBigUInt64LE(16 + 16)).toBe(70n);
    expect(member.readUInt32LE(16 + 24 + 16)).toBe(0x12345678);
    expect(member.readBigUInt64LE(16 + 44)).toBe(60n);
  });

  it('is not written for fewer than two points', () => {
    const builder = new IndexBuilder();
    builder.point(10, 0);
    builder.add(1, 5);
    expect(builder.member(5, 20)).toBeNull();
  });

  it('keeps every other point past MAX_POINTS, with the spans\' CRCs combined', () => {
    const builder = new IndexBuilder();
    const pieces: Buffer[] = [];
    const n = 2 * MAX_POINTS + 5; // halved twice
    for (let i = 0; i < n; i++) {
      const piece = Buffer.from(`piece ${i};`);
      builder.point(10 + i * 7, pieces.reduce((sum, p) => sum + p.length, 0));
      builder.add(crc32(piece), piece.length);
      pieces.push(piece);
    }
    const member = Buffer.from(builder.member(Buffer.concat(pieces).length, 10 + n * 7)!);
    const count = member.readUInt32LE(16 + 4);
    expect(count).toBe(Math.ceil(n / 4));
    expect(member.readBigUInt64LE(16 + 24 + 20)).toBe(BigInt(10 + 4 * 7));
    expect(member.readUInt32LE(16 + 24 + 16)).toBe(crc32(Buffer.concat(pieces.slice(0, 4))));
  });
});

describe('gzipHeaderLength', () => {
  it('measures plain, named, extra, comment and header-CRC headers; -1 for anything cut or odd', () => {
    expect(gzipHeaderLength(gzipSync('x'))).toBe(10);
    expect(gzipHeaderLength(gzipHeader(6, { name: 'big.log' }))).toBe(18);
    const all = Buffer.from([0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3, 2, 0, 7, 7, 0x41, 0, 0x42, 0, 0xaa, 0xbb]);
    expect(gzipHeaderLength(all)).toBe(20);
    expect(gzipHeaderLength(all.subarray(0, 15))).toBe(-1);
    expect(gzipHeaderLength(Buffer.from([0x1f, 0x8b, 8, 0x20, 0, 0, 0, 0, 0, 3]))).toBe(-1);
  });
});

describe('scanGzipIndex past 4 GiB', () => {
  it('takes u64 offsets and checks ISIZE as the total mod 2^32 (a sparse 5 GiB stream of 80 spans)', () => {
    const SPAN = 64 << 20;
    const count = 80;
    const header = gzipHeader(6);
    const builder = new IndexBuilder();
    let crc = 0;
    for (let i = 0; i < count; i++) {
      builder.point(10 + i * 1000, i * SPAN);
      builder.add(i * 7919, SPAN);
      crc = crc32Combine(crc, i * 7919, SPAN);
    }
    const total = count * SPAN;
    const deflateEnd = 10 + count * 1000;
    const pieces: [number, Uint8Array][] = [[0, header], [deflateEnd, gzipTrailer(crc, total)]];
    for (let i = 1; i < count; i++) pieces.push([10 + i * 1000 - 4, Uint8Array.of(0, 0, 0xff, 0xff)]); // each span's sync flush
    const member = builder.member(total, deflateEnd)!;
    pieces.push([deflateEnd + 8, member]);
    const size = deflateEnd + 8 + member.length;
    const readAt = (view: Uint8Array, position: number): number => {
      view.fill(0);
      for (const [at, bytes] of pieces) {
        for (let i = 0; i < bytes.length; i++) {
          if (at + i >= position && at + i < position + view.length) view[at + i - position] = bytes[i]!;
        }
      }
      return Math.max(0, Math.min(view.length, size - position));
    };
    const scan = scanGzipIndex(size, readAt);
    if ('serial' in scan) throw new Error(scan.serial);
    expect(scan.contentSize).toBe(5 * 2 ** 30);
    expect(scan.spans).toHaveLength(count);
    expect(scan.spans.at(-1)).toMatchObject({ position: 10 + 79 * 1000, length: 1000, contentSize: SPAN, last: true });
    pieces[1] = [deflateEnd, gzipTrailer(crc, total + 1)]; // ISIZE off by one
    expect(scanGzipIndex(size, readAt)).toEqual({ serial: 'damaged pario index' });
  });
});
