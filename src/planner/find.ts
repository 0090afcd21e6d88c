import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import pLimit from 'p-limit';
import picomatch from 'picomatch';
import { throwIfAborted } from '../errors.js';
import { walkFilter, type IgnoreRules } from './ignore-rules.js';
import { DirTable } from './dir-table.js';
import { GLOB_FS } from './glob-fs.js';
import { givenPath, placeNamed, placeGlobbed } from './place.js';
import type { FoundAt } from './leases.js';
import { walkBatches } from './walk.js';
import type { WalkOptions } from './walk.js';
import { fsPath } from '../../workers/names.js';

/**
 * A file the planner found: `path` as pario prints it, `abs` as an absolute path (messages, mappers), `at` where
 * workers open it (a name in a folder handle; absent: `abs` as given), `index` in discovery order.
 */
export interface FoundFile {
  readonly path: string;
  readonly abs: string;
  readonly index: number;
  readonly at?: FoundAt;
}

export interface FindOptions {
  readonly cwd: string;
  readonly exclude: readonly string[];
  /** Glob patterns match names that start with a dot (folders always include them). */
  readonly dot: boolean;
  readonly follow: boolean;
  readonly recursive: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Walk folders in byte order of the paths (see walk.ts). */
  readonly sorted?: boolean;
  /** --ignore-file and --gitignore rules (ignore-rules.ts): a filter on walked and globbed paths, never on named ones. */
  readonly ignore?: IgnoreRules | undefined;
  /** The run's folder handles; the caller closes it once its tasks settled (absent: listing only, nothing opened). */
  readonly dirs?: DirTable | undefined;
  /** See WalkOptions.onTemp. */
  readonly onTemp?: WalkOptions['onTemp'];
}

/** pario's temp files, never inputs (see TEMP_NAME). */
const OWN_TEMPS = '**/.*.pario-*.tmp';

/**
 * Turns patterns into files, lazily. Glob patterns (fast-glob syntax, `!pattern` to negate) match regular files only
 * (FIFOs, sockets and devices never match, so they are never opened) and follow their own dot rule (`dot`); a plain
 * folder means every file under it, dot files included (walked by walk.ts: fast-glob cannot match names with a
 * newline); any other plain path is passed through as given, so that a missing file, a FIFO or a dangling link named
 * on the command line becomes a per-file failure instead of vanishing. Excludes without a slash match a name at any
 * depth. Sizes are not asked for here: fast-glob's `stats` costs more than reading small files; workers fstat instead.
 * Every file comes with its place in a folder handle of `options.dirs` (see place.ts).
 */
export async function* findFiles(patterns: readonly string[], options: FindOptions): AsyncGenerator<FoundFile> {
  for await (const found of findChunks(patterns, options)) yield* found;
}

/** findFiles in groups: a folder's files as the walk lists them, a named file alone, globbed files up to GLOB_GROUP. */
export async function* findChunks(patterns: readonly string[], options: FindOptions): AsyncGenerator<FoundFile[]> {
  if (options.dirs === undefined) {
    const dirs = new DirTable();
    try {
      yield* findChunks(patterns, { ...options, dirs });
    } finally {
      await dirs.close();
    }
    return;
  }
  const { cwd, signal, dirs } = options;
  const ignore = [...options.exclude, ...patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1))].map(anyDepth);
  const excluded = picomatch(ignore.length > 0 ? ignore : ['\0'], { dot: true });
  const globs: string[] = [];
  // Only a run of several patterns can find a file twice: one pattern's files are not remembered (200,000 paths).
  const seen = patterns.filter((p) => !p.startsWith('!')).length > 1 ? new Set<string>() : undefined;
  let index = 0;
  // A path named twice is taken twice (as cat and sha256sum do); a glob never repeats a file already taken.
  const take = (path: string, named: boolean, at: FoundAt, abs: string): FoundFile | undefined => {
    if (seen?.has(abs) === true && !named) return undefined;
    seen?.add(abs);
    return { path, abs, index: index++, at };
  };
  // Every pattern that names an existing path is stat()ed (concurrently: xargs may pass thousands, 16 at a time):
  // a folder is walked, a file is taken literally even when it looks like a glob (`x[1].txt`, `a\\b`: the shell
  // already expanded it), and only what exists as neither is globbed (or, if plain, reported missing by the worker).
  const limit = pLimit(16);
  const kinds = patterns.map((p) => (p.startsWith('!') ? Promise.resolve('none' as const) : limit(() => kindOf(givenPath(cwd, p)))));
  for (const [i, pattern] of patterns.entries()) {
    throwIfAborted(signal);
    if (pattern.startsWith('!')) continue;
    const kind = await kinds[i];
    if (kind === 'dir' && options.recursive) {
      const printed = trimSlashes(pattern);
      const exclude = ignore.length === 0 ? undefined : (p: string, rel: string): boolean => excluded(p) || excluded(rel);
      const root = givenPath(cwd, printed);
      const excludedHere = walkFilter(exclude, options.ignore, root);
      const walkOptions: WalkOptions = {
        follow: options.follow, signal, excluded: excludedHere, sorted: options.sorted === true, dirs, onTemp: options.onTemp,
      };
      for await (const batch of walkBatches(dirs.root(root), printed, walkOptions)) {
        const found: FoundFile[] = [];
        for (const { path, abs, at } of batch) {
          const one = take(path, false, at, abs);
          if (one !== undefined) found.push(one);
        }
        if (found.length > 0) yield found;
      }
      continue;
    }
    if (kind === 'none' && picomatch.scan(pattern).isGlob) {
      globs.push(pattern);
      continue;
    }
    if (excluded(relativeForMatch(pattern))) continue;
    const abs = givenPath(cwd, pattern);
    const found = take(pattern, true, placeNamed(dirs, abs), abs);
    if (found !== undefined) yield [found];
  }
  if (globs.length === 0) return;
  // fast-glob loads only when a pattern needs it: its import alone costs ~90 ms of every run's start.
  const { default: fg } = await import('fast-glob');
  const stream = fg.stream(globs, {
    cwd,
    dot: options.dot,
    followSymbolicLinks: options.follow,
    onlyFiles: true,
    unique: true,
    ignore: [...ignore, OWN_TEMPS],
    suppressErrors: true,
    fs: GLOB_FS as unknown as NonNullable<Parameters<typeof fg.stream>[1]>['fs'], // names that are not UTF-8 (glob-fs.ts)
  });
  const bases = globs.map((glob) => resolve(cwd, picomatch.scan(glob).base));
  const group: FoundFile[] = [];
  for await (const entry of stream as AsyncIterable<string>) {
    throwIfAborted(signal); // leaving the loop destroys the glob stream
    const abs = resolve(cwd, entry);
    if (options.ignore?.ignoresFound(abs, entry) === true) continue;
    const found = take(entry, false, placeGlobbed(dirs, bases, abs, options.follow), abs);
    if (found !== undefined && group.push(found) >= GLOB_GROUP) yield group.splice(0);
  }
  if (group.length > 0) yield group;
}

/** Globbed files handed on together, at most. */
const GLOB_GROUP = 256;

async function kindOf(path: string): Promise<'dir' | 'file' | 'none'> {
  try {
    return (await stat(fsPath(path))).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

/** An exclude without a slash matches a name at any depth. */
export function anyDepth(pattern: string): string {
  return pattern.includes('/') ? pattern : `**/${pattern}`;
}

/** A folder as named, without trailing slashes ('/' stays). */
export function trimSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function relativeForMatch(path: string): string {
  return isAbsolute(path) ? path : path.replace(/^(\.\/)+/, '');
}
