// The sorted file list `pario hash` works on. A pattern that names an existing file is taken literally, as sha256sum
// would take it: fast-glob reads a backslash as an escape and `*`, `(`, `[` as pattern syntax, so without this a file
// named `a\b` or `x[1]` that the shell already expanded would silently drop out of the manifest.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findFiles, type FindOptions } from '../planner/find.js';

export interface ListedFile {
  readonly path: string;
  readonly abs: string;
}

/** Byte order of the UTF-8 paths (as `LC_ALL=C sort`), so two runs print identical files whatever `jobs` is. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export async function listSorted(patterns: readonly string[], options: FindOptions): Promise<ListedFile[]> {
  const literal: ListedFile[] = [];
  const rest: string[] = [];
  for (const pattern of patterns) {
    if (!pattern.startsWith('!') && (await isFile(resolve(options.cwd, pattern)))) literal.push({ path: pattern, abs: resolve(options.cwd, pattern) });
    else rest.push(pattern);
  }
  const seen = new Set(literal.map((f) => f.abs));
  const files = [...literal];
  if (rest.some((p) => !p.startsWith('!'))) {
    for await (const found of findFiles(rest, options)) {
      if (seen.has(found.abs)) continue;
      seen.add(found.abs);
      files.push({ path: found.path, abs: found.abs });
    }
  }
  return files.sort((a, b) => comparePaths(a.path, b.path));
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
