// One incremental interface over every algorithm: update(bytes) as often as needed, then digest() as lowercase hex.
// node:crypto where it has the algorithm; native packages for BLAKE3 and xxHash; hash-wasm where those do not load.
// Nothing beyond node:crypto loads until an algorithm needs it (sha256 costs no start-up): native packages load on
// first use, synchronously; hash-wasm hashers are created asynchronously, so prepareHashers() makes them first.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import type { IHasher } from 'hash-wasm';
import { blake2bBits, type DigestKind } from './algorithms.js';

export interface Hasher {
  update(data: Uint8Array): void;
  /** Lowercase hex. Call exactly once, also after a failed read: a WASM hasher returns to its pool here. */
  digest(): string;
}

export type Backend = 'node:crypto' | 'native' | 'wasm';

const require = createRequire(import.meta.url);

interface BlakeModule {
  Blake3Hasher: new () => { update(input: Buffer): unknown; digest(format: string): string; reset(): void };
  Blake2BParam: new () => { hashLength(length: number): void };
  Blake2BHasher: {
    withParams(params: InstanceType<BlakeModule['Blake2BParam']>): { update(input: Buffer): unknown; digest(format: string): string };
  };
}
interface XxhashModule {
  Xxh32: new () => { update(input: Uint8Array): unknown; digest(): number; reset(): void };
  Xxh64: new () => { update(input: Uint8Array): unknown; digest(): bigint; reset(): void };
  xxh3: { Xxh3: { withSeed(): { update(input: Uint8Array): unknown; digest(): bigint; reset(): void } } };
}

const loaded = new Map<string, unknown>();
/** The first of `names` that loads (once per thread), or undefined. */
function native<T>(...names: string[]): T | undefined {
  const key = names.join(' ');
  if (!loaded.has(key)) {
    let module: unknown;
    for (const name of process.env['PARIO_NO_NATIVE_HASH'] === '1' ? [] : names) {
      try {
        module = require(name);
        break;
      } catch {
        module = undefined;
      }
    }
    loaded.set(key, module);
  }
  return loaded.get(key) as T | undefined;
}
/**
 * @napi-rs/blake-hash's entry asks process.report.getReport() whether libc is musl: 13-21 ms of every worker's start
 * here. On Linux the binary package for this machine loads directly (a wrong libc fails to load and the next is tried).
 */
const BLAKE_NAMES = process.platform === 'linux'
  ? [`@napi-rs/blake-hash-linux-${process.arch}-gnu`, `@napi-rs/blake-hash-linux-${process.arch}-musl`, '@napi-rs/blake-hash']
  : ['@napi-rs/blake-hash'];
const blake = (): BlakeModule | undefined => native<BlakeModule>(...BLAKE_NAMES);
const xxhash = (): XxhashModule | undefined => native<XxhashModule>('@node-rs/xxhash');
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

const NODE_NAMES: Partial<Record<DigestKind, string>> = {
  sha256: 'sha256', sha1: 'sha1', md5: 'md5', sha512: 'sha512', blake2b: 'blake2b512',
};

/** Which implementation createHasher() uses for an algorithm in this thread (loads the native package to find out). */
export function backendOf(algorithm: DigestKind): Backend {
  if (NODE_NAMES[algorithm] !== undefined) return 'node:crypto';
  if (algorithm === 'crc32') return zlibCrc32 ? 'node:crypto' : 'wasm';
  if (algorithm === 'blake3' || blake2bBits(algorithm) !== undefined) return blake() ? 'native' : 'wasm';
  if (algorithm === 'xxh32' || algorithm === 'xxh64' || algorithm === 'xxh3') return xxhash() ? 'native' : 'wasm';
  return 'wasm';
}

type WasmAlgorithm = 'blake3' | 'xxh32' | 'xxh64' | 'xxh3' | 'xxh128' | 'crc32';
type HashWasm = typeof import('hash-wasm');
const WASM_FACTORIES: Readonly<Record<WasmAlgorithm, (m: HashWasm) => Promise<IHasher>>> = {
  blake3: (m) => m.createBLAKE3(256),
  xxh32: (m) => m.createXXHash32(),
  xxh64: (m) => m.createXXHash64(),
  xxh3: (m) => m.createXXHash3(),
  xxh128: (m) => m.createXXHash128(),
  crc32: (m) => m.createCRC32(),
};

/** Idle hash-wasm instances; an instance goes back here when its digest has been taken. */
const idle = new Map<DigestKind, IHasher[]>();

