import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import pLimit from 'p-limit';
import picomatch from 'picomatch';
import { throwIfAborted } from '../errors.js';
import { walkFilter, type IgnoreRules } from './ignore-rules.js';
import { walkFolder } from './walk.js';

/** A file the planner found: `path` as pario prints it, `abs` as workers open it, `index` in discovery order. */
export interface FoundFile {
  readonly path: string;
  readonly abs: string;
  readonly index: number;
}

export interface FindOptions {
  readonly cwd: string;
  readonly exclude: readonly string[];
  readonly dot: boolean;
  readonly follow: boolean;
  readonly recursive: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Walk folders in byte order of the paths (see walk.ts). */
  readonly sorted?: boolean;
  /** --ignore-file and --gitignore rules (ignore-rules.ts): a filter on walked and globbed paths, never on named ones. */
  readonly ignore?: IgnoreRules | undefined;
}

/**
 * Turns patterns into files, lazily. Glob patterns (fast-glob syntax, `!pattern` to negate) match regular files only
 * (FIFOs, sockets and devices never match, so they are never opened); a plain folder means every file under it
 * (walked by walk.ts: fast-glob cannot match names with a newline);
 * any other plain path is passed through as given, so that a missing file, a FIFO or a dangling link named on the
 * command line becomes a per-file failure instead of vanishing. Excludes without a slash match a name at any depth.
 * Sizes are not asked for here: fast-glob's `stats` costs more than reading small files; workers fstat instead.
 */
export async function* findFiles(patterns: readonly string[], options: FindOptions): AsyncGenerator<FoundFile> {
  const { cwd, signal } = options;
  const ignore = [...options.exclude, ...patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1))].map(anyDepth);
  const excluded = picomatch(ignore.length > 0 ? ignore : ['\0'], { dot: true });
  const globs: string[] = [];
  const seen = new Set<string>();
  let index = 0;
  // A path named twice is taken twice (as cat and sha256sum do); a glob never repeats a file already taken.
  const take = (path: string, named: boolean, abs = resolve(cwd, path)): FoundFile | undefined => {
    if (seen.has(abs) && !named) return undefined;
    seen.add(abs);
    return { path, abs, index: index++ };
  };
  // Every pattern that names an existing path is stat()ed (concurrently: xargs may pass thousands, 16 at a time):
  // a folder is walked, a file is taken literally even when it looks like a glob (`x[1].txt`, `a\\b`: the shell
  // already expanded it), and only what exists as neither is globbed (or, if plain, reported missing by the worker).
  const limit = pLimit(16);
  const kinds = patterns.map((p) => (p.startsWith('!') ? Promise.resolve('none' as const) : limit(() => kindOf(resolve(cwd, p)))));
  for (const [i, pattern] of patterns.entries()) {
    throwIfAborted(signal);
    if (pattern.startsWith('!')) continue;
    const kind = await kinds[i];
    if (kind === 'dir' && options.recursive) {
      const printed = trimSlashes(pattern);
      const exclude = ignore.length === 0 ? undefined : (p: string, rel: string): boolean => excluded(p) || excluded(rel);
      const root = resolve(cwd, printed);
      const excludedHere = walkFilter(exclude, options.ignore, root);
      const walk = walkFolder(root, printed, { dot: options.dot, follow: options.follow, signal, excluded: excludedHere, sorted: options.sorted === true });
      for await (const { path, abs } of walk) {
        const found = take(path, false, abs);
        if (found !== undefined) yield found;
      }
      continue;
    }
    if (kind === 'none' && picomatch.scan(pattern).isGlob) {
      globs.push(pattern);
      continue;
    }
    if (excluded(relativeForMatch(pattern))) continue;
    const found = take(pattern, true);
    if (found !== undefined) yield found;
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
    ignore,
    suppressErrors: true,
  });
  for await (const entry of stream as AsyncIterable<string>) {
    throwIfAborted(signal); // leaving the loop destroys the glob stream
    if (options.ignore?.ignoresFound(resolve(cwd, entry), entry) === true) continue;
    const found = take(entry, false);
    if (found !== undefined) yield found;
  }
}

async function kindOf(path: string): Promise<'dir' | 'file' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

function anyDepth(pattern: string): string {
  return pattern.includes('/') ? pattern : `**/${pattern}`;
}

function trimSlashes(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function relativeForMatch(path: string): string {
  return isAbsolute(path) ? path : path.replace(/^(\.\/)+/, '');
}
