import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { outOfDescriptors, throwIfAborted } from '../errors.js';

/** Folders read ahead of the one being handled. */
const PREFETCH = 4;

export interface WalkOptions {
  readonly dot: boolean;
  readonly follow: boolean;
  /** True for a path (as printed, and relative to the walked folder; `dir` for a folder) that is left out; undefined when nothing is. */
  readonly excluded: ((path: string, relative: string, dir: boolean) => boolean) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Yield in byte order of the printed paths (as `LC_ALL=C sort` orders them), so a sorted listing can stream. */
  readonly sorted?: boolean;
}

type Entry = { readonly abs: string; readonly printed: string; readonly relative: string; readonly file?: true };

/**
 * Every regular file under a folder, streamed depth first, in readdir order. pario walks plain folder arguments
 * itself rather than through fast-glob because fast-glob's matcher drops names that contain a newline or a carriage
 * return (they are legal on Linux, and sha256sum must see them), and because a folder it cannot read should be
 * reported, not skipped: such a folder is yielded as a path, so the worker's open names it with EACCES.
 * Symbolic links are skipped unless `follow`; followed folder links are walked once (a loop ends there).
 */
export async function* walkFolder(root: string, printed: string, options: WalkOptions): AsyncGenerator<{ path: string; abs: string }> {
  const seen = new Set<string>();
  if (options.follow) seen.add(await realpath(root).catch(() => root));
  const stack: Entry[] = [{ abs: root, printed, relative: '' }];
  // readdir of the next few folders on the stack starts early, so several are in flight on libuv's threads while
  // this one is handled; the order stays depth first.
  // Out of descriptors (EMFILE) is no fact about the folder: it ends the run (one line, cli/fatal.ts), kept as a value
  // until awaited so that an early readdir's failure is never an unhandled rejection.
  const pending = new Map<string, Promise<Dirent[] | Error | undefined>>();
  const load = (abs: string): Promise<Dirent[] | Error | undefined> => {
    let p = pending.get(abs);
    if (p === undefined) {
      p = readdir(abs, { withFileTypes: true }).catch((error: Error) => (outOfDescriptors(error) ? error : undefined));
      pending.set(abs, p);
    }
    return p;
  };
  while (stack.length > 0) {
    throwIfAborted(options.signal);
    const dir = stack.pop() as Entry;
    if (dir.file === true) {
      yield { path: dir.printed, abs: dir.abs }; // sorted mode: a file between two folders, in order
      continue;
    }
    // Sorted mode keeps files on the stack too: look at a bounded number of entries, not every pending file.
    for (let i = stack.length - 1, n = 0; i >= Math.max(0, stack.length - 64) && n < PREFETCH; i -= 1) {
      const next = stack[i] as Entry;
      if (next.file === true) continue;
      void load(next.abs);
      n += 1;
    }
    const entries = await load(dir.abs);
    pending.delete(dir.abs);
    if (entries instanceof Error) throw entries;
    if (entries === undefined) {
      yield { path: dir.printed, abs: dir.abs }; // unreadable folder: the worker reports why, naming it
      continue;
    }
    const subdirs: Entry[] = [];
    const children: { entry: Entry; key: string }[] = [];
    for (const entry of entries) {
      if (!options.dot && entry.name.startsWith('.')) continue;
      const child = { abs: under(dir.abs, entry.name), printed: dir.printed === '.' ? entry.name : under(dir.printed, entry.name), relative: dir.relative === '' ? entry.name : `${dir.relative}/${entry.name}` };
      if (options.excluded?.(child.printed, child.relative, entry.isDirectory()) === true) continue;
      let kind: 'file' | 'dir' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
      if (entry.isSymbolicLink()) {
        if (!options.follow) continue;
        kind = await stat(child.abs).then((s) => (s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other'), () => 'other' as const);
        if (kind === 'dir') {
          const real = await realpath(child.abs).catch(() => child.abs);
          if (seen.has(real)) continue;
          seen.add(real);
        }
      }
      if (options.sorted === true) {
        // A folder's files come after everything it sorts behind: its key ends with '/'.
        if (kind === 'file') children.push({ entry: { ...child, file: true }, key: entry.name });
        else if (kind === 'dir') children.push({ entry: child, key: `${entry.name}/` });
      } else if (kind === 'file') yield { path: child.printed, abs: child.abs };
      else if (kind === 'dir') subdirs.push(child);
    }
    if (options.sorted === true) {
      children.sort((a, b) => compareNames(a.key, b.key));
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push((children[i] as (typeof children)[number]).entry);
      continue;
    }
    // Depth first, in readdir order: push in reverse so the first subfolder is walked next.
    for (let i = subdirs.length - 1; i >= 0; i -= 1) stack.push(subdirs[i] as Entry);
  }
}

/** `folder/name`, without doubling the slash of a root folder ('/' → '/etc', not '//etc'). */
function under(folder: string, name: string): string {
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/**
 * Byte order of UTF-8 strings (as `LC_ALL=C sort`). UTF-8 byte order is code point order, which JS's UTF-16 order
 * matches unless a surrogate pair meets U+E000-U+FFFF: only strings with such characters pay for encoding.
 */
export function compareNames(a: string, b: string): number {
  if (ASTRAL.test(a) || ASTRAL.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : a > b ? 1 : 0;
}
const ASTRAL = /[\uD800-\uFFFF]/;
