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
/** Files stat()ed on the main thread first, before any task; SYNC_BATCH at a time, while each takes under SLOW_MS. */
const MAIN_FIRST = 4096;
const SYNC_BATCH = 32;
const SLOW_MS = 0.25;
/** Files of one folder taken at a time: a folder of a million files is planned (and stat()ed ahead) in pieces. */
const MAX_GROUP = 4096;

/** Milliseconds of a decimal nanosecond count, truncated toward zero as BigInt division is. */
function millis(ns: string): number {
  const negative = ns.startsWith('-');
  const digits = negative ? ns.slice(1) : ns;
  const ms = digits.length > 6 ? Number(digits.slice(0, -6)) : 0;
  return negative ? -ms : ms;
}

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
        return { ...file, stat: { size: bytes, mtimeNs: ns, mtimeMs: millis(ns), ino: ino[i] ?? 0 } };
      });
    } catch {
      // A task that failed (a worker died, the pool ended): here, as before, so no filter or entry goes without a stat
      return files.map((file) => statSyncOf(file));
    }
  };
  let onMain = mainFirst;
  return async (files) => {
    const skip = unstated === undefined ? undefined : files.map(unstated);
    const wanted = skip === undefined ? files : files.filter((_, i) => skip[i] !== true);
    // The first files here (a small rerun starts no thread: its pool is lazy), SYNC_BATCH at a time while stats stay
    // fast; a slow batch (a cold or remote file system) sends the rest to the threads at once
    const pieces: (StatFile[] | Promise<StatFile[]>)[] = [];
    let next = 0;
    while (onMain > 0 && next < wanted.length) {
      const end = Math.min(wanted.length, next + Math.min(onMain, SYNC_BATCH));
      const started = performance.now();
      pieces.push(wanted.slice(next, end).map((file) => statSyncOf(file)));
      onMain = (performance.now() - started) / (end - next) > SLOW_MS ? 0 : onMain - (end - next);
      next = end;
    }
    for (let i = next; i < wanted.length; i += PER_TASK) pieces.push(task(wanted.slice(i, i + PER_TASK)));
    const stated = (await Promise.all(pieces)).flat();
    if (skip === undefined) return stated;
    let k = 0;
    return files.map((file, i) => (skip[i] === true ? file : (stated[k++] ?? file)));
  };
}

/**
 * The groups of `files` with their stats, taken `ahead` groups in advance (their tasks run while these are planned);
 * a group larger than MAX_GROUP is taken in pieces of that size.
 */
export async function* statAhead(
  files: AsyncIterable<readonly FoundFile[]>, stat: StatGroup, ahead = 2,
): AsyncGenerator<StatFile[]> {
  const pending: Promise<StatFile[]>[] = [];
  const iterator = files[Symbol.asyncIterator]();
  let group: readonly FoundFile[] = [];
  let taken = 0;
  let ended = false;
  try {
    for (;;) {
      while (pending.length < ahead && (taken < group.length || !ended)) {
        if (taken === group.length) {
          const next = await iterator.next();
          if (next.done === true) ended = true;
          else (group = next.value), (taken = 0);
          continue;
        }
        pending.push(stat(group.slice(taken, taken + MAX_GROUP)));
        taken = Math.min(group.length, taken + MAX_GROUP);
      }
      const next = pending.shift();
      if (next === undefined) return;
      yield await next;
    }
  } finally {
    await Promise.all(pending); // no task still uses a folder handle the walk may close
    if (!ended) await iterator.return?.();
  }
}
