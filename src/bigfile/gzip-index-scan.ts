// Finds and checks pario's gzip index (gzip-index.ts) at the end of a .gz file, without decoding: the spans it
// names are handed to workers only when everything agrees (member layout, offsets increasing and inside the file,
// the first member's header ending where the first span starts, each span but the last ending with a sync flush,
// ISIZE, and the spans' CRCs combining into the first member's CRC). Anything else is `serial`: the one-thread
// decoder reads the file as any gzip file. Pure.
import { crc32Combine } from '../../workers/checksum-combine.js';
import { INDEX_FOOT, INDEX_HEAD, INDEX_ID, INDEX_VERSION, MAX_PAYLOAD, MEMBER_HEAD, MEMBER_TAIL, POINT_BYTES } from './gzip-index.js';
import type { ReadAt } from './zstd-frames.js';
import { MAX_FRAME_CONTENT } from './zstd-frames.js';

/** One span: deflate data [position, position + length) that decodes alone to `contentSize` bytes with CRC-32 `crc`. */
export interface GzipSpan {
  readonly position: number;
  readonly length: number;
  readonly contentSize: number;
  readonly crc: number;
  /** The last span ends with the final deflate block; the others with a sync flush (00 00 ff ff). */
  readonly last: boolean;
}

export type SpanScan = { readonly spans: readonly GzipSpan[]; readonly contentSize: number } | { readonly serial: string };

const SYNC_MARK = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/** Longest gzip header accepted before the first span (a long FNAME or FCOMMENT). */
const MAX_HEADER = 64 * 1024;

function exact(readAt: ReadAt, position: number, length: number): Buffer | null {
  const view = Buffer.alloc(length);
  return readAt(view, position) === length ? view : null;
}

const u64 = (b: Buffer, at: number): number => {
  const value = b.readBigUInt64LE(at);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(value);
};

/** The length of the gzip member header at the start of `head`, or -1 when it is not a whole, plain one. */
export function gzipHeaderLength(head: Uint8Array): number {
  if (head.length < 10 || head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 8 || (head[3]! & 0xe0) !== 0) return -1;
  const flags = head[3]!;
  let at = 10;
  if ((flags & 0x04) !== 0) {
    if (at + 2 > head.length) return -1;
    at += 2 + (head[at]! | (head[at + 1]! << 8));
  }
  for (const bit of [0x08, 0x10]) { // FNAME, FCOMMENT: NUL-terminated
    if ((flags & bit) === 0) continue;
    const nul = head.indexOf(0, at);
    if (nul < 0) return -1;
    at = nul + 1;
  }
  if ((flags & 0x02) !== 0) at += 2; // FHCRC
  return at <= head.length ? at : -1;
}

/** The spans of pario's gzip index in a file of `size` bytes, or why the file goes to the one-thread decoder. */
export function scanGzipIndex(size: number, readAt: ReadAt): SpanScan {
  const none = { serial: 'no pario index' };
  const tail = size >= 64 ? exact(readAt, size - MEMBER_TAIL.length - INDEX_FOOT, MEMBER_TAIL.length + INDEX_FOOT) : null;
  if (tail === null || !tail.subarray(INDEX_FOOT).equals(MEMBER_TAIL)) return none;
  const payload = tail.readUInt32LE(0);
  if (payload > MAX_PAYLOAD || payload < INDEX_HEAD + INDEX_FOOT || (payload - INDEX_HEAD - INDEX_FOOT) % POINT_BYTES !== 0) return none;
  const start = size - MEMBER_TAIL.length - payload - MEMBER_HEAD;
  const member = start > 18 ? exact(readAt, start, MEMBER_HEAD + payload) : null;
  if (member === null || member[0] !== 0x1f || member[1] !== 0x8b || member[2] !== 8 || member[3] !== 0x04) return none;
  if (member.readUInt16LE(10) !== payload + 4 || member[12] !== INDEX_ID[0] || member[13] !== INDEX_ID[1]) return none;
  if (member.readUInt16LE(14) !== payload) return none;
  const index = member.subarray(MEMBER_HEAD);
  const count = (payload - INDEX_HEAD - INDEX_FOOT) / POINT_BYTES;
  if (index[0] !== INDEX_VERSION || index[1] !== 0 || index[2] !== 0 || index[3] !== 0) return { serial: 'unknown pario index version' };
  if (index.readUInt32LE(4) !== count) return { serial: 'damaged pario index' };
  const total = u64(index, 8);
  const deflateEnd = u64(index, 16);
  // The first member's trailer sits right before the index member.
  if (deflateEnd + 8 !== start) return { serial: 'damaged pario index' };
  const trailer = exact(readAt, deflateEnd, 8);
  if (trailer === null || total < 0 || trailer.readUInt32LE(4) !== total % 2 ** 32) return { serial: 'damaged pario index' };
  const spans = spansOf(index, count, total, deflateEnd);
  if (typeof spans === 'string') return { serial: spans };
  const first = spans[0]!.position;
  const head = first <= MAX_HEADER ? exact(readAt, 0, first) : null;
  if (head === null || gzipHeaderLength(head) !== first) return { serial: 'damaged pario index' };
  let crc = 0;
  const mark = Buffer.alloc(4);
  for (const span of spans) {
    crc = crc32Combine(crc, span.crc, span.contentSize);
    // A span other than the last ends with the sync flush before a restart: one 4-byte read each (a few ms for 4,000).
    const flushed = span.last || (readAt(mark, span.position + span.length - 4) === 4 && mark.equals(SYNC_MARK));
    if (!flushed) return { serial: 'damaged pario index' };
  }
  if (crc >>> 0 !== trailer.readUInt32LE(0)) return { serial: 'damaged pario index' };
  return { spans, contentSize: total };
}

/** The spans the points describe; a string when they are not strictly increasing inside the stream or too large. */
function spansOf(index: Buffer, count: number, total: number, deflateEnd: number): GzipSpan[] | string {
  if (count < 2) return 'one span';
  const spans: GzipSpan[] = [];
  for (let i = 0; i < count; i++) {
    const at = INDEX_HEAD + i * POINT_BYTES;
    const position = u64(index, at);
    const from = u64(index, at + 8);
    const next = i + 1 < count ? INDEX_HEAD + (i + 1) * POINT_BYTES : -1;
    const end = next < 0 ? deflateEnd : u64(index, next);
    const to = next < 0 ? total : u64(index, next + 8);
    if (position < 0 || from < 0 || end <= position || to <= from || (i === 0 && from !== 0)) return 'damaged pario index';
    if (to - from > MAX_FRAME_CONTENT) return 'a span larger than a parallel task';
    spans.push({ position, length: end - position, contentSize: to - from, crc: index.readUInt32LE(at + 16), last: next < 0 });
  }
  return spans;
}
