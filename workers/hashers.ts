// One incremental interface over every algorithm: update(bytes) as often as needed, then digest() as lowercase hex.
// node:crypto where it has the algorithm; native packages for BLAKE3 and xxHash; hash-wasm where those do not load.
// hash-wasm hashers are created asynchronously, so the ones needed are made at module load (top-level await).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import { createBLAKE3, createCRC32, createXXHash128, createXXHash3, createXXHash64, type IHasher } from 'hash-wasm';
import type { Algorithm } from './algorithms.js';

export interface Hasher {
  update(data: Uint8Array): void;
  /** Lowercase hex. Call exactly once, also after a failed read: a WASM hasher returns to its pool here. */
  digest(): string;
}

export type Backend = 'node:crypto' | 'native' | 'wasm';

const require = createRequire(import.meta.url);

interface BlakeModule {
  Blake3Hasher: new () => { update(input: Buffer): unknown; digest(format: string): string };
}
interface XxhashModule {
  Xxh64: new () => { update(input: Uint8Array): unknown; digest(): bigint };
  xxh3: { Xxh3: { withSeed(): { update(input: Uint8Array): unknown; digest(): bigint } } };
}

function tryRequire<T>(name: string): T | undefined {
  if (process.env['PARIO_NO_NATIVE_HASH'] === '1') return undefined;
  try {
    return require(name) as T;
  } catch {
    return undefined;
  }
}

const blake = tryRequire<BlakeModule>('@napi-rs/blake-hash');
const xxhash = tryRequire<XxhashModule>('@node-rs/xxhash');
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** Which implementation createHasher() uses for each algorithm in this thread. */
export const BACKENDS: Readonly<Record<Algorithm, Backend>> = {
  sha256: 'node:crypto',
  sha1: 'node:crypto',
  md5: 'node:crypto',
  sha512: 'node:crypto',
  blake2b: 'node:crypto',
  blake3: blake ? 'native' : 'wasm',
  xxh64: xxhash ? 'native' : 'wasm',
  xxh3: xxhash ? 'native' : 'wasm',
  xxh128: 'wasm',
  crc32: zlibCrc32 ? 'node:crypto' : 'wasm',
};

const NODE_NAMES: Partial<Record<Algorithm, string>> = {
  sha256: 'sha256', sha1: 'sha1', md5: 'md5', sha512: 'sha512', blake2b: 'blake2b512',
};

type WasmAlgorithm = 'blake3' | 'xxh64' | 'xxh3' | 'xxh128' | 'crc32';
const WASM_FACTORIES: Readonly<Record<WasmAlgorithm, () => Promise<IHasher>>> = {
  blake3: () => createBLAKE3(256),
  xxh64: () => createXXHash64(),
  xxh3: () => createXXHash3(),
  xxh128: () => createXXHash128(),
  crc32: () => createCRC32(),
};

/** Idle hash-wasm instances; an instance goes back here when its digest has been taken. */
const idle = new Map<Algorithm, IHasher[]>();

/** Makes sure `count` idle hash-wasm instances exist for each algorithm that has a WASM build. */
export async function prepareWasm(algorithms: readonly Algorithm[], count = 1): Promise<void> {
  for (const algorithm of algorithms) {
    if (!(algorithm in WASM_FACTORIES)) continue;
    const list = idle.get(algorithm) ?? [];
    idle.set(algorithm, list);
    while (list.length < count) list.push(await WASM_FACTORIES[algorithm as WasmAlgorithm]());
  }
}

function hex64(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}

/** A fresh incremental hasher. Synchronous: WASM instances come from those prepared with prepareWasm(). */
export function createHasher(algorithm: Algorithm, backend: Backend = BACKENDS[algorithm]): Hasher {
  const nodeName = NODE_NAMES[algorithm];
  if (nodeName !== undefined) {
    const hash = createHash(nodeName);
    return { update: (data) => void hash.update(data), digest: () => hash.digest('hex') };
  }
  if (backend === 'wasm') return wasmHasher(algorithm);
  if (algorithm === 'crc32' && zlibCrc32) {
    let value = 0;
    return { update: (data) => void (value = zlibCrc32(data, value)), digest: () => (value >>> 0).toString(16).padStart(8, '0') };
  }
  if (algorithm === 'blake3' && blake) {
    const hasher = new blake.Blake3Hasher();
    const update = (data: Uint8Array): void => void hasher.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return { update, digest: () => hasher.digest('hex') };
  }
  if (algorithm === 'xxh64' && xxhash) {
    const hasher = new xxhash.Xxh64();
    return { update: (data) => void hasher.update(data), digest: () => hex64(hasher.digest()) };
  }
  if (algorithm === 'xxh3' && xxhash) {
    const hasher = xxhash.xxh3.Xxh3.withSeed();
    return { update: (data) => void hasher.update(data), digest: () => hex64(hasher.digest()) };
  }
  return wasmHasher(algorithm);
}

function wasmHasher(algorithm: Algorithm): Hasher {
  const instance = idle.get(algorithm)?.pop();
  if (instance === undefined) throw new Error(`no prepared WASM hasher for ${algorithm}: call prepareWasm() first`);
  instance.init();
  return {
    update: (data) => void instance.update(data),
    digest: () => {
      const hex = instance.digest('hex');
      idle.get(algorithm)?.push(instance);
      return hex;
    },
  };
}

await prepareWasm((Object.keys(BACKENDS) as Algorithm[]).filter((algorithm) => BACKENDS[algorithm] === 'wasm'));
