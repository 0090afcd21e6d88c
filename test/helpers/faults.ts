// Shared pieces of the fault suite (test/faults): a generated tree kept in memory as the oracle, walking a tree,
// pario's temp names, waiting for a child, and checking compressed outputs with the system tools.
import { spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEMP_NAME } from '../../workers/compress-protocol.js';
import { content, rng } from './tree.js';

/** Relative path → bytes; the originals a test wrote, kept to compare outputs with. */
export type Tree = Map<string, Buffer>;

/** `count` files of 0 … maxSize bytes in nested folders, plus `big` files of `bigSize` bytes (text and binary). */
export function genTree(count: number, maxSize: number, big: number, bigSize: number, seed = 7): Tree {
  const random = rng(seed);
  const tree: Tree = new Map();
  for (let i = 0; i < count; i += 1) {
    const size = i % 50 === 0 ? 0 : Math.floor(random() * maxSize);
    tree.set(join(`d${i % 13}`, `e${i % 4}`, `f${i}.${i % 3 === 0 ? 'bin' : 'txt'}`), content(random, size, i % 3 !== 0));
  }
  for (let i = 0; i < big; i += 1) tree.set(`big${i}.${i % 2 === 0 ? 'txt' : 'bin'}`, content(random, bigSize, i % 2 === 0));
  return tree;
}

export function writeTree(root: string, tree: Tree, suffix = ''): void {
  for (const [rel, data] of tree) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel + suffix), data);
  }
}

/** Every file under `root` (relative paths), temp files included. */
export function walk(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...walk(root, rel));
    else out.push(rel);
  }
  return out;
}

export const isTemp = (rel: string): boolean => TEMP_NAME.test(rel.split('/').pop() ?? '');
export const temps = (root: string): string[] => walk(root).filter(isTemp);

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Polls `test` every 10 ms until it holds or the child has exited (or 30 s); returns whether it held. */
export async function waitFor(test: () => boolean, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 3000; i += 1) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const TOOL: Readonly<Record<string, string>> = { '.gz': 'gzip', '.zst': 'zstd' };

/**
 * Checks outputs with the system tool: `tool -t` on all of them at once, then `tool -dc` of all of them, whose
 * concatenated bytes must equal the originals' in the same order. Returns the number of outputs checked.
 */
export function checkOutputs(root: string, tree: Tree, ext: string): number {
  const present = walk(root).filter((rel) => rel.endsWith(ext) && !isTemp(rel) && tree.has(rel.slice(0, -ext.length)));
  if (present.length === 0) return 0;
  const tool = TOOL[ext] ?? '';
  const tested = spawnSync(tool, ['-t', '-q', ...present], { cwd: root, encoding: 'utf8' });
  if (tested.status !== 0) throw new Error(`${tool} -t failed: ${tested.stderr}`);
  const decoded = spawnSync(tool, ['-dc', ...present], { cwd: root, maxBuffer: 1 << 30 });
  if (decoded.status !== 0) throw new Error(`${tool} -dc failed: ${String(decoded.stderr)}`);
  const expected = Buffer.concat(present.map((rel) => tree.get(rel.slice(0, -ext.length)) ?? Buffer.alloc(0)));
  if (!expected.equals(decoded.stdout)) throw new Error(`${tool} -dc of ${present.length} outputs differs from the originals`);
  return present.length;
}
