// Removing temp files: this run's after an interrupt or a crash of the run (workers may die mid-write), and those that
// killed runs of this host and PID namespace left behind (never those of a live run, nor of another container's).
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeadHere, parseTempName, thisWriter } from '../../workers/temp-name.js';
import { fsPath } from '../../workers/names.js';
import { listNames } from '../planner/glob-fs.js';

/**
 * Removes the temp files of process `pid` of this host and namespace (default: this process) from each folder.
 * Returns how many were removed.
 */
export async function sweepTemps(folders: Iterable<string>, pid = process.pid): Promise<number> {
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
export async function sweepStale(folder: string): Promise<number> {
  return sweep([folder], (name) => {
    const writer = parseTempName(name);
    return writer !== undefined && isDeadHere(writer);
  });
}

async function sweep(folders: Iterable<string>, doomed: (name: string) => boolean): Promise<number> {
  let removed = 0;
  for (const folder of folders) {
    let names: string[];
    try {
      names = await listNames(folder); // names that are not UTF-8 too
    } catch {
      continue;
    }
    for (const name of names) {
      if (!doomed(name)) continue;
      await unlink(fsPath(join(folder, name))).then(() => void (removed += 1), () => undefined);
    }
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
