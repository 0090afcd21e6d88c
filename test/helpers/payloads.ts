// Deterministic payloads for the fault suites: a seeded PRNG, random bytes, text-like bytes and long runs.

/** The suite's one seeded PRNG (mulberry32), from tree.ts. */
import { rng as prng } from './tree.js';

export { prng };

/** An integer in [0, n). */
export function below(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

export function randomBytes(seed: number, length: number): Buffer {
  const random = prng(seed);
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i += 1) out[i] = below(random, 256);
  return out;
}

const WORDS = ['pario', 'worker', 'gzip', 'block', 'the', 'of', 'file', 'zstd', 'brotli', 'stream', 'error', '\n', ' ', 'λ', '∑', '0123'];

/** Compressible text: seeded words, spaces and newlines (some multi-byte UTF-8). */
export function textBytes(seed: number, length: number): Buffer {
  const random = prng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const word = WORDS[below(random, WORDS.length)] ?? ' ';
    parts.push(word);
    size += Buffer.byteLength(word);
  }
  return Buffer.from(parts.join('')).subarray(0, length);
}

export type Segment =
  | { readonly kind: 'run'; readonly byte: number; readonly length: number }
  | { readonly kind: 'random' | 'text'; readonly seed: number; readonly length: number }
  | { readonly kind: 'literal'; readonly bytes: Uint8Array };

export function segmentBytes(segment: Segment): Uint8Array {
  switch (segment.kind) {
    case 'run': return Buffer.alloc(segment.length, segment.byte);
    case 'random': return randomBytes(segment.seed, segment.length);
    case 'text': return textBytes(segment.seed, segment.length);
    case 'literal': return segment.bytes;
  }
}

export function buildPayload(segments: readonly Segment[]): Buffer {
  return Buffer.concat(segments.map(segmentBytes));
}