function wasmFactory(kind: DigestKind): ((m: HashWasm) => Promise<IHasher>) | undefined {
  const bits = blake2bBits(kind);
  if (bits !== undefined && kind !== 'blake2b') return (m) => m.createBLAKE2b(bits);
  return kind in WASM_FACTORIES ? WASM_FACTORIES[kind as WasmAlgorithm] : undefined;
}

/** Makes sure `count` idle hash-wasm instances exist for each given algorithm that has a WASM build. */
export async function prepareWasm(algorithms: readonly DigestKind[], count = 1): Promise<void> {
  for (const algorithm of algorithms) {
    const factory = wasmFactory(algorithm);
    if (factory === undefined) continue;
    const list = idle.get(algorithm) ?? [];
    idle.set(algorithm, list);
    if (list.length >= count) continue;
    const m = await import('hash-wasm');
    while (list.length < count) list.push(await factory(m));
  }
}

/** True when createHasher() can run for all these algorithms now; else await prepareHashers() first. */
export function hashersReady(algorithms: readonly DigestKind[]): boolean {
  return algorithms.every((algorithm) => backendOf(algorithm) !== 'wasm' || (idle.get(algorithm)?.length ?? 0) > 0);
}

/** Loads what the algorithms need (one WASM instance each where no native build loads). */
export async function prepareHashers(algorithms: readonly DigestKind[]): Promise<void> {
  await prepareWasm(algorithms.filter((algorithm) => backendOf(algorithm) === 'wasm'));
}

function hex64(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}

/** A fresh incremental hasher. Synchronous: WASM instances come from those prepared beforehand. */
export function createHasher(algorithm: DigestKind, backend: Backend = backendOf(algorithm)): Hasher {
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
  // Each native package loads on its own algorithms' first use only (~10 ms a thread): BLAKE3 never loads xxHash.
  const bits = blake2bBits(algorithm);
  const b3 = algorithm === 'blake3' || bits !== undefined ? blake() : undefined;
  if (algorithm === 'blake3' && b3) return reused(algorithm, () => blake3Hasher(new b3.Blake3Hasher()));
  if (bits !== undefined && b3) return blake2bHasher(b3, bits);
  const xx = algorithm === 'xxh32' || algorithm === 'xxh64' || algorithm === 'xxh3' ? xxhash() : undefined;
  if (algorithm === 'xxh32' && xx) {
    return reused(algorithm, () => {
      const hasher = new xx.Xxh32();
      const digest = (): string => hasher.digest().toString(16).padStart(8, '0');
      return { update: (data) => void hasher.update(data), digest, reset: () => hasher.reset() };
    });
  }
  if ((algorithm === 'xxh64' || algorithm === 'xxh3') && xx) {
    return reused(algorithm, () => {
      const hasher = algorithm === 'xxh64' ? new xx.Xxh64() : xx.xxh3.Xxh3.withSeed();
      return { update: (data) => void hasher.update(data), digest: () => hex64(hasher.digest()), reset: () => hasher.reset() };
    });
  }
  return wasmHasher(algorithm);
}

type Resettable = Hasher & { reset(): void };

/**
 * Native hashers are made once per thread and reset for every file: a new napi-rs Blake3Hasher costs ~6.5 µs, a
 * third of hashing a 27 KB file. The idle instance is lent out and comes back with digest(); a second hasher of the
 * same algorithm wanted meanwhile (two streams at once) is a fresh one.
 */
const idleNative = new Map<DigestKind, Resettable>();
function reused(algorithm: DigestKind, make: () => Resettable): Hasher {
  const hasher = idleNative.get(algorithm) ?? make();
  idleNative.delete(algorithm);
  hasher.reset();
  return {
    update: (data) => hasher.update(data),
    digest: () => {
      const hex = hasher.digest();
      idleNative.set(algorithm, hasher);
      return hex;
    },
  };
}

function blake3Hasher(hasher: InstanceType<BlakeModule['Blake3Hasher']>): Resettable {
  const update = (data: Uint8Array): void => void hasher.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return { update, digest: () => hasher.digest('hex'), reset: () => hasher.reset() };
}

/** BLAKE2b of another length (b2sum -l N): a fresh native hasher each time, the length being part of its parameters. */
function blake2bHasher(b3: BlakeModule, bits: number): Hasher {
  const params = new b3.Blake2BParam();
  params.hashLength(bits / 8);
  const hasher = b3.Blake2BHasher.withParams(params);
  const update = (data: Uint8Array): void => void hasher.update(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return { update, digest: () => hasher.digest('hex') };
}

function wasmHasher(algorithm: DigestKind): Hasher {
  const instance = idle.get(algorithm)?.pop();
  if (instance === undefined) throw new Error(`no prepared WASM hasher for ${algorithm}: await prepareHashers() first`);
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
