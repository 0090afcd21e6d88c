import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { FoundFile } from '../planner/find.js';
import type { Share } from './shard-env.js';
import { fsPath } from '../../workers/names.js';

/** A found file with what stat() said (undefined when stat failed: the worker will report why). */
export interface StatFile extends FoundFile {
  readonly stat?: { readonly size: number; readonly mtimeNs: bigint; readonly mtimeMs: number; readonly ino: number };
}

/**
 * stat()s files on the main thread without blocking it: async, `concurrency` at once, yielding in the input order.
 * Only cron-mode selections (age, size, manifest) need it; plain runs let workers fstat instead. Files `unstated`
 * takes are passed on without a stat.
 */
export async function* statFiles(
  files: AsyncIterable<FoundFile>, concurrency = 32, unstated?: (file: FoundFile) => boolean,
): AsyncGenerator<StatFile> {
  const queue: Promise<StatFile>[] = [];
  const statOne = async (file: FoundFile): Promise<StatFile> => {
    if (unstated?.(file) === true) return file;
    try {
      const s = await stat(fsPath(file.abs), { bigint: true });
      if (!s.isFile()) return file;
      return { ...file, stat: { size: Number(s.size), mtimeNs: s.mtimeNs, mtimeMs: Number(s.mtimeNs / 1_000_000n), ino: Number(s.ino) } };
    } catch {
      return file;
    }
  };
  for await (const file of files) {
    queue.push(statOne(file));
    if (queue.length >= concurrency) yield await (queue.shift() as Promise<StatFile>);
  }
  while (queue.length > 0) yield await (queue.shift() as Promise<StatFile>);
}

export interface Selection {
  readonly olderThanMs?: number | undefined;
  readonly newerThanMs?: number | undefined;
  readonly minSize?: number | undefined;
  readonly maxSize?: number | undefined;
  readonly shard?: Share | undefined;
}

export function needsStat(s: Selection): boolean {
  return s.olderThanMs !== undefined || s.newerThanMs !== undefined || s.minSize !== undefined || s.maxSize !== undefined;
}

/** Why a file is left out, or undefined when it is selected. Files whose stat failed stay in, to be reported. */
export function leftOutBy(file: StatFile, s: Selection, cwd: string, now: number): string | undefined {
  if (s.shard !== undefined && shardOf(relativeTo(cwd, file.abs), s.shard.count) !== s.shard.index) return 'shard';
  const st = file.stat;
  if (st === undefined) return undefined;
  if (s.olderThanMs !== undefined && now - st.mtimeMs < s.olderThanMs) return 'newer than --older-than';
  if (s.newerThanMs !== undefined && now - st.mtimeMs > s.newerThanMs) return 'older than --newer-than';
  if (s.minSize !== undefined && st.size < s.minSize) return 'smaller than --min-size';
  if (s.maxSize !== undefined && st.size > s.maxSize) return 'larger than --max-size';
  return undefined;
}

/** `relative(cwd, abs)`, by slicing when `abs` is under `cwd` (both resolved): path.relative costs ~1 µs a file. */
export function relativeTo(cwd: string, abs: string): string {
  const under = cwd.length > 1 && abs.length > cwd.length + 1 && abs.charCodeAt(cwd.length) === 47 && abs.startsWith(cwd);
  return under ? abs.slice(cwd.length + 1) : relative(cwd, abs);
}

/**
 * Which of `count` shards (1 … count) a path belongs to: FNV-1a of its UTF-8 bytes, relative to the run's folder, so
 * N machines that run `--shard K/N` over the same tree cover every file exactly once, with no coordination.
 */
export function shardOf(path: string, count: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(path, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // murmur3's finaliser spreads FNV's weak low bits before the modulo.
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) >>> 0;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return (hash % count) + 1;
}
