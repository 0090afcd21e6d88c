import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathFor } from '../../workers/temp-name.js';
import { sweepStale } from '../compress/temps.js';

/**
 * Writes a whole file atomically: a temp file in the same folder, fsync, rename over the final name, fsync of the
 * folder. A reader (or a killed run) sees the old file or the new one, never a torn one. The temp name is pario's
 * (workers/temp-name.ts), so a later run of this host and namespace can sweep what a killed run left. `data` may come
 * in pieces, written as they come.
 */
export async function writeAtomic(path: string, data: string | Uint8Array | Iterable<string | Uint8Array>): Promise<void> {
  await sweepStale(dirname(path)); // a run killed while writing this file left its temp here
  const temp = tempPathFor(path);
  const file = await open(temp, 'wx', 0o644);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await file.writeFile(data);
    else for (const piece of data) await file.writeFile(piece); // a large text a piece at a time (a manifest), each whole
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}
