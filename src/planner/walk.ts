import { stat } from 'node:fs';
import { promisify } from 'node:util';
import { pathAt } from '../../workers/at.js';
import { TEMP_NAME } from '../../workers/compress-protocol.js';
import { listDir, notAFolder } from '../../workers/dir-open.js';
import { compareNames, printedUnder, relativeUnder, under } from '../../workers/names.js';
import { outOfDescriptors, throwIfAborted } from '../errors.js';
import { DirTable } from './dir-table.js';
import { handleBudget } from './fd-budget.js';
import type { DirNode } from './dir-table.js';
import type { FoundAt } from './leases.js';

const statAsync = promisify(stat);


export interface WalkOptions {
  readonly follow: boolean;
  /** True for a path (as printed, and relative to the walked folder; `dir` for a folder) that is left out; undefined when nothing is. */
  readonly excluded: ((path: string, relative: string, dir: boolean) => boolean) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Yield in byte order of the printed paths (as `LC_ALL=C sort` orders them), so a sorted listing can stream. */
  readonly sorted?: boolean;
  /** The run's folder handles (absent: the walk's own, closed when it ends: for listings that open nothing). */
  readonly dirs?: DirTable | undefined;
  /** Told of each of pario's temp files the listings meet (never yielded), so a run sweeps stale ones without listing again. */
  readonly onTemp?: ((folder: DirNode, name: string) => void) | undefined;
}

/** A file the walk found: as printed, as an absolute path, and as a name in its folder's handle. */
export interface Walked {
  readonly path: string;
  readonly abs: string;
  readonly at: FoundAt;
}

type Kind = 'file' | 'dir' | 'link' | 'other';
type Listed = { readonly name: string; readonly kind: Kind; readonly id?: string };
type Entry = { readonly node: DirNode; readonly printed: string; readonly relative: string; readonly file?: string };

/**
 * Every file under a folder, dot files included, streamed depth first in readdir order (or sorted). Each folder is
 * opened through its parent's handle without following a link (O_NOFOLLOW) and listed through its own handle, so a
 * folder swapped for a link during the run is never entered: the link is reported like any link met, not followed.
 * pario walks folders itself rather than through fast-glob because fast-glob's matcher drops names with a newline or
 * a carriage return, and because what cannot be read must be reported, not skipped. A link met is yielded (the worker
 * refuses it: "is a symbolic link, not followed", exit 1, as gzip -r) unless `follow`; followed folder links are
 * walked once (a loop ends there). pario's own temp files are never yielded; FIFOs, sockets and devices are skipped.
 */
export async function* walkFolder(root: DirNode | string, printed: string, options: WalkOptions): AsyncGenerator<Walked> {
  for await (const batch of walkBatches(root, printed, options)) yield* batch;
}

/**
 * walkFolder's files, handed over a batch at a time: those found between two waits for a listing (a folder's files,
 * in sorted mode up to the next subfolder). A stage of async iteration costs each file ~1 µs and ~1 KB of garbage.
 */
