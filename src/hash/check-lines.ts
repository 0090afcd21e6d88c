// A check file's lines as they are read: one piece at a time, never the whole file in memory (`pario check` of a
// 200,000-line file held ~400 MB when it was parsed first). The lines are exactly checkFileLines' lines.
import type { DigestKind } from '../../workers/algorithms.js';
import { lineCursor, splitLines, type CheckFileLine, type ParseOptions } from './parse.js';

/** Lines read so far (comment and empty lines included), and whether the file has ended: the progress line's total. */
export interface LineCount {
  readonly lines: number;
  readonly ended: boolean;
}

/** The lines of a check file read as `chunks` (any sizes); `count` follows how far the reading has got. */
export async function* streamCheckLines(
  chunks: AsyncIterable<Uint8Array | string>,
  options: ParseOptions = {},
  count: { lines: number; ended: boolean } = { lines: 0, ended: false },
): AsyncGenerator<CheckFileLine> {
  const cursor = lineCursor();
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const last = bytes.lastIndexOf(0x0a);
    if (last < 0) {
      carry = carry.byteLength === 0 ? Buffer.from(bytes) : Buffer.concat([carry, bytes]);
      continue;
    }
    const whole = carry.byteLength === 0 ? bytes.subarray(0, last + 1) : Buffer.concat([carry, bytes.subarray(0, last + 1)]);
    carry = Buffer.from(bytes.subarray(last + 1)); // a copy: the reader may reuse its buffer
    for (const line of splitLines(whole, options, cursor)) {
      count.lines = cursor.number;
      yield line;
    }
    count.lines = cursor.number;
  }
  for (const line of splitLines(carry, options, cursor)) yield line;
  count.lines = cursor.number;
  count.ended = true;
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
  const iterator = source[Symbol.asyncIterator]();
  const ahead: CheckFileLine[] = [];
  let algorithm = fallback;
  let ended = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    ahead.push(next.value);
    if (next.value.parsed !== undefined) {
      algorithm = next.value.parsed.algorithms[0];
      break;
    }
  }
  async function* lines(): AsyncGenerator<CheckFileLine> {
    try {
      yield* ahead.splice(0);
      if (ended) return;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  return { algorithm, lines: lines() };
}
