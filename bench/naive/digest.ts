import { createHash } from 'node:crypto';
import { Blake3Hasher } from '@napi-rs/blake-hash';
import { xxh3 } from '@node-rs/xxhash';

export type HashAlgo = 'sha256' | 'blake3' | 'xxh3';

export const HASH_ALGOS: readonly HashAlgo[] = ['sha256', 'blake3', 'xxh3'];

export interface Hasher {
  update(data: Uint8Array): void;
  hex(): string;
}

/** An incremental hasher with the same hex form as sha256sum, b3sum and `xxhsum -H3`. */
export function makeHasher(algo: HashAlgo): Hasher {
  switch (algo) {
    case 'sha256': {
      const h = createHash('sha256');
      return { update: (d) => void h.update(d), hex: () => h.digest('hex') };
    }
    case 'blake3': {
      const h = new Blake3Hasher();
      return { update: (d) => void h.update(Buffer.from(d.buffer, d.byteOffset, d.byteLength)), hex: () => h.digest('hex') };
    }
    case 'xxh3': {
      const h = xxh3.Xxh3.withSeed();
      return { update: (d) => void h.update(d), hex: () => h.digest().toString(16).padStart(16, '0') };
    }
  }
}

export function digestOf(algo: HashAlgo, data: Uint8Array): string {
  const h = makeHasher(algo);
  h.update(data);
  return h.hex();
}

export function isHashAlgo(value: string): value is HashAlgo {
  return (HASH_ALGOS as readonly string[]).includes(value);
}
