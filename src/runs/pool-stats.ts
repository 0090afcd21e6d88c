// The cron stage's stats on the pool's threads: a rerun's one stat per input (size, mtime in ns, inode, for the
// manifest check) is looked up by the workers, a group of files a task, a few groups ahead of the planning, while the
// main thread walks and plans. On the main thread (MainStats) it was a third of an unchanged rerun's wall time.
import type { FoundFile } from '../planner/find.js';
import type { ParioPool } from '../pool/pool.js';
import { runLeasedTask } from '../pool/tasks.js';
import { statSyncOf, type StatFile } from './select.js';

/** Stats a group of files (those `unstated` takes pass without one); never rejects: a file it could not stat has none. */
export type StatGroup = (files: readonly FoundFile[]) => Promise<StatFile[]>;

/** Files a stat task looks up, at most: a big folder is spread over the threads. */
const PER_TASK = 512;
/** Files stat()ed on the main thread first, before any task. */
const MAIN_FIRST = 4096;

export function statOnPool(
  pool: Pick<ParioPool, 'run' | 'exited'>, signal: AbortSignal | undefined, unstated?: (file: FoundFile) => boolean,
  mainFirst = MAIN_FIRST,
): StatGroup {
  const task = async (files: readonly FoundFile[]): Promise<StatFile[]> => {
    try {
      const places = files.map((file) => file.at ?? file.abs);
      const { size, ino, mtimeNs } = await runLeasedTask(pool, 'stat', places, (refs) => ({ files: refs }), signal);
      return files.map((file, i) => {
        const bytes = size[i] ?? -1;
        if (bytes < 0) return file;
        const ns = mtimeNs[i] ?? '0';
        return { ...file, stat: { size: bytes, mtimeNs: ns, mtimeMs: Number(ns.slice(0, -6)), ino: ino[i] ?? 0 } };
      });
    } catch {
      return [...files]; // an abort ends the run; a dead worker: the files are read, and what fails says why
    }
  };
  let onMain = mainFirst;
  return async (files) => {
    const skip = unstated === undefined ? undefined : files.map(unstated);
    const wanted = skip === undefined ? files : files.filter((_, i) => skip[i] !== true);
    // The first files here: a small rerun starts no thread (its pool is lazy)
    const here = Math.min(onMain, wanted.length);
    onMain -= here;
    const pieces: (StatFile[] | Promise<StatFile[]>)[] = [wanted.slice(0, here).map((file) => statSyncOf(file))];
    for (let i = here; i < wanted.length; i += PER_TASK) pieces.push(task(wanted.slice(i, i + PER_TASK)));
    const stated = (await Promise.all(pieces)).flat();
    if (skip === undefined) return stated;
    let k = 0;
    return files.map((file, i) => (skip[i] === true ? file : (stated[k++] ?? file)));
  };
}

/** The groups of `files` with their stats, taken `ahead` groups in advance (their tasks run while these are planned). */
export async function* statAhead(
  files: AsyncIterable<readonly FoundFile[]>, stat: StatGroup, ahead = 2,
): AsyncGenerator<StatFile[]> {
  const pending: Promise<StatFile[]>[] = [];
  const iterator = files[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (;;) {
      while (!ended && pending.length < ahead) {
        const next = await iterator.next();
        if (next.done === true) ended = true;
        else pending.push(stat(next.value));
      }
      const group = pending.shift();
      if (group === undefined) return;
      yield await group;
    }
  } finally {
    await Promise.all(pending); // no task still uses a folder handle the walk may close
    if (!ended) await iterator.return?.();
  }
}
