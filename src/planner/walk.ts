import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { throwIfAborted } from '../errors.js';

/** Folders read ahead of the one being handled. */
const PREFETCH = 4;

export interface WalkOptions {
  readonly dot: boolean;
  readonly follow: boolean;
  /** True for a path (as printed, and relative to the walked folder) that is excluded; undefined when nothing is. */
  readonly excluded: ((path: string, relative: string) => boolean) | undefined;
  readonly signal?: AbortSignal | undefined;
}

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
  const stack: { abs: string; printed: string; relative: string }[] = [{ abs: root, printed, relative: '' }];
  // readdir of the next few folders on the stack starts early, so several are in flight on libuv's threads while
  // this one is handled; the order stays depth first.
  const pending = new Map<string, Promise<Dirent[] | undefined>>();
  const load = (abs: string): Promise<Dirent[] | undefined> => {
    let p = pending.get(abs);
    if (p === undefined) {
      p = readdir(abs, { withFileTypes: true }).catch(() => undefined);
      pending.set(abs, p);
    }
    return p;
  };
  while (stack.length > 0) {
    throwIfAborted(options.signal);
    const dir = stack.pop() as (typeof stack)[number];
    for (let i = stack.length - 1; i >= Math.max(0, stack.length - PREFETCH); i -= 1) void load((stack[i] as (typeof stack)[number]).abs);
    const entries = await load(dir.abs);
    pending.delete(dir.abs);
    if (entries === undefined) {
      yield { path: dir.printed, abs: dir.abs }; // unreadable folder: the worker reports why, naming it
      continue;
    }
    const subdirs: (typeof stack)[number][] = [];
    for (const entry of entries) {
      if (!options.dot && entry.name.startsWith('.')) continue;
      const child = { abs: `${dir.abs}/${entry.name}`, printed: dir.printed === '.' ? entry.name : `${dir.printed}/${entry.name}`, relative: dir.relative === '' ? entry.name : `${dir.relative}/${entry.name}` };
      if (options.excluded?.(child.printed, child.relative) === true) continue;
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
      if (kind === 'file') yield { path: child.printed, abs: child.abs };
      else if (kind === 'dir') subdirs.push(child);
    }
    // Depth first, in readdir order: push in reverse so the first subfolder is walked next.
    for (let i = subdirs.length - 1; i >= 0; i -= 1) stack.push(subdirs[i] as (typeof stack)[number]);
  }
}
