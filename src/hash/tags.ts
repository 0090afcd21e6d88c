// The BSD tags of checksum lines: `SHA256 (name) = hex` as sha256sum --tag writes it, `BLAKE2b-128` as b2sum -l 128
// --tag does, and xxhsum's `XXH32`, `XXH64`, `XXH3`, `XXH128` with their `_LE` forms (--little-endian: the digest's
// bytes reversed).
import { ALGORITHMS, ALGORITHM_TAG, blake2bKind, type DigestKind } from '../../workers/algorithms.js';

export interface Tag {
  readonly kind: DigestKind;
  /** The line's digest is little-endian: its bytes come reversed. */
  readonly reversed: boolean;
  /** Characters of the line the tag took. */
  readonly length: number;
}

const FIXED: readonly (readonly [string, DigestKind, boolean])[] = [
  ...ALGORITHMS.map((algorithm) => [ALGORITHM_TAG[algorithm], algorithm, false] as const),
  ...(['xxh32', 'xxh64', 'xxh3', 'xxh128'] as const).map((algorithm) => [`${ALGORITHM_TAG[algorithm]}_LE`, algorithm, true] as const),
].sort((a, b) => b[0].length - a[0].length); // longest first: XXH64_LE before XXH64, BLAKE2b before BLAKE2

/** The tag `text` starts with, when one is followed by ` (` or `(`; undefined otherwise. */
export function tagAt(text: string): Tag | undefined {
  const sized = /^BLAKE2b-(\d{1,3})(?= ?\()/.exec(text);
  if (sized !== null) {
    const kind = blake2bKind(Number(sized[1]));
    return kind === undefined ? undefined : { kind, reversed: false, length: sized[0].length };
  }
  for (const [tag, kind, reversed] of FIXED) {
    if (!text.startsWith(tag)) continue;
    const next = text[tag.length] === ' ' ? text[tag.length + 1] : text[tag.length];
    if (next === '(') return { kind, reversed, length: tag.length };
  }
  return undefined;
}

/** A little-endian hex digest in the canonical (big-endian) byte order. */
export function reverseHexBytes(hex: string): string {
  let out = '';
  for (let i = hex.length - 2; i >= 0; i -= 2) out += hex.slice(i, i + 2);
  return out;
}
