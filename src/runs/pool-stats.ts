// The cron stage's stats on the pool's threads: a rerun's one stat per input (size, mtime in ns, inode, for the
// manifest check) is looked up by the workers, a group of files a task, a few groups ahead of the planning, while the
// main thread walks and plans. On the main thread (MainStats) it was a third of an unchanged rerun's wall time.
import type { FoundFile } from '../planner/find.js';
import type { ParioPool } from '../pool/pool.js';
import { runLeasedTask } from '../pool/tasks.js';
import { Pace } from '../../workers/pace.js';
import { SLOW_STAT_MS, statSyncOf, timedStat, type StatFile } from './select.js';

/** Stats a group of files (those `unstated` takes pass without one); never rejects: a file it could not stat has none. */
export type StatGroup = (files: readonly FoundFile[]) => Promise<StatFile[]>;

/**
 * Files a stat task looks up, at most: a big folder is spread over the threads. Each task costs the main thread a
 * wake of a worker (~0.5 ms on 2 cores): 200,000 files and their .gz, unchanged rerun, Node 20, 2 cores, medians of 7
 * interleaved runs: 2,048 a task took 0.92x the wall time of 512, and 4,096 0.96x of 2,048.
 */
const PER_TASK = 2048;
/** Files stat()ed on the main thread first, before any task, while those stats stay fast (MainStats' pace). */
const MAIN_FIRST = 4096;
/** Files of one folder taken at a time: a folder of a million files is planned (and stat()ed ahead) in pieces. */
const MAX_GROUP = 4096;
/** Files whose stats are asked for ahead of the planning, at least: two big pieces, or many small folders. */
const AHEAD_FILES = 2 * MAX_GROUP;

export function statOnPool(
  pool: Pick<ParioPool, 'run' | 'exited'>, signal: AbortSignal | undefined, unstated?: (file: FoundFile) => boolean,
  mainFirst = MAIN_FIRST,
): StatGroup {
  const task = async (files: readonly FoundFile[]): Promise<StatFile[]> => {
    try {
      const places = files.map((file) => file.at ?? file.abs);
      const { size, ino, mtimeNs, mtimeMs } = await runLeasedTask(pool, 'stat', places, (refs) => ({ files: refs }), signal);
      return files.map((file, i) => {
        const bytes = size[i] as number; // the worker fills every index
        if (bytes < 0) return file;
        return { ...file, stat: { size: bytes, mtimeNs: mtimeNs[i] as string, mtimeMs: mtimeMs[i] as number, ino: ino[i] as number } };
      });
    } catch {
      // Interrupted: no stat burst on the main thread before the run can end (its files are not planned any more).
      if (signal?.aborted === true) return [...files];
      // A task that failed (a worker died, the pool ended): here, as before, so no filter or entry goes without a stat
      return files.map((file) => statSyncOf(file));
    }
  };
  let onMain = mainFirst;
  // Once a batch of them is slow (a cold or remote file system), the threads take every stat from then on
  const pace = new Pace(SLOW_STAT_MS, Number.POSITIVE_INFINITY);
  return async (files) => {
    const skip = unstated === undefined ? undefined : files.map(unstated);
    const wanted = skip === undefined ? files : files.filter((_, i) => skip[i] !== true);
    // The first files here: a small rerun starts no thread (its pool is lazy)
    const here: StatFile[] = [];
    let next = 0;
    for (; next < wanted.length && onMain > 0 && pace.sync(); next += 1, onMain -= 1) here.push(timedStat(pace, wanted[next] as FoundFile));
    const pieces: (StatFile[] | Promise<StatFile[]>)[] = [here];
    for (let i = next; i < wanted.length; i += PER_TASK) pieces.push(task(wanted.slice(i, i + PER_TASK)));
    const stated = (await Promise.all(pieces)).flat();
    if (skip === undefined) return stated;
    let k = 0;
    return files.map((file, i) => (skip[i] === true ? file : (stated[k++] ?? file)));
  };
}

/**
 * The groups of `files` with their stats, looked up at least `ahead` files in advance (their tasks run while these
 * are planned). Small groups (folders of a few files) are looked up together, up to PER_TASK files a request; a group
 * larger than MAX_GROUP goes in pieces.
 */
export async function* statAhead(
  files: AsyncIterable<readonly FoundFile[]>, stat: StatGroup, ahead = AHEAD_FILES,
): AsyncGenerator<StatFile[]> {
  /** Requests in flight, each with the sizes of the groups it joined and their files in all. */
  const pending: { readonly stats: Promise<StatFile[]>; readonly sizes: number[]; readonly count: number }[] = [];
  let inFlight = 0;
  const iterator = files[Symbol.asyncIterator]();
  let ended = false;
  let joined: FoundFile[] = [];
  let sizes: number[] = [];
  const send = (): void => {
    pending.push({ stats: stat(joined), sizes, count: joined.length });
    inFlight += joined.length;
    joined = [];
    sizes = [];
  };
  try {
    for (;;) {
      while (inFlight + joined.length < ahead && !ended) {
        const next = await iterator.next();
        if (next.done === true) ended = true;
        for (let i = 0; !ended && i < next.value.length; i += MAX_GROUP) {
          const piece = next.value.slice(i, i + MAX_GROUP);
          joined.push(...piece);
          sizes.push(piece.length);
          if (joined.length >= PER_TASK) send();
        }
      }
      if (joined.length > 0) send();
      const next = pending.shift();
      if (next === undefined) return;
      inFlight -= next.count;
      const stats = await next.stats;
      let at = 0;
      for (const size of next.sizes) yield stats.slice(at, (at += size));
    }
  } finally {
    await Promise.all(pending.map(({ stats }) => stats)); // no task still uses a folder handle the walk may close
    if (!ended) await iterator.return?.();
  }
}