export async function* walkBatches(root: DirNode | string, printed: string, options: WalkOptions): AsyncGenerator<Walked[]> {
  if (options.dirs === undefined || typeof root === 'string') {
    const dirs = options.dirs ?? new DirTable();
    try {
      yield* walkBatches(typeof root === 'string' ? dirs.root(root) : root, printed, { ...options, dirs });
    } finally {
      if (options.dirs === undefined) await dirs.close();
    }
    return;
  }
  const { dirs, follow } = options;
  const prefetch = handleBudget().prefetch; // folders listed ahead of the one being handled
  const seen = new Set<string>();
  const stack: Entry[] = [{ node: root, printed, relative: '' }];
  // Listing the next few folders on the stack starts early, so several are in flight on libuv's threads while this
  // one is handled; the order stays depth first.
  const pending = new Map<DirNode, Promise<Listed[] | Error>>();
  const load = (node: DirNode): Promise<Listed[] | Error> => {
    let p = pending.get(node);
    if (p === undefined) {
      p = list(dirs, node, follow).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      pending.set(node, p);
    }
    return p;
  };
  let batch: Walked[] = [];
  while (stack.length > 0) {
    throwIfAborted(options.signal);
    const dir = stack.pop() as Entry;
    if (dir.file !== undefined) {
      batch.push(found(dir.node, dir.file, dir.printed, follow)); // sorted mode: a file between two folders, in order
      continue;
    }
    if (batch.length > 0) {
      yield batch; // what was found goes on before the wait for the next listing
      batch = [];
    }
    // Sorted mode keeps files on the stack too: look at a bounded number of entries, not every pending file.
    for (let i = stack.length - 1, n = 0; i >= Math.max(0, stack.length - 64) && n < prefetch; i -= 1) {
      const next = stack[i] as Entry;
      if (next.file !== undefined) continue;
      void load(next.node);
      n += 1;
    }
    const entries = await load(dir.node);
    pending.delete(dir.node);
    if (entries instanceof Error) {
      // Out of descriptors (EMFILE) is no fact about the folder: it ends the run (one line, cli/fatal.ts).
      if (outOfDescriptors(entries)) throw entries;
      batch.push(unlisted(dir, entries, follow));
      continue;
    }
    dir.node.listed = true;
    if (follow && dir.node.dev >= 0) seen.add(`${dir.node.dev}:${dir.node.ino}`);
    const subdirs: Entry[] = [];
    const children: { entry: Entry; key: string }[] = [];
    for (const { name, kind, id } of entries) {
      if (TEMP_NAME.test(name)) {
        options.onTemp?.(dir.node, name); // pario's own temp files (this run's or a killed one's) are never inputs
        continue;
      }
      const child = {
        printed: printedUnder(dir.printed, name),
        relative: relativeUnder(dir.relative, name),
      };
      if (kind === 'other' || options.excluded?.(child.printed, child.relative, kind === 'dir') === true) continue;
      if (kind === 'dir' && id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      if (options.sorted === true) {
        // A folder's files come after everything it sorts behind: its key ends with '/'.
        if (kind === 'dir') children.push({ entry: { ...child, node: dirs.child(dir.node, name, follow) }, key: `${name}/` });
        else children.push({ entry: { ...child, node: dir.node, file: name }, key: name });
      } else if (kind === 'dir') subdirs.push({ ...child, node: dirs.child(dir.node, name, follow) });
      else batch.push(found(dir.node, name, child.printed, follow));
    }
    if (options.sorted === true) {
      children.sort((a, b) => compareNames(a.key, b.key));
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push((children[i] as (typeof children)[number]).entry);
      continue;
    }
    // Depth first, in readdir order: push in reverse so the first subfolder is walked next.
    for (let i = subdirs.length - 1; i >= 0; i -= 1) stack.push(subdirs[i] as Entry);
  }
  if (batch.length > 0) yield batch;
}

function found(node: DirNode, name: string, printed: string, follow: boolean): Walked {
  return { path: printed, abs: under(node.path, name), at: { dir: node, name, follow } };
}

/**
 * A folder that could not be listed, yielded as a file so that its failure is reported naming it. One that is no
 * longer a folder (replaced by a link or a file since its parent was listed) is yielded as what it is now: the
 * worker refuses a link and reads a file, never following anything.
 */
function unlisted(dir: Entry, error: Error, follow: boolean): Walked {
  const { node } = dir;
  if (node.parent === null) {
    const fail = { code: (error as NodeJS.ErrnoException).code ?? 'ERR_PARIO_JOB', message: error.message };
    return { path: dir.printed, abs: node.path, at: { dir: null, name: node.path, follow: true, fail } };
  }
  if (notAFolder(error)) return found(node.parent, node.name, dir.printed, follow);
  const fail = { code: (error as NodeJS.ErrnoException).code ?? 'ERR_PARIO_JOB', message: error.message };
  return { path: dir.printed, abs: node.path, at: { dir: node.parent, name: node.name, follow, fail } };
}

/** The entries of a folder through its handle, links resolved (with `follow`) while the handle is held. */
async function list(dirs: DirTable, node: DirNode, follow: boolean): Promise<Listed[]> {
  const ref = await dirs.acquire(node);
  try {
    const out: Listed[] = [];
    for (const entry of await listDir(ref)) {
      if (entry.isFile()) out.push({ name: entry.name, kind: 'file' });
      else if (entry.isDirectory()) out.push({ name: entry.name, kind: 'dir' });
      else if (!entry.isSymbolicLink()) out.push({ name: entry.name, kind: 'other' });
      else if (!follow) out.push({ name: entry.name, kind: 'link' });
      else {
        const st = await statAsync(pathAt(ref, entry.name)).catch(() => undefined);
        const kind: Kind = st === undefined ? 'link' : st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
        out.push(st === undefined ? { name: entry.name, kind } : { name: entry.name, kind, id: `${st.dev}:${st.ino}` });
      }
    }
    return out;
  } finally {
    dirs.release(node);
  }
}


export { compareNames, under, utf16Ordered } from '../../workers/names.js';
