import { join } from 'node:path';
import fg from 'fast-glob';
import { Piscina } from 'piscina';
import type { WordCount } from '../lib/word-count.js';
import type { ReadTotals } from './read.js';

const WORKER = new URL('./worker.js', import.meta.url).href;

function pool(jobs: number): Piscina {
  return new Piscina({ filename: WORKER, minThreads: jobs, maxThreads: jobs, idleTimeout: 60_000 });
}

/** Keeps `window` tasks in flight until `count` are done. */
async function drain(count: number, window: number, start: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await start(next++);
  };
  await Promise.all(Array.from({ length: Math.min(window, count) }, lane));
}

/** A hand-written Piscina pool, one no-op task per item: the floor of what a task costs without batching. */
export async function noopTasks(count: number, jobs: number): Promise<ReadTotals> {
  const p = pool(jobs);
  try {
    await drain(count, jobs * 4, async () => {
      await p.run(null, { name: 'noop' });
    });
  } finally {
    await p.destroy();
  }
  return { files: count, bytes: 0 };
}

/** A hand-written Piscina pool, one task per file, each worker reading its file with readFileSync. */
export async function wordCountPool(dir: string, jobs: number): Promise<ReadTotals> {
  const files = await fg('**/*', { cwd: dir, dot: true, onlyFiles: true, absolute: false });
  const totals = { files: 0, bytes: 0, lines: 0, words: 0 };
  const p = pool(jobs);
  try {
    await drain(files.length, jobs * 4, async (i) => {
      const r = (await p.run(join(dir, files[i] ?? ''), { name: 'wordCount' })) as WordCount & { bytes: number };
      totals.files += 1;
      totals.bytes += r.bytes;
      totals.lines += r.lines;
      totals.words += r.words;
    });
  } finally {
    await p.destroy();
  }
  return totals;
}
