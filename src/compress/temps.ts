// Removing this process's temp files after an interrupt or a crash of the run (workers may die mid-write).
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_NAME } from '../../workers/compress-protocol.js';

/** Removes `.<name>.pario-<pid>-<rand>.tmp` files of process `pid` (default: this one) from each folder. */
export async function sweepTemps(folders: Iterable<string>, pid = process.pid): Promise<number> {
  let removed = 0;
  for (const folder of folders) {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMP_NAME.exec(name);
      if (match === null || Number(match[1]) !== pid) continue;
      try {
        await unlink(join(folder, name));
        removed += 1;
      } catch { /* already gone */ }
    }
  }
  return removed;
}

/**
 * Removes temp files that killed runs left in a folder: pario's name pattern, and a pid that is no longer alive on
 * this machine (a live pid may be another pario run writing right now; its temps are left alone).
 */
export async function sweepStale(folder: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[1] ?? NaN);
    if (Number.isNaN(pid) || pid === process.pid || alive(pid)) continue;
    await unlink(join(folder, name)).then(() => void (removed += 1), () => undefined);
  }
  return removed;
}

/** Whether process `pid` runs (EPERM: it does, as another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
