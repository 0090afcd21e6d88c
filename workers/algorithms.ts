// The checksum algorithms pario knows: names, digest lengths and the tags other tools print.
// Pure constants and helpers (no I/O), so src/ may import them too.

export const ALGORITHMS = ['sha256', 'sha1', 'md5', 'sha512', 'blake2b', 'blake3', 'xxh64', 'xxh3', 'xxh128', 'crc32'] as const;

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
  xxh64: 'XXH64',
  xxh3: 'XXH3',
  xxh128: 'XXH128',
  crc32: 'CRC32',
};

export function isAlgorithm(value: unknown): value is Algorithm {
  return typeof value === 'string' && (ALGORITHMS as readonly string[]).includes(value);
}
