import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32), so generated trees are the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes that look like text or like binary, from a seed. */
export function content(random: () => number, size: number, text: boolean): Buffer {
  const out = Buffer.allocUnsafe(size);
  const words = ['pario', 'const', 'return', 'function', 'worker', 'buffer', 'the', 'file', ' ', '\n', 'shared', '{', '}', '(x)'];
  if (text) {
    let i = 0;
    while (i < size) i += out.write(words[Math.floor(random() * words.length)] ?? ' ', i);
    return out;
  }
  for (let i = 0; i < size; i += 1) out[i] = Math.floor(random() * 256);
  return out;
}

/** Writes `count` files of 0 … maxSize bytes under `root`, spread over nested folders; returns their relative paths. */
export function makeTree(root: string, count: number, maxSize: number, seed = 1): string[] {
  const random = rng(seed);
  const paths: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const dir = join(`d${i % 17}`, `e${i % 5}`);
    mkdirSync(join(root, dir), { recursive: true });
    const rel = join(dir, `f${i}.${i % 3 === 0 ? 'bin' : 'txt'}`);
    writeFileSync(join(root, rel), content(random, Math.floor(random() * maxSize), i % 3 !== 0));
    paths.push(rel);
  }
  return paths;
}
