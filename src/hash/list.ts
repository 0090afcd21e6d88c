// The sorted file list `pario hash` works on.
import { stat } from 'node:fs/promises';
import { findChunks, findFiles, type FindOptions, type FoundFile } from '../planner/find.js';
import { groups } from '../pool/groups.js';
import { compareNames } from '../planner/walk.js';
import { givenPath } from '../planner/place.js';
import { fsPath } from '../../workers/names.js';

export interface ListedFile {
  readonly path: string;
  readonly abs: string;
}

/**
 * Every file the patterns name (see findFiles: existing names are taken literally), sorted by path in byte order (as
 * `LC_ALL=C sort`), so two runs print identical files whatever `jobs` is.
 */
export async function listSorted(patterns: readonly string[], options: FindOptions): Promise<ListedFile[]> {
  const files: ListedFile[] = [];
  for await (const found of findFiles(patterns, options)) files.push({ path: found.path, abs: found.abs });
  return files.sort((a, b) => compareNames(a.path, b.path));
}

/**
 * The same list as listSorted, streamed in groups: one folder is walked in sorted order, so the first files reach the
 * workers while the walk goes on; anything else (several patterns, globs) is listed and sorted first.
 */
export async function streamSorted(patterns: readonly string[], options: FindOptions): Promise<AsyncIterable<FoundFile[]>> {
  if ((await oneFolder(patterns, options)) !== undefined) return findChunks(patterns, { ...options, sorted: true });
  return groups((await listSorted(patterns, options)).map((file, index) => ({ ...file, index })), LISTED_GROUP);
}

/** The one pattern, when the run names exactly one folder to walk (not a negation, and with recursion). */
export async function oneFolder(patterns: readonly string[], options: Pick<FindOptions, 'cwd' | 'recursive'>): Promise<string | undefined> {
  const [only] = patterns;
  if (patterns.length !== 1 || only === undefined || only.startsWith('!') || !options.recursive) return undefined;
  return (await stat(fsPath(givenPath(options.cwd, only))).then((s) => s.isDirectory(), () => false)) ? only : undefined;
}

/** Listed files handed on together, at most. */
const LISTED_GROUP = 256;
