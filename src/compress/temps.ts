// Removing temp files: this run's after an interrupt or a crash of the run (workers may die mid-write), and those that
// killed runs of this host and PID namespace left behind (never those of a live run, nor of another container's).
import { join } from 'node:path';
import { listDir } from '../../workers/dir-open.js';
import type { DirRef } from '../../workers/file-protocol.js';
import { removeTemp } from '../../workers/remove.js';
import { isDeadHere, parseTempName, thisWriter } from '../../workers/temp-name.js';
import type { DirNode } from '../planner/dir-table.js';
import { listNames } from '../planner/glob-fs.js';

/** A folder to sweep: through the run's handle of it, or by its path where the run has none. */
export type Folder = DirNode | string;

/**
 * Removes the temp files of process `pid` of this host and namespace (default: this process) from each folder.
 * Returns how many were removed.
 */
export async function sweepTemps(folders: Iterable<Folder>, pid = process.pid): Promise<number> {
  const me = thisWriter();
  return sweep(folders, (name) => {
    const writer = parseTempName(name);
    return writer !== undefined && writer.pid === pid && writer.owner === me.owner && (pid !== me.pid || writer.start === me.start);
  });
}

/**
 * Removes the temp files that killed runs left in a folder: pario's temp name, written on this host in this PID
 * namespace by a process that is gone (see isDeadHere). Temps of live runs, of other namespaces (a container sharing
 * the tree) and of older pario versions (their names do not say where they come from) are left alone.
 */
export async function sweepStale(folder: Folder): Promise<number> {
  return sweep([folder], isStale);
}

/** Whether a temp file the walk met is one a killed run left (see sweepStale). */
export function isStale(name: string): boolean {
  const writer = parseTempName(name);
  return writer !== undefined && isDeadHere(writer);
}

/** Removes one temp file the walk met, through its folder's handle. */
export function removeTempAt(folder: DirNode, name: string): Promise<boolean> {
  return inFolder(folder, (dir) => removeTemp(dir, name), false);
}

async function sweep(folders: Iterable<Folder>, doomed: (name: string) => boolean): Promise<number> {
  let removed = 0;
  for (const folder of folders) {
    if (typeof folder === 'string') {
      removed += await sweepByPath(folder, doomed);
      continue;
    }
    removed += await inFolder(folder, async (dir) => {
      let here = 0;
      try {
        for (const { name } of await listDir(dir)) if (doomed(name) && removeTemp(dir, name)) here += 1;
      } catch {
        // unlistable: nothing removed
      }
      return here;
    }, 0);
  }
  return removed;
}

/**
 * `use` of the folder's handle, held while it runs; `gone` when the folder cannot be had (gone, or replaced by
 * something that is not that folder: nothing of ours there).
 */
async function inFolder<T>(folder: DirNode, use: (dir: DirRef) => T | Promise<T>, gone: T): Promise<T> {
  let dir: DirRef;
  try {
    dir = await folder.table.acquire(folder);
  } catch {
    return gone;
  }
  try {
    return await use(dir);
  } finally {
    folder.table.release(folder);
  }
}

/** A folder the run holds no handle for (a file named as given, outside any walked folder). */
async function sweepByPath(folder: string, doomed: (name: string) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await listNames(folder); // names that are not UTF-8 too
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (doomed(name) && removeTemp(null, join(folder, name))) removed += 1;
  }
  return removed;
}

/**
 * Whether process `pid` runs here (EPERM: it does, as another user). A bare PID says nothing of another PID
 * namespace: names that should be swept across containers carry a writer token instead (workers/temp-name.ts).
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
