// The sorted file list `pario hash` works on.
import { findFiles, type FindOptions } from '../planner/find.js';

export interface ListedFile {
  readonly path: string;
  readonly abs: string;
}

/** Byte order of the UTF-8 paths (as `LC_ALL=C sort`), so two runs print identical files whatever `jobs` is. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Every file the patterns name (see findFiles: existing names are taken literally), sorted by path. */
export async function listSorted(patterns: readonly string[], options: FindOptions): Promise<ListedFile[]> {
  const keyed: { key: Buffer; file: ListedFile }[] = [];
  for await (const found of findFiles(patterns, options)) keyed.push({ key: Buffer.from(found.path), file: { path: found.path, abs: found.abs } });
  return keyed.sort((a, b) => Buffer.compare(a.key, b.key)).map((k) => k.file); // encode each path once, not per comparison
}
