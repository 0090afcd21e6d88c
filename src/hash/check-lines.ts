// A check file's lines as they are read: one piece at a time, never the whole file in memory (`pario check` of a
// 200,000-line file held ~400 MB when it was parsed first). The lines are exactly checkFileLines' lines.
import type { DigestKind } from '../../workers/algorithms.js';
import { lineCursor, splitLines, type CheckFileLine, type ParseOptions } from './parse.js';
import { singles, ungroup } from '../pool/groups.js';

/** Lines read so far (comment and empty lines included), and whether the file has ended: the progress line's total. */
export interface LineCount {
  lines: number;
  ended: boolean;
}

/** The lines of a check file read as `chunks` (any sizes); `count` follows how far the reading has got. */
export async function* streamCheckLines(
  chunks: AsyncIterable<Uint8Array | string>,
  options: ParseOptions = {},
  count: LineCount = { lines: 0, ended: false },
): AsyncGenerator<CheckFileLine> {
  for await (const lines of streamCheckChunks(chunks, options, count)) yield* lines;
}

/** Lines handed on together, at most: a piece read (1 MiB, ~13,000 lines) handed on whole waited for its last line. */
const GROUP = 256;

/** streamCheckLines, the lines yielded in groups of up to GROUP (one step per group, not per line). */
export async function* streamCheckChunks(
  chunks: AsyncIterable<Uint8Array | string>,
  options: ParseOptions = {},
  count: LineCount = { lines: 0, ended: false },
): AsyncGenerator<CheckFileLine[]> {
  const cursor = lineCursor();
  /** The start of a line that runs on into the next chunk (copies: the reader may reuse its buffer). */
  let carry: Buffer[] = [];
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const first = bytes.indexOf(0x0a);
    if (first < 0) {
      carry.push(Buffer.from(bytes));
      continue;
    }
    // Only the line that crosses the chunk boundary is joined; the rest is split in place, a view of the chunk.
    const last = bytes.lastIndexOf(0x0a);
    const pieces = [Buffer.concat([...carry, bytes.subarray(0, first + 1)]), bytes.subarray(first + 1, last + 1)];
    carry = last + 1 < bytes.byteLength ? [Buffer.from(bytes.subarray(last + 1))] : [];
    const lines: CheckFileLine[] = [];
    for (const piece of pieces) {
      for (const line of splitLines(piece, options, cursor)) {
        if (lines.push(line) < GROUP) continue;
        count.lines = cursor.number;
        yield lines.splice(0);
      }
    }
    count.lines = cursor.number;
    if (lines.length > 0) yield lines;
  }
  const lines = [...splitLines(Buffer.concat(carry), options, cursor)];
  count.lines = cursor.number;
  count.ended = true;
  if (lines.length > 0) yield lines;
}

/**
 * The algorithm a check file's lines are of (its first properly formatted line's first candidate, else `fallback`),
 * named in the messages about malformed lines, even those above it: the lines up to that one are read ahead and
 * held (few: they are malformed), then `lines` yields every line again from the first.
 */
export async function peekAlgorithm(
  source: AsyncIterable<CheckFileLine>,
  fallback: DigestKind | undefined,
): Promise<{ algorithm: DigestKind | undefined; lines: AsyncGenerator<CheckFileLine> }> {
  const { algorithm, chunks } = await peekChunks(singles(source), fallback);
  return { algorithm, lines: ungroup(chunks) };
}

/** peekAlgorithm over streamCheckChunks' pieces: the pieces read ahead are yielded again first. */
export async function peekChunks(
  source: AsyncIterable<readonly CheckFileLine[]>,
  fallback: DigestKind | undefined,
): Promise<{ algorithm: DigestKind | undefined; chunks: AsyncGenerator<readonly CheckFileLine[]> }> {
  const iterator = source[Symbol.asyncIterator]();
  const ahead: (readonly CheckFileLine[])[] = [];
  let algorithm = fallback;
  let ended = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    ahead.push(next.value);
    const good = next.value.find((line) => line.parsed !== undefined);
    if (good !== undefined) {
      algorithm = good.parsed?.algorithms[0];
      break;
    }
  }
  async function* chunks(): AsyncGenerator<readonly CheckFileLine[]> {
    try {
      yield* ahead.splice(0);
      if (ended) return;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { algorithm, chunks: chunks() };
}
