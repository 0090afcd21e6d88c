// The stat job's contract beside its types (protocol.ts): the fields a stat result keeps of a file, made the same way
// by the workers (stat.ts) and by the main thread's own stats (src/runs/select.ts).
import type { BigIntStats } from 'node:fs';

/** What the manifest check keeps of a stat: a regular file's size, inode and mtime (ns as decimal, and ms); else none. */
export function statFields(s: BigIntStats | undefined): { size: number; ino: number; mtimeNs: string; mtimeMs: number } | undefined {
  if (s === undefined || !s.isFile()) return undefined;
  return { size: Number(s.size), ino: Number(s.ino), mtimeNs: String(s.mtimeNs), mtimeMs: Number(s.mtimeNs / 1_000_000n) };
}
