// The checksum algorithms pario knows: names, digest lengths and the tags other tools print.
// Pure constants and helpers (no I/O), so src/ may import them too.

export const ALGORITHMS = ['sha256', 'sha1', 'md5', 'sha512', 'blake2b', 'blake3', 'xxh32', 'xxh64', 'xxh3', 'xxh128', 'crc32'] as const;

export type Algorithm = (typeof ALGORITHMS)[number];

export const DEFAULT_ALGORITHM: Algorithm = 'sha256';

/** Hex characters in one digest. */
export const DIGEST_HEX_LENGTH: Readonly<Record<Algorithm, number>> = {
  sha256: 64,
  sha1: 40,
  md5: 32,
  sha512: 128,
  blake2b: 128,
  blake3: 64,
  xxh32: 8,
  xxh64: 16,
  xxh3: 16,
  xxh128: 32,
  crc32: 8,
};

/** The BSD-style tag: what `sha256sum --tag`, `b2sum --tag`, `b3sum --tag` and `xxhsum --tag` print. */
export const ALGORITHM_TAG: Readonly<Record<Algorithm, string>> = {
  sha256: 'SHA256',
  sha1: 'SHA1',
  md5: 'MD5',
  sha512: 'SHA512',
  blake2b: 'BLAKE2b',
  blake3: 'BLAKE3',
  xxh32: 'XXH32',
  xxh64: 'XXH64',
  xxh3: 'XXH3',
  xxh128: 'XXH128',
  crc32: 'CRC32',
};

export function isAlgorithm(value: unknown): value is Algorithm {
  return typeof value === 'string' && (ALGORITHMS as readonly string[]).includes(value);
}

/**
 * What a digest is of: an algorithm, or BLAKE2b with another digest length in bits, as `b2sum -l N` makes it
 * ('blake2b-128'; 8 to 504 in steps of 8, 512 being plain 'blake2b').
 */
export type DigestKind = Algorithm | `blake2b-${number}`;

/** The BLAKE2b digest length in bits of a kind ('blake2b' 512), or undefined for other algorithms. */
export function blake2bBits(kind: DigestKind): number | undefined {
  if (kind === 'blake2b') return 512;
  return kind.startsWith('blake2b-') ? Number(kind.slice('blake2b-'.length)) : undefined;
}

/** The kind of a BLAKE2b digest of `bits` (a multiple of 8 up to 512), or undefined for another length. */
export function blake2bKind(bits: number): DigestKind | undefined {
  if (!Number.isInteger(bits) || bits < 8 || bits > 512 || bits % 8 !== 0) return undefined;
  return bits === 512 ? 'blake2b' : `blake2b-${bits}`;
}

export function isDigestKind(value: unknown): value is DigestKind {
  return isAlgorithm(value) || (typeof value === 'string' && /^blake2b-\d+$/.test(value) && blake2bKind(Number(value.slice(8))) === value);
}

/** The algorithm a kind belongs to: 'blake2b-128' → 'blake2b'. */
export function baseAlgorithm(kind: DigestKind): Algorithm {
  return blake2bBits(kind) === undefined ? (kind as Algorithm) : 'blake2b';
}

export function digestHexLength(kind: DigestKind): number {
  const bits = blake2bBits(kind);
  return bits === undefined ? DIGEST_HEX_LENGTH[kind as Algorithm] : bits / 4;
}

/** The BSD tag of a kind, as b2sum --tag writes it for other lengths: BLAKE2b-128. */
export function digestTag(kind: DigestKind): string {
  const bits = blake2bBits(kind);
  return bits === undefined || bits === 512 ? ALGORITHM_TAG[baseAlgorithm(kind)] : `BLAKE2b-${bits}`;
}
