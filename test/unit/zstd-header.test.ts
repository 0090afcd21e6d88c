// The one zstd frame header reader (workers/zstd-header.ts), as the codecs and the main thread's frame walk use it.
import { describe, expect, it } from 'vitest';
import { compressSync, zstdContentSize } from '../../workers/codecs.js';
import { zstdFrameHeader, zstdHeaderLength } from '../../workers/zstd-header.js';

const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const frame = (...rest: number[]): Uint8Array => Uint8Array.from([...MAGIC, ...rest]);

describe('zstd frame header', () => {
  it('reads what zstd writes: a single-segment frame with its size and checksum', () => {
    const made = compressSync('zstd', Buffer.from('abc'), 3);
    expect(zstdFrameHeader(made)).toMatchObject({ contentSize: 3, checksum: true, dictionaryId: 0, reserved: false });
    expect(zstdContentSize(made)).toBe(3);
  });

  it('reads every field size: 2-byte sizes count from 256, dictionary ids, no size, the reserved bit', () => {
    // FCS flag 1 (2 bytes), window descriptor: 5 + 1 + 2 = 8 bytes
    expect(zstdFrameHeader(frame(0x40, 0x58, 0x00, 0x01))).toEqual({
      headerLength: 8, contentSize: 512, checksum: false, dictionaryId: 0, reserved: false,
    });
    // single segment, 1-byte dictionary id, 1-byte size, checksum
    expect(zstdFrameHeader(frame(0x25, 0x07, 0x09))).toEqual({
      headerLength: 7, contentSize: 9, checksum: true, dictionaryId: 7, reserved: false,
    });
    // no size recorded (FCS flag 0, not single segment), 4-byte dictionary id
    expect(zstdFrameHeader(frame(0x03, 0x58, 0x01, 0x02, 0x03, 0x04))).toMatchObject({ contentSize: null, dictionaryId: 0x04030201 });
    expect(zstdFrameHeader(frame(0x28, 0x05))?.reserved).toBe(true);
    // 8-byte size
    const big = frame(0xe0, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00);
    expect(zstdFrameHeader(big)?.contentSize).toBe(2 ** 32);
    expect(zstdHeaderLength(0xe0)).toBe(13);
  });

  it('says nothing of a header cut short', () => {
    expect(zstdFrameHeader(frame())).toBe(null);
    expect(zstdFrameHeader(frame(0x40, 0x58, 0x00))).toBe(null);
    expect(zstdContentSize(frame(0x40, 0x58, 0x00))).toBe(null);
  });
});
