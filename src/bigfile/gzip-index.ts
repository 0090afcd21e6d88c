// pario's gzip index: where a big-file .gz can be cut into spans that decode alone. Every `indexEvery` uncompressed
// bytes a block starts from an empty window right after the previous block's sync flush (byte-aligned), and a
// trailing EMPTY gzip member carries the list of those points in an FEXTRA subfield 'PX'. Every gzip reader decodes
// the empty member to nothing and ignores the extra field, so the file stays one standard gzip file. Layout in the
// README ("pario's gzip index"). Pure: this module builds the member; gzip-index-scan.ts finds and checks it.
import { crc32Combine } from '../../workers/checksum-combine.js';

/** FEXTRA subfield id of the index. */
export const INDEX_ID = [0x50, 0x58] as const; // 'P', 'X'
export const INDEX_VERSION = 1;
/** Bytes of the payload before the points (version, 3 reserved, count u32, total u64, deflate end u64). */
export const INDEX_HEAD = 24;
/** Bytes per point: compressed offset u64, uncompressed offset u64, CRC-32 of the span's output u32. */
export const POINT_BYTES = 20;
/** The payload ends with its own length (u32), so a reader finds the member from the end of the file. */
export const INDEX_FOOT = 4;
/** The member around the payload: 10-byte header, XLEN, subfield id and LEN; after it an empty deflate and a zero trailer. */
export const MEMBER_HEAD = 16;
export const MEMBER_TAIL = Uint8Array.of(0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0);
/** A subfield holds at most 65535 - 4 bytes. */
export const MAX_PAYLOAD = 65531;
export const MAX_POINTS = Math.floor((MAX_PAYLOAD - INDEX_HEAD - INDEX_FOOT) / POINT_BYTES);

/** A point where decoding may start, and the CRC-32 and length of the output up to the next point. */
export interface IndexPoint {
  compressed: number;
  uncompressed: number;
  crc: number;
  length: number;
}

/** Collects the points while blocks are written in order. */
export class IndexBuilder {
  readonly points: IndexPoint[] = [];

  /** A block that starts from an empty window begins at these offsets. */
  point(compressed: number, uncompressed: number): void {
    this.points.push({ compressed, uncompressed, crc: 0, length: 0 });
  }

  /** A block's output (its CRC-32 and length) joins the current span. */
  add(crc: number, length: number): void {
    const last = this.points.at(-1);
    if (last === undefined) return;
    last.crc = crc32Combine(last.crc, crc, length);
    last.length += length;
  }

  /**
   * The index member for a stream of `total` bytes whose deflate data ends at `deflateEnd`, or null when there is
   * nothing to gain (fewer than two points). Past MAX_POINTS every other point is dropped (spans of twice the size).
   */
  member(total: number, deflateEnd: number): Uint8Array | null {
    let points = this.points;
    while (points.length > MAX_POINTS) points = thin(points);
    if (points.length < 2) return null;
    const payload = INDEX_HEAD + points.length * POINT_BYTES + INDEX_FOOT;
    const out = Buffer.alloc(MEMBER_HEAD + payload + MEMBER_TAIL.length);
    out.set([0x1f, 0x8b, 8, 0x04, 0, 0, 0, 0, 0, 3], 0); // FLG.FEXTRA, no mtime, XFL 0, OS Unix
    out.writeUInt16LE(payload + 4, 10);
    out.set(INDEX_ID, 12);
    out.writeUInt16LE(payload, 14);
    let at = MEMBER_HEAD;
    out[at] = INDEX_VERSION;
    out.writeUInt32LE(points.length, at + 4);
    out.writeBigUInt64LE(BigInt(total), at + 8);
    out.writeBigUInt64LE(BigInt(deflateEnd), at + 16);
    at += INDEX_HEAD;
    for (const p of points) {
      out.writeBigUInt64LE(BigInt(p.compressed), at);
      out.writeBigUInt64LE(BigInt(p.uncompressed), at + 8);
      out.writeUInt32LE(p.crc >>> 0, at + 16);
      at += POINT_BYTES;
    }
    out.writeUInt32LE(payload, at);
    out.set(MEMBER_TAIL, at + INDEX_FOOT);
    return out;
  }
}

/** Every other point: each kept point's span absorbs the next one's. */
function thin(points: readonly IndexPoint[]): IndexPoint[] {
  const out: IndexPoint[] = [];
  for (let i = 0; i < points.length; i += 2) {
    const a = points[i]!;
    const b = points[i + 1];
    out.push(b === undefined ? { ...a } : { ...a, crc: crc32Combine(a.crc, b.crc, b.length), length: a.length + b.length });
  }
  return out;
}
