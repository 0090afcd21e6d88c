import { ALGORITHMS, DEFAULT_ALGORITHM, isAlgorithm, isDigestKind, type Algorithm, type DigestKind } from '../../workers/algorithms.js';
import { OptionError } from '../errors.js';
import { checkObject, resolveBase, type BaseOptions, type ResolvedBase } from '../options.js';
import type { Pario } from '../pario.js';

/** Run on the threads of this createPario handle (left running afterwards); `jobs` is then the handle's. */
interface OnHandle {
  readonly pario?: Pario;
}

export interface HashOptions extends BaseOptions, OnHandle {
  /** One algorithm or several, all computed from one read of each file ('blake2b-128': BLAKE2b of 128 bits). @default 'sha256' */
  readonly algorithms?: DigestKind | readonly DigestKind[];
}

export interface ResolvedHashOptions extends ResolvedBase {
  readonly algorithms: readonly DigestKind[];
}

export interface VerifyOptions
  extends Omit<BaseOptions, 'exclude' | 'dot' | 'follow' | 'recursive' | 'ignoreFiles' | 'gitignore' | 'onIgnored'>, OnHandle {
  /** Which algorithm the lines use; by default the tag says, or the digest length (see README). */
  readonly algorithm?: Algorithm;
  /** BLAKE2b lines: the digest length in bits (b2sum -l); implies algorithm 'blake2b'. */
  readonly length?: number;
  /** A listed file that does not exist is skipped rather than reported (`--ignore-missing`). @default false */
  readonly ignoreMissing?: boolean;
}

export function resolveHashOptions(options: unknown): ResolvedHashOptions {
  const o = checkObject(options);
  const value = o['algorithms'] ?? DEFAULT_ALGORITHM;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every(isDigestKind)) {
    throw new OptionError('algorithms', `one of ${ALGORITHMS.join(', ')} (or blake2b-N) or a non-empty array of them`, value);
  }
  return { ...resolveBase(o as BaseOptions), algorithms: [...new Set(list)] };
}

const ALIASES: Readonly<Record<string, Algorithm>> = {
  'sha-256': 'sha256', 'sha-1': 'sha1', 'sha-512': 'sha512', blake2b512: 'blake2b', 'blake2b-512': 'blake2b', b2: 'blake2b',
  b3: 'blake3', xxh3_64: 'xxh3', 'xxh3-64': 'xxh3', xxhash64: 'xxh64', xxhash3: 'xxh3', xxhash128: 'xxh128', crc: 'crc32',
};

/** `--algo sha256,blake3` → ['sha256', 'blake3'] (case-insensitive, a few common aliases). */
export function parseAlgorithmList(text: string): Algorithm[] {
  const out: Algorithm[] = [];
  for (const part of text.split(',')) {
    const name = part.trim().toLowerCase();
    const algorithm = isAlgorithm(name) ? name : ALIASES[name];
    if (algorithm === undefined) throw new OptionError('algo', `a comma-separated list of ${ALGORITHMS.join(', ')}`, part);
    if (!out.includes(algorithm)) out.push(algorithm);
  }
  return out;
}
