import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sweepStale } from '../compress/temps.js';

/**
 * Writes a whole file atomically: a temp file in the same folder, fsync, rename over the final name, fsync of the
 * folder. A reader (or a killed run) sees the old file or the new one, never a torn one. The temp name follows
 * pario's pattern (`.NAME.pario-PID-RAND.tmp`) so a later run can sweep leftovers.
 */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await sweepStale(dirname(path)); // a run killed while writing this file left its temp here
  const temp = join(dirname(path), `.${basename(path)}.pario-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', 0o644);
  try {
    await file.writeFile(data);
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
